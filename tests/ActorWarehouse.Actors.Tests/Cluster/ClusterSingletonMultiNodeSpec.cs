using Xunit.Abstractions;

namespace ActorWarehouse.Actors.Tests.Cluster;

/// <summary>ClusterSingletonManager and ClusterSingletonProxy across real processes.</summary>
[Collection(ClusterNodes.Collection)]
public sealed class ClusterSingletonMultiNodeSpec(ITestOutputHelper output) : IDisposable
{
    private readonly ClusterNodes _nodes = new();

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public void The_singleton_runs_on_the_oldest_node_hands_over_on_leave_and_is_taken_over_after_a_crash()
    {
        var seed = _nodes.StartSeed();
        ClusterNodes.ExpectLine(_nodes.Node("seed"), "SELF-UP");
        _nodes.Start("node1", seed);
        ClusterNodes.AwaitMembersUp(_nodes.Node("node1"), 2);
        _nodes.Start("node2", seed);
        ClusterNodes.AwaitMembersUp(_nodes.Node("node2"), 3);
        // A fourth node keeps a majority after the crash below (with two left, keep-majority keeps the lowest address).
        _nodes.Start("node3", seed);
        var all = new[] { "seed", "node1", "node2", "node3" };
        foreach (var role in all) ClusterNodes.AwaitMembersUp(_nodes.Node(role), 4);
        foreach (var role in all) _nodes.Node(role).Send("start-singleton");

        // The oldest (the seed, Up first) runs it; a proxy elsewhere reaches it.
        ClusterNodes.ExpectLine(_nodes.Node("seed"), $"SINGLETON-STARTED {_nodes.Address("seed")}");
        var client = _nodes.Node("node2");
        client.Send("ask-singleton one");
        ClusterNodes.ExpectLine(client, $"REPLY SINGLETON {_nodes.Address("seed")} one");

        // Graceful leave of the oldest: hand-over to the next oldest.
        var leftAt = _nodes.Clock.Elapsed;
        _nodes.Node("seed").Send("leave");
        ClusterNodes.ExpectLine(_nodes.Node("node1"), $"SINGLETON-STARTED {_nodes.Address("node1")}");
        output.WriteLine($"FIGURE singleton hand-over on leave: {(_nodes.Clock.Elapsed - leftAt).TotalSeconds:F1} s");
        Assert.Equal(0, _nodes.Node("seed").WaitForExit(ClusterNodes.Wait));
        AskUntilReply(client, _nodes.Address("node1"));

        // Crash of the oldest: the next one takes over once the crashed node is downed.
        var killedAt = _nodes.Clock.Elapsed;
        _nodes.Kill("node1");
        ClusterNodes.ExpectLine(client, $"SINGLETON-STARTED {_nodes.Address("node2")}", TimeSpan.FromSeconds(45));
        output.WriteLine($"FIGURE singleton take-over after kill -9: {(_nodes.Clock.Elapsed - killedAt).TotalSeconds:F1} s");
        AskUntilReply(client, _nodes.Address("node2"));
    }

    private static void AskUntilReply(ActorWarehouse.Actors.TestKit.MultiNode.NodeProcess client, Address expected)
    {
        var deadline = DateTime.UtcNow + ClusterNodes.Wait;
        while (true)
        {
            client.Send("ask-singleton again");
            try
            {
                client.ExpectLine(l => l == $"REPLY SINGLETON {expected} again", TimeSpan.FromSeconds(2), "a reply from the new singleton");
                return;
            }
            catch (ActorWarehouse.Actors.TestKit.TestKitAssertionException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
