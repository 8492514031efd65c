using static ActorWarehouse.Actors.Cluster.ClusterEvent;

namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// Forwards messages to the current instance of a cluster singleton, wherever it runs: tracks the oldest Up
/// member with the role, locates the singleton there with Identify every singleton-identification-interval and
/// buffers messages meanwhile (up to buffer-size; the oldest is dropped when full).
/// </summary>
public sealed class ClusterSingletonProxy : ReceiveActor, IWithTimers
{
    private readonly string _managerPath;
    private readonly ClusterSingletonProxySettings _settings;
    private readonly Cluster _cluster;
    private readonly List<Member> _members = [];
    private readonly Queue<(object Message, IActorRef Sender)> _buffer = new();
    private IActorRef? _singleton;
    private Address? _oldest;
    private int _identifyId;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="singletonManagerPath">Path of the manager without address, e.g. <c>/user/coordinator</c>.</param>
    public static Props Props(string singletonManagerPath, ClusterSingletonProxySettings settings) =>
        Actors.Props.CreateBy(() => new ClusterSingletonProxy(singletonManagerPath, settings));

    private ClusterSingletonProxy(string singletonManagerPath, ClusterSingletonProxySettings settings)
    {
        _managerPath = "/" + singletonManagerPath.Trim('/');
        _settings = settings;
        _cluster = Cluster.Get(Context.System);

        Receive<IMemberEvent>(OnMemberEvent);
        Receive<CurrentClusterState>(state =>
        {
            _members.Clear();
            _members.AddRange(state.Members.Where(m => m.Status == MemberStatus.Up && (_settings.Role is null || m.HasRole(_settings.Role))));
            OldestMayHaveChanged();
        });
        Receive<IdentifyTick>(_ => Identify());
        Receive<ActorIdentity>(OnIdentity, i => i.MessageId is string s && s.StartsWith("singleton-proxy-", StringComparison.Ordinal));
        Receive<Terminated>(t =>
        {
            if (!t.ActorRef.Equals(_singleton)) return;
            _singleton = null;
            StartIdentifying();
        });
        ReceiveAny(Deliver);
    }

    private sealed class IdentifyTick { public static readonly IdentifyTick Instance = new(); }

    protected override void PreStart() => _cluster.Subscribe(Self, InitialStateAsSnapshot, typeof(IMemberEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnMemberEvent(IMemberEvent e)
    {
        var m = e.Member;
        if (_settings.Role is not null && !m.HasRole(_settings.Role)) return;
        _members.RemoveAll(x => x.UniqueAddress.Equals(m.UniqueAddress));
        if (m.Status == MemberStatus.Up) _members.Add(m);
        OldestMayHaveChanged();
    }

    private void OldestMayHaveChanged()
    {
        _members.Sort(Member.AgeOrdering);
        var oldest = _members.Count > 0 ? _members[0].Address : null;
        if (Equals(oldest, _oldest)) return;
        _oldest = oldest;
        if (_singleton is not null)
        {
            Context.Unwatch(_singleton);
            _singleton = null;
        }
        StartIdentifying();
    }

    private void StartIdentifying()
    {
        Identify();
        Timers.StartPeriodicTimer("identify", IdentifyTick.Instance, _settings.SingletonIdentificationInterval);
    }

    private void Identify()
    {
        if (_oldest is null) return;
        var path = _oldest + _managerPath + "/" + _settings.SingletonName;
        Context.ActorSelection(path).Tell(new Identify("singleton-proxy-" + (++_identifyId).ToString(System.Globalization.CultureInfo.InvariantCulture)), Self);
    }

    private void OnIdentity(ActorIdentity identity)
    {
        if (identity.Subject is null || _singleton is not null) return;
        if (_oldest is null || !identity.Subject.Path.Address.Equals(_oldest)) return;
        _singleton = identity.Subject;
        Context.Watch(_singleton);
        Timers.Cancel("identify");
        Context.GetLogger().Info("singleton identified at {0}", _singleton.Path);
        while (_buffer.TryDequeue(out var item)) _singleton.Tell(item.Message, item.Sender);
    }

    private void Deliver(object message)
    {
        if (_singleton is not null)
        {
            _singleton.Tell(message, Sender);
            return;
        }
        if (_settings.BufferSize <= 0)
        {
            Context.GetLogger().Warning("no singleton located yet and buffering is off: {0} dropped", message.GetType().Name);
            return;
        }
        if (_buffer.Count >= _settings.BufferSize)
        {
            var (dropped, _) = _buffer.Dequeue();
            Context.GetLogger().Warning("singleton proxy buffer is full: dropped the oldest message {0}", dropped.GetType().Name);
        }
        _buffer.Enqueue((message, Sender));
    }
}
