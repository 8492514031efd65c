using System.Collections.Immutable;
using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Event;
using ActorWarehouse.Actors.Sharding.Internal;
using static ActorWarehouse.Actors.Sharding.Internal.CoordinatorProtocol;
using static ActorWarehouse.Actors.Sharding.Internal.ShardProtocol;

namespace ActorWarehouse.Actors.Sharding;

/// <summary>
/// The entry point of one entity type on one node (<c>/system/sharding/&lt;typeName&gt;</c>): routes each message
/// to the region that hosts its shard, learning homes from the coordinator (which runs on the oldest member with
/// the role) and buffering messages meanwhile; hosts its own shards as children. A proxy region
/// (<c>&lt;typeName&gt;Proxy</c>) routes but never hosts.
/// </summary>
public sealed partial class ShardRegion : ActorBase, IWithTimers
{
    /// <summary>Starts the entity without a user message (answered by <see cref="StartEntityAck"/>).</summary>
    public sealed record StartEntity(string EntityId);

    public sealed record StartEntityAck(string EntityId, string ShardId);

    /// <summary>Hands off every shard of this region, then stops the region.</summary>
    public sealed class GracefulShutdown
    {
        public static readonly GracefulShutdown Instance = new();
        private GracefulShutdown() { }
    }

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    private readonly string _typeName;
    private readonly Func<string, Props>? _entityProps;
    private readonly ClusterShardingSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly object _handOffStopMessage;
    private readonly string _coordinatorPath;
    private readonly Cluster.Cluster _cluster;
    private readonly ILoggingAdapter _log;
    private readonly Dictionary<string, IActorRef> _regionByShard = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, HashSet<string>> _regions = new();
    private readonly Dictionary<string, IActorRef> _shards = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _shardIdByRef = new();
    private readonly HashSet<IActorRef> _handingOff = new();
    // HostShard that arrived while the previous incarnation of the shard was still stopping here.
    private readonly HashSet<string> _hostWhenStopped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _buffers = new(StringComparer.Ordinal);
    private readonly List<Member> _membersByAge = [];
    private int _buffered;
    private IActorRef? _coordinator;
    private bool _gracefulShutdown;
    private long _droppedSinceLog;

    public ITimerScheduler Timers { get; set; } = null!;

    internal ShardRegion(string typeName, Func<string, Props>? entityProps, ClusterShardingSettings settings,
        IMessageExtractor extractor, object handOffStopMessage, string coordinatorPath)
    {
        _typeName = typeName;
        _entityProps = entityProps;
        _settings = settings;
        _extractor = extractor;
        _handOffStopMessage = handOffStopMessage;
        _coordinatorPath = coordinatorPath;
        _cluster = Cluster.Cluster.Get(Context.System);
        _log = Context.GetLogger();
    }

    private bool IsProxy => _entityProps is null;

