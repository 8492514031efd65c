using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Cluster.SBR;
using static ActorWarehouse.Actors.Tests.Cluster.ClusterTestData;

namespace ActorWarehouse.Actors.Tests.Cluster;

public sealed class SplitBrainResolverSpec
{
    private static readonly Member[] Five = [Up(1, 1), Up(2, 2), Up(3, 3), Up(4, 4), Up(5, 5)];

    [Fact]
    public void The_majority_side_downs_the_unreachable_minority()
    {
        Assert.Equal(KeepMajority.Decision.DownUnreachable, KeepMajority.Decide(Five, Set(Node(4), Node(5))));
    }

    [Fact]
    public void The_minority_side_downs_itself()
    {
        Assert.Equal(KeepMajority.Decision.DownReachable, KeepMajority.Decide(Five, Set(Node(1), Node(2), Node(3))));
    }

    [Fact]
    public void Equal_halves_keep_the_side_with_the_lowest_address()
    {
        var four = Five.Take(4).ToList();
        Assert.Equal(KeepMajority.Decision.DownUnreachable, KeepMajority.Decide(four, Set(Node(3), Node(4))));
        Assert.Equal(KeepMajority.Decision.DownReachable, KeepMajority.Decide(four, Set(Node(1), Node(2))));
    }

    [Fact]
    public void Joining_and_weakly_up_members_are_not_counted()
    {
        Member[] members = [Up(1, 1), Up(2, 2), Up(3, 3), Joining(4), Joining(5), Joining(6).Copy(MemberStatus.WeaklyUp)];
        Assert.Equal(KeepMajority.Decision.DownUnreachable, KeepMajority.Decide(members, Set(Node(3), Node(4), Node(5), Node(6))));
    }

    [Fact]
    public void With_a_role_only_members_of_that_role_are_counted()
    {
        Member[] members = [Up(1, 1, "compute"), Up(2, 2), Up(3, 3), Up(4, 4, "compute"), Up(5, 5, "compute")];
        Assert.Equal(KeepMajority.Decision.DownReachable, KeepMajority.Decide(members, Set(Node(4), Node(5)), "compute"));
    }

    private static ClusterSettings Settings(string stableAfter, string downAllWhenUnstable = "on") =>
        new(ActorWarehouse.Actors.Configuration.ConfigurationFactory.ParseString($"akka.cluster.split-brain-resolver {{ stable-after = {stableAfter}, down-all-when-unstable = {downAllWhenUnstable} }}")
            .WithFallback(ActorWarehouse.Actors.Configuration.ConfigurationFactory.Default()), "sys");

    [Fact]
    public void The_resolver_acts_only_on_the_leader_after_the_state_was_stable_for_stable_after()
    {
        var log = NoLogging();
        var sbr = new SplitBrainResolver(Settings("5 s"), log);
        var g = GossipOf(Five).Increment(Node(1));
        g = g.WithReachability(g.Reachability.Unreachable(Node(1), Node(5)));
        Assert.Empty(sbr.OnTick(g, Node(1), isLeader: true, nowMs: 0));
        Assert.Empty(sbr.OnTick(g, Node(1), isLeader: true, nowMs: 4_000));
        Assert.Empty(sbr.OnTick(g, Node(2), isLeader: false, nowMs: 6_000)); // not the leader: no decision
        var sbr2 = new SplitBrainResolver(Settings("5 s"), log);
        sbr2.OnTick(g, Node(1), isLeader: true, nowMs: 0);
        Assert.Equal([Node(5)], sbr2.OnTick(g, Node(1), isLeader: true, nowMs: 5_000));
    }

    [Fact]
    public void A_change_of_reachability_restarts_the_stable_period()
    {
        var sbr = new SplitBrainResolver(Settings("5 s", "off"), NoLogging());
        var g = GossipOf(Five).Increment(Node(1));
        var one = g.WithReachability(g.Reachability.Unreachable(Node(1), Node(5)));
        var two = one.WithReachability(one.Reachability.Unreachable(Node(1), Node(4)));
        sbr.OnTick(one, Node(1), true, 0);
        Assert.Empty(sbr.OnTick(two, Node(1), true, 4_000));
        Assert.Empty(sbr.OnTick(two, Node(1), true, 8_000));
        Assert.Equal(2, sbr.OnTick(two, Node(1), true, 9_000).Count);
    }

    [Fact]
    public void Reachability_that_keeps_changing_downs_everything_after_stable_after_plus_the_unstable_margin()
    {
        var sbr = new SplitBrainResolver(Settings("4 s"), NoLogging()); // margin: max(3/4 * 4 s, 4 s) = 4 s
        var g = GossipOf(Five).Increment(Node(1));
        var a = g.WithReachability(g.Reachability.Unreachable(Node(1), Node(5)));
        var b = g.WithReachability(g.Reachability.Unreachable(Node(1), Node(4)));
        long t = 0;
        IReadOnlyCollection<UniqueAddress> decided = [];
        for (int i = 0; decided.Count == 0 && i < 20; i++, t += 1_000) decided = sbr.OnTick(i % 2 == 0 ? a : b, Node(1), true, t);
        Assert.Equal(5, decided.Count);
        Assert.InRange(t, 8_000, 10_000);
    }

    private static Event.ILoggingAdapter NoLogging() => new Event.BusLogging(new Event.EventStream(), "sbr", typeof(SplitBrainResolver), Event.LogLevel.OffLevel);
}
