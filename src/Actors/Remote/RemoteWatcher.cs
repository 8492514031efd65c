using ActorWarehouse.Actors.Dispatch;
using ActorWarehouse.Actors.Remote.Transport;

namespace ActorWarehouse.Actors.Remote;

/// <summary>
/// Remote DeathWatch's failure detection: which local actors watch which remote actors, and a periodic check
/// that declares a watched peer lost after <c>acceptable-heartbeat-pause</c> of silence (peers send heartbeats
/// every <c>heartbeat-interval</c>). A lost peer is quarantined and every watcher of its actors gets
/// <c>Terminated(AddressTerminated = true)</c>.
/// </summary>
internal sealed class RemoteWatcher(RemoteActorRefProvider provider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Address, Dictionary<RemoteActorRef, HashSet<InternalActorRef>>> _watches = new();
    private Timer? _timer;

    public void Start()
    {
        var interval = provider.Settings.HeartbeatInterval;
        _timer = new Timer(_ => Check(), null, interval, interval);
    }

    public void Stop() => _timer?.Dispose();

    public void AddWatch(RemoteActorRef watchee, InternalActorRef watcher)
    {
        var association = provider.AssociationFor(watchee.Path.Address);
        lock (_lock)
        {
            if (!_watches.TryGetValue(watchee.Path.Address, out var byWatchee))
            {
                _watches[watchee.Path.Address] = byWatchee = new Dictionary<RemoteActorRef, HashSet<InternalActorRef>>();
                association.WatchStartTicks = Environment.TickCount64;
            }
            if (!byWatchee.TryGetValue(watchee, out var watchers)) byWatchee[watchee] = watchers = [];
            watchers.Add(watcher);
        }
    }

    public void RemoveWatch(RemoteActorRef watchee, InternalActorRef watcher)
    {
        lock (_lock)
        {
            if (!_watches.TryGetValue(watchee.Path.Address, out var byWatchee)) return;
            if (byWatchee.TryGetValue(watchee, out var watchers))
            {
                watchers.Remove(watcher);
                if (watchers.Count == 0) byWatchee.Remove(watchee);
            }
            if (byWatchee.Count == 0) _watches.Remove(watchee.Path.Address);
        }
    }

    public int WatchedAddressCount { get { lock (_lock) return _watches.Count; } }

    private void Check()
    {
        long now = Environment.TickCount64;
        long pause = (long)provider.Settings.AcceptableHeartbeatPause.TotalMilliseconds;
        List<Address> lost = [];
        List<Association> alive = [];
        lock (_lock)
        {
            foreach (var address in _watches.Keys)
            {
                if (provider.IsManagedByCluster?.Invoke(address) == true) continue;
                var association = provider.AssociationFor(address);
                long last = Math.Max(Volatile.Read(ref association.LastHeardTicks), association.WatchStartTicks);
                if (now - last > pause) lost.Add(address);
                else alive.Add(association);
            }
        }
        foreach (var association in alive) association.SendHeartbeat(askForReply: true);
        foreach (var address in lost)
        {
            provider.System.Log.Warning("detected unreachable: [{0}] (no heartbeat for more than {1})", address, provider.Settings.AcceptableHeartbeatPause);
            provider.Quarantine(address, provider.AssociationFor(address).RemoteUid, "remote DeathWatch: heartbeats stopped");
        }
    }

    /// <summary>Every watcher of an actor at <paramref name="address"/> gets Terminated(AddressTerminated = true).</summary>
    public void AddressTerminated(Address address)
    {
        Dictionary<RemoteActorRef, HashSet<InternalActorRef>>? byWatchee;
        lock (_lock)
        {
            if (!_watches.Remove(address, out byWatchee)) return;
        }
        foreach (var (watchee, watchers) in byWatchee)
            foreach (var watcher in watchers)
                watcher.SendSystemMessage(new DeathWatchNotification(watchee, existenceConfirmed: false, addressTerminated: true));
    }
}
