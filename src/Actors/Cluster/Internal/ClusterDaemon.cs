using System.Collections.Immutable;
using ActorWarehouse.Actors.Cluster.SBR;
using ActorWarehouse.Actors.Event;
using static ActorWarehouse.Actors.Cluster.Internal.InternalClusterAction;

namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>
/// INTERNAL API. The cluster daemon at <c>/system/cluster</c>: owns this node's gossip and runs the join
/// protocol (partial Join), gossip exchange (partial Gossip), heartbeats and reachability (partial Heartbeat),
/// leader actions and downing (partial Leader). Events go through its child <c>publisher</c>.
/// Every change of the gossip goes through <see cref="UpdateLatest"/>.
/// </summary>
internal sealed partial class ClusterDaemon : ReceiveActor, IWithTimers
{
    private readonly Cluster _cluster;
    private readonly ClusterSettings _settings;
    private readonly UniqueAddress _self;
    private readonly ILoggingAdapter _log;
    private readonly IActorRef _publisher;
    private readonly SplitBrainResolver? _sbr;
    private readonly Random _random = new();
    private readonly HashSet<UniqueAddress> _exitingConfirmed = [];
    private Gossip _latest = Gossip.Empty;
    private bool _shutdown;
    private bool _selfRemoved;
    private bool _downed;

    public ITimerScheduler Timers { get; set; } = null!;

