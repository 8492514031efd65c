using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Cluster.Internal;
using static ActorWarehouse.Actors.Cluster.ClusterEvent;
using static ActorWarehouse.Actors.Tests.Cluster.ClusterTestData;

namespace ActorWarehouse.Actors.Tests.Cluster;

public sealed class ClusterEventDiffSpec
{
    private static readonly UniqueAddress A = Node(1), B = Node(2), C = Node(3);

    [Fact]
    public void Status_changes_become_member_events_and_a_vanished_member_MemberRemoved_with_its_previous_status()
    {
        var before = GossipOf(Up(1, 1), Joining(2), Up(3, 2).Copy(MemberStatus.Leaving).Copy(MemberStatus.Exiting));
        var after = GossipOf(Up(1, 1), Up(2, 3));
        var events = ClusterEventPublisher.Diff(before, after, A);
        Assert.Contains(events, e => e is MemberUp up && up.Member.UniqueAddress.Equals(B));
        var removed = Assert.Single(events.OfType<MemberRemoved>());
        Assert.Equal(C, removed.Member.UniqueAddress);
        Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
        Assert.Equal(MemberStatus.Removed, removed.Member.Status);
    }

    [Fact]
    public void Reachability_changes_become_UnreachableMember_and_ReachableMember()
    {
        var g = GossipOf(Up(1, 1), Up(2, 2), Up(3, 3));
        var unreachable = g.WithReachability(g.Reachability.Unreachable(A, C));
        Assert.Equal(C, Assert.Single(ClusterEventPublisher.Diff(g, unreachable, A).OfType<UnreachableMember>()).Member.UniqueAddress);
        var back = unreachable.WithReachability(unreachable.Reachability.Reachable(A, C));
        Assert.Equal(C, Assert.Single(ClusterEventPublisher.Diff(unreachable, back, A).OfType<ReachableMember>()).Member.UniqueAddress);
    }

    [Fact]
    public void Leader_and_role_leader_changes_are_published()
    {
        var before = GossipOf(Up(2, 1, "compute"), Up(3, 2, "compute"));
        var after = GossipOf(Up(1, 3, "compute"), Up(2, 1, "compute"), Up(3, 2, "compute"));
        var events = ClusterEventPublisher.Diff(before, after, B);
        Assert.Equal(A.Address, Assert.Single(events.OfType<LeaderChanged>()).Leader);
        Assert.Equal(A.Address, Assert.Single(events.OfType<RoleLeaderChanged>()).Leader);
    }

    [Fact]
    public void The_initial_state_as_events_replays_members_unreachability_and_leaders()
    {
        var g = GossipOf(Up(1, 1), Joining(2));
        g = g.WithReachability(g.Reachability.Unreachable(A, B));
        var events = ClusterEventPublisher.InitialEvents(g, A);
        Assert.Contains(events, e => e is MemberUp);
        Assert.Contains(events, e => e is MemberJoined);
        Assert.Contains(events, e => e is UnreachableMember u && u.Member.UniqueAddress.Equals(B));
        Assert.Contains(events, e => e is LeaderChanged l && Equals(l.Leader, A.Address));
    }
}
