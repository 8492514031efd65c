using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ActorWarehouse.Actors.Dispatch;
using ActorWarehouse.Actors.Remote.Transport;

namespace ActorWarehouse.Actors.Remote;

/// <summary>
/// INTERNAL API. Remoting for one actor system (<c>akka.actor.provider = remote</c>): the TCP listener, one
/// <see cref="Association"/> per peer address, inbound decoding and delivery, quarantine of replaced or lost
/// peer incarnations, and remote DeathWatch (<see cref="RemoteWatcher"/>).
/// </summary>
internal sealed partial class RemoteActorRefProvider
{
    private readonly ConcurrentDictionary<Address, Association> _associations = new();
    private readonly ConcurrentDictionary<string, byte[]> _manifests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InternalActorRef> _refCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Address, long), long> _inboundSeq = new();
    private readonly ConcurrentDictionary<(Address, long), byte> _quarantined = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _inbound = new();
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;

    public RemoteActorRefProvider(ActorSystem system)
    {
        System = system;
        Settings = new RemoteSettings(system.Settings.Config);
        long uid;
        do { uid = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)); } while (uid == 0);
        SystemUid = uid;
        Watcher = new RemoteWatcher(this);
    }

    public ActorSystem System { get; }
    public RemoteSettings Settings { get; }
    /// <summary>This incarnation's identity on the wire; a restarted process gets a new one.</summary>
    public long SystemUid { get; }
    public RemoteWatcher Watcher { get; }

    /// <summary>Bytes written to all outbound connections, frame headers included (for traffic measurements).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    private long _bytesSent;

    internal void CountSent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);

    /// <summary>
    /// Set by the cluster: addresses whose liveness the cluster's failure detector owns. Remote DeathWatch leaves
    /// them alone (as upstream: a member is only declared dead when it is removed from the cluster).
    /// </summary>
    internal Func<Address, bool>? IsManagedByCluster;

    /// <summary>Fault injection for specs: the next N inbound system messages are discarded unacknowledged.</summary>
    internal int DropNextInboundSystemMessages;

    // ---------------------------------------------------------------- lifecycle

    public Address Bind()
    {
        var host = Settings.Hostname == "localhost" ? "127.0.0.1" : Settings.Hostname;
        if (!IPAddress.TryParse(host, out var ip))
            throw new Configuration.ConfigurationException($"akka.remote.dot-netty.tcp.hostname must be an IP address, got '{Settings.Hostname}'");
        _listener = new TcpListener(ip, Settings.Port);
        _listener.Start(512);
        int port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        return new Address(Address.TcpProtocol, System.Name, host, port);
    }

    public void Start()
    {
        System.Serialization.MessagePack.Register("sel", new SelectionEnvelopeFormatter());
        _acceptLoop = Task.Run(AcceptLoop);
        Watcher.Start();
        System.Log.Info("remoting started; listening on {0} (uid {1})", System.Address, SystemUid);
    }

    public async Task ShutdownAsync()
    {
        Watcher.Stop();
        // Give pending system messages (death notifications of our stopping actors) a moment to be acknowledged.
        await Task.WhenAll(_associations.Values.Select(a => a.StopAsync(TimeSpan.FromSeconds(2))));
        _stop.Cancel();
        _listener?.Stop();
        foreach (var c in _inbound.Keys) c.Dispose();
        if (_acceptLoop is not null)
        {
            try { await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(2)); } catch (Exception) { }
        }
    }

    // ---------------------------------------------------------------- refs

    public InternalActorRef RemoteRefFor(ActorPath path)
    {
        var key = path.ToSerializationFormat();
        if (_refCache.TryGetValue(key, out var cached)) return cached;
        var r = new RemoteActorRef(this, path);
        if (_refCache.Count > 100_000) _refCache.Clear();
        _refCache[key] = r;
        return r;
    }

    /// <summary>Resolves a path received from the wire, reusing refs (no allocation when seen before).</summary>
    private InternalActorRef ResolveWirePath(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return (InternalActorRef)System.DeadLetters;
        Span<char> chars = utf8.Length <= 512 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        int n = Encoding.UTF8.GetChars(utf8, chars);
        var lookup = _refCache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..n], out var cached)) return cached;
        var text = new string(chars[..n]);
        var resolved = System.ResolveActorRef(text);
        if (!ReferenceEquals(resolved, System.DeadLetters))
        {
            if (_refCache.Count > 100_000) _refCache.Clear();
            _refCache[text] = resolved;
        }
        return resolved;
    }

    public byte[] ManifestBytes(string manifest) =>
        manifest.Length == 0 ? [] : _manifests.GetOrAdd(manifest, static m => Encoding.UTF8.GetBytes(m));

    public Association AssociationFor(Address address) =>
        _associations.TryGetValue(address, out var a) ? a : _associations.GetOrAdd(address, static (addr, p) => new Association(p, addr), this);

    // ---------------------------------------------------------------- outbound

    public void SendUser(RemoteActorRef recipient, object message, IActorRef? sender)
    {
        // Associations live as long as the provider, so each ref remembers its own (no address hashing per message).
        var association = recipient.Association ??= AssociationFor(recipient.Path.Address);
        if (!association.IsConnected && association.RemoteUid is { } uid && _quarantined.ContainsKey((recipient.Path.Address, uid)))
        {
            DeadLetter(recipient, message, sender);
            return;
        }
        association.SendUser(recipient, message, sender);
    }

    public void SendSystem(RemoteActorRef recipient, SystemMessage message)
    {
        switch (message)
        {
            case Watch w when w.Watchee.Equals(recipient):
                Watcher.AddWatch(recipient, w.Watcher);
                break;
            case Unwatch u when u.Watchee.Equals(recipient):
                Watcher.RemoveWatch(recipient, u.Watcher);
                break;
            case DeathWatchNotification:
            case Watch:
            case Unwatch:
                break;
            default:
                return; // supervision and creation never cross the wire
        }
        AssociationFor(recipient.Path.Address).SendSystem(recipient, message);
    }

    public void SendSelection(RemoteActorRef anchor, IReadOnlyList<string> elements, object message, IActorRef? sender) =>
        AssociationFor(anchor.Path.Address).SendUser(anchor, new SelectionEnvelope(elements, message), sender);

    public void DeadLetter(InternalActorRef recipient, object message, IActorRef? sender) =>
        System.DeadLetters.Tell(new DeadLetter(message, sender ?? System.DeadLetters, recipient), ActorRefs.NoSender);

    // ---------------------------------------------------------------- incarnations and quarantine

    /// <summary>A handshake with <paramref name="uid"/> succeeded; a different uid than before means a restarted peer.</summary>
    public void OnAssociated(Association association, long uid, bool outbound)
    {
        long? previous;
        lock (association)
        {
            previous = association.RemoteUid;
            association.RemoteUid = uid;
            association.LastHeardTicks = Environment.TickCount64;
        }
        if (previous is { } old && old != uid)
            QuarantineReplaced(association, old, uid);
    }

    private void QuarantineReplaced(Association association, long oldUid, long newUid)
    {
        _quarantined[(association.RemoteAddress, oldUid)] = 0;
        System.Log.Warning("Association to [{0}] having UID [{1}] is irrecoverably failed. UID is now quarantined (a new incarnation took its place).",
            association.RemoteAddress, oldUid);
        association.ResetForNewIncarnation(newUid);
        Watcher.AddressTerminated(association.RemoteAddress);
    }

    /// <summary>Gives up on a peer incarnation: its pending system messages are dropped and its watchers notified.</summary>
    public void Quarantine(Address address, long? uid, string reason)
    {
        var association = AssociationFor(address);
        if (uid is { } u) _quarantined[(address, u)] = 0;
        if (uid is { } gone && association.RemoteUid is { } current && current != gone)
        {
            // A newer incarnation already took that address: only the old uid is barred; the live one stays connected.
            System.Log.Info("Association to [{0}] having UID [{1}] quarantined ({2}); the address now hosts UID [{3}]", address, gone, reason, current);
            return;
        }
        System.Log.Warning("Association to [{0}] having UID [{1}] is irrecoverably failed ({2}). UID is now quarantined.", address, uid?.ToString() ?? "?", reason);
        association.ResetForNewIncarnation(null);
        Watcher.AddressTerminated(address);
    }

    internal bool IsQuarantined(Address address, long uid) => _quarantined.ContainsKey((address, uid));

    // ---------------------------------------------------------------- fault injection (TestKit FailureInjector)

    private readonly ConcurrentDictionary<Address, byte> _blackholed = new();

    internal bool IsBlackholed(Address address) => !_blackholed.IsEmpty && _blackholed.ContainsKey(address);

    internal void SetBlackhole(Address address, bool on)
    {
        if (on) _blackholed[address] = 0;
        else _blackholed.TryRemove(address, out _);
    }
}
