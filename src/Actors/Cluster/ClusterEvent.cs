using System.Collections.Immutable;

namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// Membership and reachability events published to subscribers of <see cref="Cluster.Subscribe(IActorRef, ClusterEvent.SubscriptionInitialStateMode, Type[])"/>
/// (Akka.Cluster's names). Subscribe to a base type (<see cref="IMemberEvent"/>, <see cref="IReachabilityEvent"/>,
/// <see cref="IClusterDomainEvent"/>) to get every event of that family.
/// </summary>
public static class ClusterEvent
{
    /// <summary>How a new subscriber learns the state before the first event.</summary>
    public enum SubscriptionInitialStateMode
    {
        /// <summary>One <see cref="CurrentClusterState"/> message first.</summary>
        InitialStateAsSnapshot,
        /// <summary>The current state replayed as events (MemberUp, UnreachableMember, ...).</summary>
        InitialStateAsEvents,
    }

    public const SubscriptionInitialStateMode InitialStateAsSnapshot = SubscriptionInitialStateMode.InitialStateAsSnapshot;
    public const SubscriptionInitialStateMode InitialStateAsEvents = SubscriptionInitialStateMode.InitialStateAsEvents;

    public interface IClusterDomainEvent;

    public interface IMemberEvent : IClusterDomainEvent
    {
        Member Member { get; }
    }

    public interface IReachabilityEvent : IClusterDomainEvent
    {
        Member Member { get; }
    }

    public abstract record MemberStatusChange(Member Member) : IMemberEvent;

    public sealed record MemberJoined(Member Member) : MemberStatusChange(Member);
    public sealed record MemberWeaklyUp(Member Member) : MemberStatusChange(Member);
    public sealed record MemberUp(Member Member) : MemberStatusChange(Member);
    public sealed record MemberLeft(Member Member) : MemberStatusChange(Member);
    public sealed record MemberExited(Member Member) : MemberStatusChange(Member);
    public sealed record MemberDowned(Member Member) : MemberStatusChange(Member);
    /// <summary>The member is gone from the cluster; <see cref="PreviousStatus"/> is what it was before (Down or Exiting usually).</summary>
    public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : MemberStatusChange(Member);

    public sealed record UnreachableMember(Member Member) : IReachabilityEvent;
    public sealed record ReachableMember(Member Member) : IReachabilityEvent;

    /// <summary>The leader (first reachable Up/Leaving member by address) changed; null when there is none.</summary>
    public sealed record LeaderChanged(Address? Leader) : IClusterDomainEvent;
    public sealed record RoleLeaderChanged(string Role, Address? Leader) : IClusterDomainEvent;

    /// <summary>This node's cluster is shutting down (after leaving, being downed or removed).</summary>
    public sealed class ClusterShuttingDown : IClusterDomainEvent
    {
        public static readonly ClusterShuttingDown Instance = new();
        private ClusterShuttingDown() { }
        public override string ToString() => "ClusterShuttingDown";
    }

    /// <summary>
    /// A snapshot of the membership as this node sees it: members sorted by address (without Removed ones),
    /// the unreachable members, which nodes have seen the current gossip version, the leader and role leaders.
    /// </summary>
    public sealed class CurrentClusterState
    {
        public static readonly CurrentClusterState Empty = new(
            ImmutableSortedSet<Member>.Empty, ImmutableHashSet<Member>.Empty, ImmutableHashSet<Address>.Empty, null,
            ImmutableDictionary<string, Address?>.Empty);

        public CurrentClusterState(ImmutableSortedSet<Member> members, ImmutableHashSet<Member> unreachable,
            ImmutableHashSet<Address> seenBy, Address? leader, ImmutableDictionary<string, Address?> roleLeaderMap)
        {
            Members = members;
            Unreachable = unreachable;
            SeenBy = seenBy;
            Leader = leader;
            RoleLeaderMap = roleLeaderMap;
        }

        public ImmutableSortedSet<Member> Members { get; }
        public ImmutableHashSet<Member> Unreachable { get; }
        public ImmutableHashSet<Address> SeenBy { get; }
        public Address? Leader { get; }
        public ImmutableDictionary<string, Address?> RoleLeaderMap { get; }

        /// <summary>Every role some member has.</summary>
        public ImmutableHashSet<string> AllRoles => RoleLeaderMap.Keys.ToImmutableHashSet(StringComparer.Ordinal);

        public Address? RoleLeader(string role) => RoleLeaderMap.TryGetValue(role, out var a) ? a : null;

        public override string ToString() =>
            $"CurrentClusterState(Members = [{string.Join(", ", Members)}], Unreachable = [{string.Join(", ", Unreachable)}], Leader = {Leader?.ToString() ?? "none"})";
    }
}