    private sealed record Retry
    {
        public static readonly Retry Instance = new();
    }

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer("retry", Retry.Instance, _settings.RetryInterval);
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case ClusterEvent.CurrentClusterState state: OnClusterState(state); return true;
            case ClusterEvent.IMemberEvent e: OnMemberEvent(e); return true;
            case Retry: OnRetry(); return true;
            case RegisterAck ack: OnRegisterAck(ack.Coordinator); return true;
            case ShardHome home: OnShardHome(home.Shard, home.Ref); return true;
            case HostShard host: OnHostShard(host.Shard); return true;
            case BeginHandOff begin: OnBeginHandOff(begin.Shard); return true;
            case HandOff handOff: OnHandOff(handOff.Shard); return true;
            case ShardInitialized: return true;
            case Terminated t: OnTerminated(t.ActorRef); return true;
            case GracefulShutdown: OnGracefulShutdown(); return true;
            case GetShardRegionState: ReplyRegionState(Sender); return true;
            case GetShardRegionStats: ReplyRegionStats(Sender); return true;
            case GetCurrentRegions: OnGetCurrentRegions(Sender); return true;
            case GetClusterShardingStats stats: ReplyClusterStats(Sender, stats.Timeout); return true;
            case IShardingProtocolMessage: return false;
            default: Deliver(message, Sender); return true;
        }
    }

    // ------------------------------------------------------------------ coordinator location (oldest member with the role)

    private bool Hosts(Member m) => (_settings.Role is null || m.HasRole(_settings.Role))
        && m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting;

    private void OnClusterState(ClusterEvent.CurrentClusterState state)
    {
        var before = Oldest();
        _membersByAge.Clear();
        _membersByAge.AddRange(state.Members.Where(Hosts));
        _membersByAge.Sort(Member.AgeOrdering);
        OldestChanged(before);
    }

    private void OnMemberEvent(ClusterEvent.IMemberEvent e)
    {
        var before = Oldest();
        _membersByAge.RemoveAll(m => m.UniqueAddress.Equals(e.Member.UniqueAddress));
        if (Hosts(e.Member) && e is not ClusterEvent.MemberRemoved) _membersByAge.Add(e.Member);
        _membersByAge.Sort(Member.AgeOrdering);
        OldestChanged(before);
    }

    private Member? Oldest() => _membersByAge.Count == 0 ? null : _membersByAge[0];

    private void OldestChanged(Member? before)
    {
        var now = Oldest();
        if (Equals(before, now)) return;
        if (_coordinator is not null) _log.Info("{0}: coordinator moves to the oldest member {1}", _typeName, now?.Address);
        _coordinator = null;
        Register();
    }

    private ActorSelection? CoordinatorSelection() =>
        Oldest() is { } oldest ? Context.ActorSelection(oldest.Address + _coordinatorPath) : null;

    private void Register()
    {
        if (CoordinatorSelection() is not { } coordinator) return;
        coordinator.Tell(IsProxy ? new RegisterProxy(Self) : new Register(Self), Self);
    }

    private void OnRetry()
    {
        if (_coordinator is null)
        {
            Register();
            if (_buffered > 0)
                _log.Warning("{0}: trying to register to coordinator at [{1}], but no acknowledgement. Total [{2}] buffered messages.",
                    _typeName, Oldest()?.Address.ToString() ?? "(no member with the role)", _buffered);
            return;
        }
        foreach (var shard in _buffers.Keys) _coordinator.Tell(new GetShardHome(shard));
        if (_gracefulShutdown) _coordinator.Tell(new GracefulShutdownRequest(Self));
    }

    private void OnRegisterAck(IActorRef coordinator)
    {
        if (_coordinator is not null && !_coordinator.Equals(coordinator)) Context.Unwatch(_coordinator);
        _coordinator = coordinator;
        Context.Watch(coordinator);
        foreach (var shard in _buffers.Keys) coordinator.Tell(new GetShardHome(shard));
        if (_gracefulShutdown) coordinator.Tell(new GracefulShutdownRequest(Self));
    }

    // ------------------------------------------------------------------ routing and buffering

    private void Deliver(object message, IActorRef sender)
    {
        var id = EntityMessages.EntityId(_extractor, message);
        if (id is null)
        {
            Unhandled(message);
            return;
        }
        var shard = _extractor.ShardId(id, message);
        if (_regionByShard.TryGetValue(shard, out var region))
        {
            if (!region.Equals(Self)) region.Tell(message, sender);
            else if (_shards.TryGetValue(shard, out var local) && !_handingOff.Contains(local)) local.Tell(message, sender);
            else Buffer(shard, message, sender);
            return;
        }
        Buffer(shard, message, sender);
    }

    private void Buffer(string shard, object message, IActorRef sender)
    {
        if (_buffered >= _settings.BufferSize)
        {
            if (_droppedSinceLog++ % 1000 == 0)
                _log.Warning("{0}: buffer is full ({1} messages); dropping messages for shard {2} (dropped {3} so far)",
                    _typeName, _settings.BufferSize, shard, _droppedSinceLog);
            Context.System.DeadLetters.Tell(new DeadLetter(message, sender, Self), sender);
            return;
        }
        if (!_buffers.TryGetValue(shard, out var buffer))
        {
            _buffers[shard] = buffer = [];
            _coordinator?.Tell(new GetShardHome(shard));
        }
        buffer.Add((message, sender));
        _buffered++;
    }

    private void Flush(string shard)
    {
        if (!_buffers.Remove(shard, out var buffer)) return;
        _buffered -= buffer.Count;
        foreach (var (m, s) in buffer) Deliver(m, s);
    }

    private void OnShardHome(string shard, IActorRef region)
    {
        if (region.Equals(Self)) { OnHostShard(shard, reply: false); return; }
        SetHome(shard, region);
        Flush(shard);
    }

    private void SetHome(string shard, IActorRef region)
    {
        if (_regionByShard.TryGetValue(shard, out var previous) && _regions.TryGetValue(previous, out var old)) old.Remove(shard);
        _regionByShard[shard] = region;
        if (!_regions.TryGetValue(region, out var set))
        {
            _regions[region] = set = new HashSet<string>(StringComparer.Ordinal);
            if (!region.Equals(Self)) Context.Watch(region);
        }
        set.Add(shard);
    }

    private void OnHostShard(string shard, bool reply = true)
    {
        if (IsProxy) return;
        if (_shards.TryGetValue(shard, out var existing) && _handingOff.Contains(existing))
        {
            // Still stopping from an earlier hand-off: host it again once it has stopped.
            _hostWhenStopped.Add(shard);
            if (reply) Sender.Tell(new ShardStarted(shard));
            return;
        }
        SetHome(shard, Self);
        GetOrCreateShard(shard);
        if (reply) Sender.Tell(new ShardStarted(shard));
        Flush(shard);
    }

    private IActorRef GetOrCreateShard(string shard)
    {
        if (_shards.TryGetValue(shard, out var existing)) return existing;
        var props = Props.CreateBy(() => new Shard(_typeName, shard, _entityProps!, _settings, _extractor, _handOffStopMessage));
        var actor = Context.ActorOf(props, EntityMessages.ActorName(shard));
        Context.Watch(actor);
        _shards[shard] = actor;
        _shardIdByRef[actor] = shard;
        return actor;
    }

    // ------------------------------------------------------------------ hand-off

    private void OnBeginHandOff(string shard)
    {
        // The owner keeps routing to its shard until HandOff: what reaches it before is delivered there, in order.
        if (_regionByShard.TryGetValue(shard, out var region) && !region.Equals(Self))
        {
            _regionByShard.Remove(shard);
            if (_regions.TryGetValue(region, out var set)) set.Remove(shard);
        }
        Sender.Tell(new BeginHandOffAck(shard));
    }

    private void OnHandOff(string shard)
    {
        if (_regionByShard.TryGetValue(shard, out var region) && region.Equals(Self))
        {
            _regionByShard.Remove(shard);
            if (_regions.TryGetValue(Self, out var set)) set.Remove(shard);
        }
        if (_shards.TryGetValue(shard, out var local))
        {
            _handingOff.Add(local);
            local.Tell(new HandOff(shard), Sender);
        }
        else Sender.Tell(new ShardStopped(shard));
    }

    private void OnTerminated(IActorRef actor)
    {
        if (actor.Equals(_coordinator))
        {
            _coordinator = null;
            return;
        }
        if (_shardIdByRef.Remove(actor, out var shard))
        {
            _shards.Remove(shard);
            _handingOff.Remove(actor);
            if (_regionByShard.TryGetValue(shard, out var home) && home.Equals(Self))
            {
                // A shard that stopped by itself (its store failed): start it again on the next message.
                _regionByShard.Remove(shard);
            }
            if (_hostWhenStopped.Remove(shard) && !_gracefulShutdown) OnHostShard(shard, reply: false);
            else if (_buffers.ContainsKey(shard)) _coordinator?.Tell(new GetShardHome(shard));
            if (_gracefulShutdown && _shards.Count == 0) Context.Stop(Self);
            return;
        }
        if (_regions.Remove(actor, out var shards))
            foreach (var s in shards)
                if (_regionByShard.TryGetValue(s, out var r) && r.Equals(actor)) _regionByShard.Remove(s);
    }

    private void OnGracefulShutdown()
    {
        _gracefulShutdown = true;
        if (IsProxy || _shards.Count == 0)
        {
            Context.Stop(Self);
            return;
        }
        _log.Info("{0}: graceful shutdown of the region, handing off {1} shards", _typeName, _shards.Count);
        _coordinator?.Tell(new GracefulShutdownRequest(Self));
    }
}
