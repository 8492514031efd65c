using Xunit.Abstractions;

namespace ActorWarehouse.Actors.Tests.Cluster;

/// <summary>Cluster membership between real processes on 127.0.0.1: join, crash, leave, restarted seed, secret.</summary>
[Collection(ClusterNodes.Collection)]
public sealed class ClusterMembershipMultiNodeSpec(ITestOutputHelper output) : IDisposable
{
    private readonly ClusterNodes _nodes = new();

    public void Dispose() => _nodes.Dispose();

    private string StartSeedAndMembers(int members)
    {
        var seed = _nodes.StartSeed();
        for (int i = 1; i <= members; i++) _nodes.Start("node" + i, seed);
        return seed;
    }

    [Fact]
    public void A_seed_and_three_nodes_all_become_Up_and_agree_on_the_leader()
    {
        var started = _nodes.Clock.Elapsed;
        StartSeedAndMembers(3);
        foreach (var role in new[] { "seed", "node1", "node2", "node3" })
            ClusterNodes.ExpectLine(_nodes.Node(role), "SELF-UP");
        var states = new[] { "seed", "node1", "node2", "node3" }.Select(r => ClusterNodes.AwaitMembersUp(_nodes.Node(r), 4)).ToList();
        output.WriteLine($"FIGURE all Up (1 seed + 3 nodes, from first process start): {(_nodes.Clock.Elapsed - started).TotalSeconds:F1} s");
        var leaders = states.Select(s => s[s.IndexOf("leader=", StringComparison.Ordinal)..]).Distinct().ToList();
        Assert.Single(leaders);

        // Traffic at rest: gossip status + heartbeats only, a few hundred bytes per second per node.
        Thread.Sleep(2000);
        var roles = new[] { "seed", "node1", "node2", "node3" };
        var before = roles.Select(r => Stats(_nodes.Node(r))).ToList();
        Thread.Sleep(5000);
        var after = roles.Select(r => Stats(_nodes.Node(r))).ToList();
        for (int i = 0; i < roles.Length; i++)
        {
            double seconds = (after[i].Ticks - before[i].Ticks) / (double)TimeSpan.TicksPerSecond;
            double messages = (after[i].Messages - before[i].Messages) / seconds;
            double clusterBytes = (after[i].ClusterBytes - before[i].ClusterBytes) / seconds;
            double wireBytes = (after[i].WireBytes - before[i].WireBytes) / seconds;
            output.WriteLine($"FIGURE at rest {roles[i]}: {messages:F1} cluster msgs/s, {clusterBytes:F0} cluster payload B/s, {wireBytes:F0} transport B/s (all frames)");
            Assert.InRange(wireBytes, 1, 10_000);
        }
    }

    private static (long Ticks, long Messages, long ClusterBytes, long WireBytes) Stats(ActorWarehouse.Actors.TestKit.MultiNode.NodeProcess node)
    {
        node.Send("stats");
        var f = node.ExpectLine(l => l.StartsWith("STATS ", StringComparison.Ordinal), ClusterNodes.Wait, "STATS").Split(' ');
        return (long.Parse(f[1]), long.Parse(f[2]), long.Parse(f[3]), long.Parse(f[4]));
    }

    [Fact]
    public void A_killed_node_becomes_unreachable_is_downed_by_the_resolver_and_removed()
    {
        StartSeedAndMembers(3);
        foreach (var role in new[] { "seed", "node1", "node2", "node3" }) ClusterNodes.AwaitMembersUp(_nodes.Node(role), 4);
        var victim = _nodes.Address("node3");
        var seed = _nodes.Node("seed");
        var killedAt = _nodes.Clock.Elapsed;
        _nodes.Kill("node3");
        ClusterNodes.ExpectLine(seed, $"EVENT UnreachableMember {victim}");
        output.WriteLine($"FIGURE kill -9 -> unreachable: {(_nodes.Clock.Elapsed - killedAt).TotalSeconds:F1} s");
        ClusterNodes.ExpectLine(seed, $"EVENT MemberRemoved {victim} Down");
        output.WriteLine($"FIGURE kill -9 -> removed (stable-after {_nodes.StableAfter}): {(_nodes.Clock.Elapsed - killedAt).TotalSeconds:F1} s");
        ClusterNodes.AwaitMembersUp(_nodes.Node("node1"), 3);
    }

