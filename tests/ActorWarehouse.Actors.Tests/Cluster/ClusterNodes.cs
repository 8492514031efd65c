using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorWarehouse.Actors.TestKit;
using ActorWarehouse.Actors.TestKit.MultiNode;
using ActorWarehouse.Actors.Tests.MultiNode;

namespace ActorWarehouse.Actors.Tests.Cluster;

/// <summary>
/// Real cluster node processes (tests/ActorWarehouse.Actors.TestNode --cluster) on 127.0.0.1 for the multi-process
/// cluster specs: a seed on a fixed free port, members that join it, and bounded waits on their output lines.
/// </summary>
internal sealed class ClusterNodes : IDisposable
{
    /// <summary>Multi-process specs run one at a time: each starts several processes on a 2-core machine.</summary>
    public const string Collection = "cluster processes";

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    public const string Secret = "cluster-spec-secret";
    private readonly MultiNodeHarness _harness = new(RemoteDeathWatchMultiNodeSpec.TestNodePath(), new Dictionary<string, string> { ["AW_CLUSTER_SECRET"] = Secret });
    private readonly Dictionary<string, string[]> _arguments = new();

    public ClusterNodes(string stableAfter = "3 s") => StableAfter = stableAfter;

    public string StableAfter { get; }
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public static string SeedAddress(int port) => $"akka.tcp://cluster@127.0.0.1:{port}";

    public NodeProcess Start(string role, string seeds, int port = 0, IReadOnlyDictionary<string, string>? environment = null, string roles = "")
    {
        var args = new[] { "--cluster", "--system", "cluster", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seeds", seeds, "--stable-after", StableAfter, "--roles", roles.Length == 0 ? "all" : roles };
        _arguments[role] = args;
        return _harness.Start(role, environment, args);
    }

    /// <summary>
    /// Starts seed nodes on ports chosen here (their own addresses are in their seed list, so the ports are needed up
    /// front) and returns that list. Another process can take a probed port before a node binds it; then the seeds
    /// started so far are stopped and all start again on new ports.
    /// </summary>
    public string StartSeeds(params string[] roles)
    {
        for (int attempt = 1; ; attempt++)
        {
            var ports = roles.Select(_ => FreePort()).ToArray();
            var seeds = string.Join(",", ports.Select(SeedAddress));
            int started = 0;
            try
            {
                for (; started < roles.Length; started++) Start(roles[started], seeds, ports[started]);
                return seeds;
            }
            catch (TestKitAssertionException) when (attempt < 3 && LostPortRace(Node(roles[started])))
            {
                for (int i = 0; i < started; i++) Kill(roles[i]);
            }
        }
    }

    /// <summary>One seed node, "seed" unless named: see <see cref="StartSeeds"/>.</summary>
    public string StartSeed(string role = "seed") => StartSeeds(role);

    private static bool LostPortRace(NodeProcess node)
    {
        for (int i = 0; i < 50 && !node.HasExited; i++) Thread.Sleep(100);
        Thread.Sleep(200); // its stderr may still be arriving
        return node.HasExited && node.Transcript.Contains("in use", StringComparison.OrdinalIgnoreCase);
    }

    public NodeProcess Restart(string role) => _harness.Restart(role);

    public NodeProcess Node(string role) => _harness.Node(role);
    public Address Address(string role) => _harness.GetAddress(role);
    public void Kill(string role) => _harness.Kill(role);

    public static void ExpectLine(NodeProcess node, string line, TimeSpan? timeout = null) =>
        node.ExpectLine(l => l == line, timeout ?? Wait, $"'{line}'");

    /// <summary>Waits until <paramref name="node"/>'s state shows exactly <paramref name="count"/> members, all Up and reachable.</summary>
    public static string AwaitMembersUp(NodeProcess node, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Wait);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            node.Send("state");
            last = node.ExpectLine(l => l.StartsWith("STATE ", StringComparison.Ordinal), Wait, "STATE");
            var fields = last.Split(' ');
            if (fields[1] == count.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && fields.Skip(2).Where(f => f.Contains('=') && !f.StartsWith("leader=", StringComparison.Ordinal)).All(f => f.EndsWith("=Up", StringComparison.Ordinal)))
                return last;
            Thread.Sleep(200);
        }
        throw new Xunit.Sdk.XunitException($"node '{node.Role}' did not see {count} members Up; last: {last}{Environment.NewLine}{node.Transcript}");
    }

    public void Dispose() => _harness.Dispose();
}
