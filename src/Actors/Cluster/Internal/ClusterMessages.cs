using System.Collections.Immutable;

namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>INTERNAL API: marker of messages that travel between cluster daemons (serializer id 5).</summary>
internal interface IClusterMessage;

/// <summary>INTERNAL API: what the <see cref="Cluster"/> extension asks of its local daemon.</summary>
internal static class ClusterUserAction
{
    public sealed record Leave(Address Address);
    public sealed record Down(Address Address);
}

/// <summary>INTERNAL API: the join protocol, gossip and local commands of the cluster daemon.</summary>
internal static class InternalClusterAction
{
    // ---------------------------------------------------------------- local
    public sealed record JoinTo(Address Address);
    public sealed record JoinSeedNodes(ImmutableList<Address> SeedNodes);
    public sealed record Subscribe(IActorRef Subscriber, ClusterEvent.SubscriptionInitialStateMode InitialStateMode, ImmutableHashSet<Type> To);
    public sealed record Unsubscribe(IActorRef Subscriber, Type? To);
    public sealed record PublishChanges(Gossip Gossip);

    public sealed class GossipTick { public static readonly GossipTick Instance = new(); }
    public sealed class LeaderActionsTick { public static readonly LeaderActionsTick Instance = new(); }
    public sealed class ReapUnreachableTick { public static readonly ReapUnreachableTick Instance = new(); }
    public sealed class JoinSeedNodesTick { public static readonly JoinSeedNodesTick Instance = new(); }
    public sealed class JoinRetryTick { public static readonly JoinRetryTick Instance = new(); }
    /// <summary>Sent by the shutdown tasks: stop gossiping, this node is going away.</summary>
    public sealed class Shutdown { public static readonly Shutdown Instance = new(); }

    // ---------------------------------------------------------------- on the wire
    /// <summary>"Is there a cluster I can join through you?"</summary>
    public sealed record InitJoin(string SystemName) : IClusterMessage;
    /// <summary>"Yes: send Join to me."</summary>
    public sealed record InitJoinAck(Address Address) : IClusterMessage;
    /// <summary>"No: I am not a member myself."</summary>
    public sealed record InitJoinNack(Address Address) : IClusterMessage;
    public sealed record Join(UniqueAddress Node, ImmutableHashSet<string> Roles) : IClusterMessage;
    /// <summary>Reply to Join: the joiner is in the gossip now.</summary>
    public sealed record Welcome(UniqueAddress From, Gossip Gossip) : IClusterMessage;
    /// <summary>An Exiting member tells the others it has finished its exiting tasks.</summary>
    public sealed record ExitingConfirmed(UniqueAddress Node) : IClusterMessage;
}

/// <summary>INTERNAL API: the full gossip from one node to another incarnation.</summary>
internal sealed record GossipEnvelope(UniqueAddress From, UniqueAddress To, Gossip Gossip) : IClusterMessage
{
    /// <summary>When it was received, for gossip-time-to-live (not serialized).</summary>
    public long ReceivedTicks { get; init; } = Environment.TickCount64;
}

/// <summary>
/// INTERNAL API: only the version and a digest of the seen set: the receiver answers with gossip (older, or the
/// same version seen by different nodes) or with its own status (newer).
/// </summary>
internal sealed record GossipStatus(UniqueAddress From, VectorClock Version, long SeenDigest) : IClusterMessage;

/// <summary>INTERNAL API: failure-detector heartbeat and its response.</summary>
internal sealed record ClusterHeartbeat(Address From, long SequenceNr) : IClusterMessage;
internal sealed record ClusterHeartbeatRsp(UniqueAddress From, long SequenceNr) : IClusterMessage;
