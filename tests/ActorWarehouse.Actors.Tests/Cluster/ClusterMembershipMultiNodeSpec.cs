using Xunit.Abstractions;

namespace ActorWarehouse.Actors.Tests.Cluster;

/// <summary>Cluster membership between real processes on 127.0.0.1: join, crash, leave, restarted seed, secret.</summary>
public sealed class ClusterMembershipMultiNodeSpec(ITestOutputHelper output) : IDisposable
{
    private readonly ClusterNodes _nodes = new();

    public void Dispose() => _nodes.Dispose();

    private (int Port, string Seed) StartSeedAndMembers(int members)
    {
        int port = ClusterNodes.FreePort();
        var seed = ClusterNodes.SeedAddress(port);
        _nodes.Start("seed", seed, port);
        for (int i = 1; i <= members; i++) _nodes.Start("node" + i, seed);
        return (port, seed);
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
}