    [Fact]
    public void A_gracefully_leaving_node_is_removed_and_its_process_exits_with_code_0()
    {
        StartSeedAndMembers(3);
        foreach (var role in new[] { "seed", "node1", "node2", "node3" }) ClusterNodes.AwaitMembersUp(_nodes.Node(role), 4);
        var leaver = _nodes.Node("node2");
        var address = _nodes.Address("node2");
        var seed = _nodes.Node("seed");
        var leftAt = _nodes.Clock.Elapsed;
        leaver.Send("leave");
        ClusterNodes.ExpectLine(seed, $"EVENT MemberLeft {address}");
        ClusterNodes.ExpectLine(seed, $"EVENT MemberExited {address}");
        ClusterNodes.ExpectLine(seed, $"EVENT MemberRemoved {address} Exiting");
        output.WriteLine($"FIGURE graceful leave -> removed: {(_nodes.Clock.Elapsed - leftAt).TotalSeconds:F1} s");
        ClusterNodes.ExpectLine(leaver, "SELF-REMOVED");
        // It heard the removal from the leader (not just the end of a shutdown phase's timeout).
        Assert.Contains("this node has been removed from the cluster", leaver.Transcript, StringComparison.Ordinal);
        ClusterNodes.ExpectLine(leaver, "SYSTEM-TERMINATED");
        Assert.Equal(0, leaver.WaitForExit(ClusterNodes.Wait));
        output.WriteLine($"FIGURE graceful leave -> process exited: {(_nodes.Clock.Elapsed - leftAt).TotalSeconds:F1} s");
        ClusterNodes.AwaitMembersUp(_nodes.Node("node1"), 3);
    }

    [Fact]
    public void A_restarted_first_seed_rejoins_the_existing_cluster_instead_of_forming_a_new_one()
    {
        var seeds = _nodes.StartSeeds("seed", "node1");
        _nodes.Start("node2", seeds);
        foreach (var role in new[] { "seed", "node1", "node2" }) ClusterNodes.AwaitMembersUp(_nodes.Node(role), 3);

        var restartedAt = _nodes.Clock.Elapsed;
        var seed = _nodes.Restart("seed");
        ClusterNodes.ExpectLine(seed, "SELF-UP", TimeSpan.FromSeconds(40));
        output.WriteLine($"FIGURE restarted seed -> Up again: {(_nodes.Clock.Elapsed - restartedAt).TotalSeconds:F1} s");
        // One cluster: the new incarnation sees the old members, and they see it (3 members, not 1 + 2).
        ClusterNodes.AwaitMembersUp(seed, 3);
        ClusterNodes.AwaitMembersUp(_nodes.Node("node2"), 3);
        Assert.DoesNotContain(seed.Transcript.Split('\n'), l => l.Contains("is JOINING itself", StringComparison.Ordinal));
    }

    [Fact]
    public void A_restarted_seed_that_is_its_only_seed_node_joins_the_cluster_that_knew_it_instead_of_staying_alone()
    {
        // The lighthouse case: every node's seed list is just the seed, so the restarted seed forms a cluster of
        // one at first; heartbeats from the old members reveal the existing cluster and it joins that one.
        StartSeedAndMembers(2);
        foreach (var role in new[] { "seed", "node1", "node2" }) ClusterNodes.AwaitMembersUp(_nodes.Node(role), 3);
        var restartedAt = _nodes.Clock.Elapsed;
        var seed = _nodes.Restart("seed");
        ClusterNodes.AwaitMembersUp(seed, 3, TimeSpan.FromSeconds(40));
        output.WriteLine($"FIGURE restarted lone seed -> member of the existing cluster again: {(_nodes.Clock.Elapsed - restartedAt).TotalSeconds:F1} s");
        ClusterNodes.AwaitMembersUp(_nodes.Node("node1"), 3);
        Assert.Contains("is JOINING itself", seed.Transcript, StringComparison.Ordinal);
        Assert.Contains("belongs to a cluster that knew a previous incarnation", seed.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_with_a_wrong_cluster_secret_is_never_admitted()
    {
        var seedAddress = StartSeedAndMembers(1);
        ClusterNodes.AwaitMembersUp(_nodes.Node("seed"), 2);
        var intruder = _nodes.Start("intruder", seedAddress, environment: new Dictionary<string, string> { ["AW_CLUSTER_SECRET"] = "guessed-wrong" });
        _nodes.Node("seed").ExpectLine(l => l.Contains("refused association", StringComparison.Ordinal), ClusterNodes.Wait, "the refusal warning");
        intruder.ExpectNoLine(l => l is "SELF-UP" || l.StartsWith("EVENT MemberJoined", StringComparison.Ordinal) && !l.EndsWith(_nodes.Address("intruder").ToString(), StringComparison.Ordinal),
            TimeSpan.FromSeconds(8), "membership in the cluster");
        var state = ClusterNodes.AwaitMembersUp(_nodes.Node("seed"), 2);
        Assert.DoesNotContain(_nodes.Address("intruder").ToString(), state);
    }
}
