using Xunit.Abstractions;

namespace ActorWarehouse.Actors.Tests.Cluster;

/// <summary>A network partition made with the transport's failure injector between real processes.</summary>
[Collection(ClusterNodes.Collection)]
public sealed class ClusterPartitionMultiNodeSpec(ITestOutputHelper output) : IDisposable
{
    private readonly ClusterNodes _nodes = new();

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public void A_partition_keeps_the_majority_side_and_the_minority_side_downs_itself_and_exits()
    {
        var seed = _nodes.StartSeed();
        foreach (var role in new[] { "node1", "node2", "node3" }) _nodes.Start(role, seed);
        var all = new[] { "seed", "node1", "node2", "node3" };
        foreach (var role in all) ClusterNodes.AwaitMembersUp(_nodes.Node(role), 4);

        var minority = _nodes.Node("node3");
        var minorityAddress = _nodes.Address("node3");
        var partitionedAt = _nodes.Clock.Elapsed;
        foreach (var role in new[] { "seed", "node1", "node2" })
        {
            minority.Send($"blackhole {_nodes.Address(role)}");
            _nodes.Node(role).Send($"blackhole {minorityAddress}");
        }
        ClusterNodes.ExpectLine(_nodes.Node("seed"), $"EVENT MemberRemoved {minorityAddress} Down", TimeSpan.FromSeconds(45));
        output.WriteLine($"FIGURE partition -> minority removed on the majority side: {(_nodes.Clock.Elapsed - partitionedAt).TotalSeconds:F1} s");
        ClusterNodes.ExpectLine(minority, "SYSTEM-TERMINATED", TimeSpan.FromSeconds(45));
        Assert.Equal(0, minority.WaitForExit(ClusterNodes.Wait));
        output.WriteLine($"FIGURE partition -> minority process exited: {(_nodes.Clock.Elapsed - partitionedAt).TotalSeconds:F1} s");
        Assert.Contains("SBR", minority.Transcript);
        foreach (var role in new[] { "seed", "node1", "node2" }) ClusterNodes.AwaitMembersUp(_nodes.Node(role), 3);
    }
}
