using ActorWarehouse.Actors.TestKit.MultiNode;

namespace ActorWarehouse.Actors.Tests.MultiNode;

/// <summary>Remoting between real processes (tests/ActorWarehouse.Actors.TestNode) on 127.0.0.1.</summary>
public sealed class RemoteDeathWatchMultiNodeSpec : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly MultiNodeHarness _harness = new(TestNodePath(), new Dictionary<string, string> { ["AW_CLUSTER_SECRET"] = "multi-node-secret" });

    internal static string TestNodePath()
    {
        // bin/<Configuration>/net10.0 of this test assembly → the same configuration of the node project.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var testsDir = output.Parent.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(testsDir, "ActorWarehouse.Actors.TestNode", "bin", configuration, output.Name, "ActorWarehouse.Actors.TestNode.dll");
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Remote_DeathWatch_fires_Terminated_with_AddressTerminated_when_the_peer_process_is_killed()
    {
        var first = _harness.Start("first");
        var second = _harness.Start("second");
        first.Send("spawn-echo target");
        first.ExpectLineStartingWith("OK ", Wait);
        var target = $"{_harness.GetAddress("first")}/user/target";

        second.Send($"send {target} ping");
        second.ExpectLine(l => l == "REPLY ping", Wait);
        second.Send($"watch {target}");
        second.ExpectLine(l => l == $"WATCHING {target}", Wait);
        _harness.EnterBarrier("watching");

        _harness.Kill("first");
        second.ExpectLine(l => l == $"TERMINATED {target} False True", Wait, "Terminated with AddressTerminated = true");
    }

    [Fact]
    public void Remote_DeathWatch_fires_when_the_remote_actor_stops_and_survives_a_restarted_peer()
    {
        var first = _harness.Start("first", null, "--port", "0");
        var second = _harness.Start("second");
        first.Send("spawn-echo target");
        first.ExpectLineStartingWith("OK ", Wait);
        var target = $"{_harness.GetAddress("first")}/user/target";
        second.Send($"watch {target}");
        second.ExpectLine(l => l == $"WATCHING {target}", Wait);
        _harness.EnterBarrier("watching");

        // A graceful stop of the whole peer: the actor stops first, so the watcher learns it from the peer itself.
        first.Send("shutdown");
        second.ExpectLine(l => l == $"TERMINATED {target} True False", Wait, "Terminated with ExistenceConfirmed = true");

        // The same role again (a new incarnation on a new port) is reachable as usual.
        _harness.Restart("first");
        var again = _harness.Node("first");
        again.Send("spawn-echo target");
        again.ExpectLineStartingWith("OK ", Wait);
        second.Send($"send {_harness.GetAddress("first")}/user/target pong");
        second.ExpectLine(l => l == "REPLY pong", Wait);
    }

    [Fact]
    public void A_process_with_a_wrong_cluster_secret_is_refused_and_delivers_nothing()
    {
        var good = _harness.Start("good");
        var intruder = _harness.Start("intruder", new Dictionary<string, string> { ["AW_CLUSTER_SECRET"] = "guessed-wrong" });
        good.Send("spawn-echo echo");
        good.ExpectLineStartingWith("OK ", Wait);
        intruder.Send($"send {_harness.GetAddress("good")}/user/echo hello");
        good.ExpectLine(l => l.StartsWith("LOG refused association", StringComparison.Ordinal), Wait, "the refusal warning");
        intruder.ExpectNoLine(l => l.StartsWith("REPLY", StringComparison.Ordinal), TimeSpan.FromSeconds(2), "a reply");
    }
}
