using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Cluster.Internal;
using static ActorWarehouse.Actors.Tests.Cluster.ClusterTestData;

namespace ActorWarehouse.Actors.Tests.Cluster;

public sealed class GossipSpec
{
    private static readonly UniqueAddress A = Node(1), B = Node(2), C = Node(3);

    [Fact]
    public void Merging_concurrent_gossips_keeps_the_higher_status_of_each_member_and_clears_the_seen_set()
    {
        var root = GossipOf(Up(1, 1), Up(2, 2), Up(3, 3)).Increment(A);
        var left = root.Update(Up(2, 2).Copy(MemberStatus.Leaving)).Increment(B);
        var right = root.Update(Up(3, 3).Copy(MemberStatus.Down)).Increment(C);
        var merged = left.Merge(right);
        Assert.Equal(MemberStatus.Leaving, merged.Member(B)!.Status);
        Assert.Equal(MemberStatus.Down, merged.Member(C)!.Status);
        Assert.Empty(merged.Seen);
        Assert.Equal(VectorClock.Ordering.After, merged.Version.CompareTo(left.Version));
        Assert.Equal(VectorClock.Ordering.After, merged.Version.CompareTo(right.Version));
    }

    [Fact]
    public void A_removed_member_does_not_come_back_when_an_older_gossip_is_merged()
    {
        var old = GossipOf(Up(1, 1), Up(2, 2).Copy(MemberStatus.Down)).Increment(A);
        var removed = old.Remove(B, 1000).Increment(A);
        var stale = old.Increment(B);
        var merged = removed.Merge(stale);
        Assert.Null(merged.Member(B));
        Assert.True(merged.Tombstones.ContainsKey(B));
        Assert.False(merged.Version.Versions.ContainsKey(VectorClock.NodeKey(B)));
    }

    [Fact]
    public void Convergence_needs_every_reachable_up_member_to_have_seen_the_version()
    {
        var g = GossipOf(Up(1, 1), Up(2, 2), Joining(3)).Increment(A);
        Assert.False(g.Convergence(A));
        g = g.MarkSeen(B);
        Assert.True(g.Convergence(A)); // a Joining member need not have seen it
    }

    [Fact]
    public void An_unreachable_up_member_blocks_convergence_until_it_is_down()
    {
        var g = GossipOf(Up(1, 1), Up(2, 2), Up(3, 3)).Increment(A).MarkSeen(B).MarkSeen(C);
        Assert.True(g.Convergence(A));
        var unreachable = g.WithReachability(g.Reachability.Unreachable(A, C));
        Assert.False(unreachable.Convergence(A));
        var downed = unreachable.Update(unreachable.Member(C)!.Copy(MemberStatus.Down));
        Assert.True(downed.Convergence(A));
    }

    [Fact]
    public void The_leader_is_the_lowest_address_among_reachable_up_or_leaving_members()
    {
        var g = GossipOf(Joining(1), Up(2, 1), Up(3, 2));
        Assert.Equal(B, g.Leader(A)!.UniqueAddress);
        var bUnreachable = g.WithReachability(g.Reachability.Unreachable(C, B));
        Assert.Equal(C, bUnreachable.Leader(A)!.UniqueAddress);
        Assert.Equal(A, GossipOf(Joining(1)).Leader(A)!.UniqueAddress); // a lone joining node leads itself
    }

    [Fact]
    public void Role_leaders_are_chosen_among_members_with_the_role()
    {
        var g = GossipOf(Up(1, 1, "compute"), Up(2, 2, "leader"), Up(3, 3, "leader"));
        Assert.Equal(B, g.RoleLeader(A, "leader")!.UniqueAddress);
        Assert.Equal(A, g.RoleLeader(A, "compute")!.UniqueAddress);
        Assert.Null(g.RoleLeader(A, "scaling"));
    }

    [Fact]
    public void Min_nr_of_members_counts_all_members_and_each_role()
    {
        var g = GossipOf(Joining(1, "leader"), Joining(2, "compute"));
        Assert.True(ClusterDaemon.IsMinNrOfMembersFulfilled(g, 2, new Dictionary<string, int>()));
        Assert.False(ClusterDaemon.IsMinNrOfMembersFulfilled(g, 3, new Dictionary<string, int>()));
        Assert.False(ClusterDaemon.IsMinNrOfMembersFulfilled(g, 1, new Dictionary<string, int> { ["compute"] = 2 }));
    }

    [Fact]
    public void Reachability_is_unreachable_while_any_observer_says_so_and_merges_per_observer_version()
    {
        var r = Reachability.Empty.Unreachable(A, C).Unreachable(B, C);
        Assert.False(r.IsReachable(C));
        Assert.False(r.Reachable(A, C).IsReachable(C));
        Assert.True(r.Reachable(A, C).Reachable(B, C).IsReachable(C));

        var older = Reachability.Empty.Unreachable(A, C);
        var newer = older.Reachable(A, C);
        var all = new HashSet<UniqueAddress> { A, B, C };
        Assert.True(older.Merge(all, newer).IsReachable(C));
        Assert.True(newer.Merge(all, older).IsReachable(C));
    }

    [Fact]
    public void Heartbeats_go_to_a_bounded_ring_of_peers_plus_the_unreachable_ones()
    {
        var nodes = Enumerable.Range(1, 20).Select(i => Node(i)).ToList();
        var monitored = ClusterDaemon.MonitoredNodes(nodes[0], nodes, 9, []);
        Assert.Equal(9, monitored.Count);
        Assert.DoesNotContain(nodes[0], monitored);
        var outside = nodes.Skip(1).First(n => !monitored.Contains(n));
        Assert.Contains(outside, ClusterDaemon.MonitoredNodes(nodes[0], nodes, 9, [outside]));
        // Every node is watched by exactly nine others.
        var watchers = nodes.SelectMany(n => ClusterDaemon.MonitoredNodes(n, nodes, 9, [])).GroupBy(x => x).Select(g => g.Count()).Distinct();
        Assert.Equal([9], watchers);
    }
}