    public ClusterDaemon(Cluster cluster)
    {
        _cluster = cluster;
        _settings = cluster.Settings;
        _self = cluster.SelfUniqueAddress;
        _log = Context.GetLogger();
        _publisher = Context.ActorOf(Props.Create(() => new ClusterEventPublisher(cluster)), "publisher");
        if (_settings.SplitBrainResolverEnabled) _sbr = new SplitBrainResolver(_settings, _log);

        Receive<ClusterHeartbeat>(OnHeartbeat);
        Receive<ClusterHeartbeatRsp>(OnHeartbeatResponse);
        Receive<GossipStatus>(OnGossipStatus);
        Receive<GossipEnvelope>(OnGossipEnvelope);
        Receive<GossipTick>(_ => GossipTickHandler());
        Receive<HeartbeatTick>(_ => SendHeartbeats());
        Receive<ReapUnreachableTick>(_ => ReapUnreachable());
        Receive<LeaderActionsTick>(_ => LeaderActions());
        Receive<InitJoin>(OnInitJoin);
        Receive<InitJoinAck>(OnInitJoinAck);
        Receive<InitJoinNack>(OnInitJoinNack);
        Receive<Join>(OnJoin);
        Receive<Welcome>(OnWelcome);
        Receive<JoinSeedNodesTick>(_ => SeedTick());
        Receive<JoinTo>(j => JoinTo(j.Address));
        Receive<InternalClusterAction.JoinSeedNodes>(j => StartSeedProcess(j.SeedNodes));
        Receive<ClusterUserAction.Leave>(l => Leave(l.Address));
        Receive<ClusterUserAction.Down>(d => Down(d.Address));
        Receive<ExitingConfirmed>(e => OnExitingConfirmed(e.Node));
        Receive<ExitingCompleted>(_ => OnExitingCompleted());
        Receive<InternalClusterAction.Shutdown>(_ => OnShutdown());
        Receive<QuarantineRemovedNode>(q => QuarantineRemoved(q.Node));
        Receive<InternalClusterAction.Subscribe>(s => _publisher.Forward(s));
        Receive<InternalClusterAction.Unsubscribe>(u => _publisher.Forward(u));
    }

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("gossip", GossipTick.Instance, _settings.GossipInterval);
        Timers.StartPeriodicTimer("leader", LeaderActionsTick.Instance, _settings.LeaderActionsInterval);
        Timers.StartPeriodicTimer("heartbeat", HeartbeatTick.Instance, _settings.HeartbeatInterval);
        Timers.StartPeriodicTimer("reaper", ReapUnreachableTick.Instance, _settings.UnreachableNodesReaperInterval);
        _log.Info("Cluster Node [{0}] - Started up successfully (uid {1}, roles [{2}])", _self.Address, _self.Uid, string.Join(",", _settings.Roles));
        if (!_settings.SeedNodes.IsEmpty) StartSeedProcess(_settings.SeedNodes);
    }

    protected override void PostStop()
    {
        if (!_selfRemoved) _cluster.MarkTerminated();
    }

    private bool IsMember => !_latest.Members.IsEmpty && _latest.HasMember(_self);

    private Member? SelfMember => _latest.Member(_self);

    private IActorRef DaemonAt(Address address) =>
        Context.System.ResolveActorRef(new ActorPath(address, ["system", "cluster"]));

    private static long NowMs => Environment.TickCount64;

    private static long UnixNowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Installs a new gossip: publishes changes, quarantines removed nodes and reacts to our own status.</summary>
    private void UpdateLatest(Gossip gossip)
    {
        var previous = _latest;
        _latest = gossip;
        foreach (var m in previous.Members)
        {
            if (m.UniqueAddress.Equals(_self) || gossip.HasMember(m.UniqueAddress)) continue;
            // A removed member's incarnation is gone for good: remoting refuses it from now on and remote
            // DeathWatch reports its actors terminated. One that left gracefully is given time to hear it.
            if (m.Status == MemberStatus.Down) QuarantineRemoved(m.UniqueAddress);
            else Timers.StartSingleTimer("quarantine-" + VectorClock.NodeKey(m.UniqueAddress), new QuarantineRemovedNode(m.UniqueAddress), _settings.QuarantineRemovedNodeAfter);
        }
        _cluster.SetMemberAddresses(gossip.Members.Select(m => m.Address).ToImmutableHashSet());
        _publisher.Tell(new PublishChanges(gossip));
        CheckSelfStatus(previous.Member(_self), gossip.Member(_self));
        // A version only this node has seen is a change made (or merged) here: push it to a few peers now
        // instead of waiting for gossip ticks, so transitions converge in about one round trip.
        if (gossip.Seen.Count == 1 && gossip.SeenBy(_self) && !gossip.Version.Equals(previous.Version)) PushGossip(EagerPushFanOut);
    }

    private const int EagerPushFanOut = 3;

    private void QuarantineRemoved(UniqueAddress node) =>
        Context.System.Remote!.Quarantine(node.Address, node.Uid, "cluster member removed");

    private void CheckSelfStatus(Member? before, Member? now)
    {
        if (now is null)
        {
            if (before is not null && !_selfRemoved) OnSelfRemoved(before.Status);
            return;
        }
        if (now.Status == MemberStatus.Down && !_downed)
        {
            _downed = true;
            _log.Warning("Cluster Node [{0}] - this node has been marked as DOWN; shutting down", _self.Address);
            if (_settings.RunCoordinatedShutdownWhenDown)
                _ = CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.ClusterDowningReason.Instance);
        }
        else if (now.Status == MemberStatus.Exiting && before?.Status != MemberStatus.Exiting)
        {
            _log.Info("Cluster Node [{0}] - this node is Exiting; running coordinated shutdown", _self.Address);
            _ = CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        }
    }

    private void OnSelfRemoved(MemberStatus previousStatus)
    {
        _selfRemoved = true;
        _log.Info("Cluster Node [{0}] - this node has been removed from the cluster (was {1})", _self.Address, previousStatus);
        _publisher.Tell(new SelfRemovedNotice(previousStatus));
        var reason = previousStatus == MemberStatus.Down
            ? (CoordinatedShutdown.Reason)CoordinatedShutdown.ClusterDowningReason.Instance
            : CoordinatedShutdown.ClusterLeavingReason.Instance;
        if (previousStatus != MemberStatus.Down || _settings.RunCoordinatedShutdownWhenDown)
            _ = CoordinatedShutdown.Get(Context.System).Run(reason);
    }

    private void OnShutdown()
    {
        if (_shutdown) return;
        _shutdown = true;
        Timers.CancelAll();
        _publisher.Tell(InternalClusterAction.Shutdown.Instance);
        _log.Info("Cluster Node [{0}] - cluster daemon shut down", _self.Address);
    }

    /// <summary>Local: the exiting tasks of this node are done; tell the others so the leader can remove it.</summary>
    internal sealed class ExitingCompleted { public static readonly ExitingCompleted Instance = new(); }

    /// <summary>Local: the delayed quarantine of a member that left.</summary>
    internal sealed record QuarantineRemovedNode(UniqueAddress Node);

    /// <summary>Local: the heartbeat timer.</summary>
    internal sealed class HeartbeatTick { public static readonly HeartbeatTick Instance = new(); }

    /// <summary>Local to the publisher: this node is no longer a member.</summary>
    internal sealed record SelfRemovedNotice(MemberStatus PreviousStatus);
}
