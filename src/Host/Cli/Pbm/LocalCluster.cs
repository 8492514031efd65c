using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ActorWarehouse.Actors.Management.Hosting;

namespace ActorWarehouse.Host.Cli.Pbm;

/// <summary>
/// A lighthouse and <c>aw node</c> processes on 127.0.0.1 with free ports and one generated secret: what
/// <c>aw up</c> runs, and what the multi-process cluster tests drive. Children get <c>AW_PARENT_PID</c>, so they
/// stop by themselves if this process dies; <see cref="DisposeAsync"/> stops them (SIGTERM, then kill).
/// </summary>
public sealed partial class LocalCluster(string logFolder, TextWriter? echo, string systemName = "aw") : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<NodeProcess> _nodes = [];
    private readonly List<ChildProcess> _all = [];
    private int _nodeCounter;

    public sealed record LighthouseProcess(ChildProcess Process, int Port, int PbmPort, string Address)
    {
        public PbmEndpoint Pbm => new("127.0.0.1", PbmPort);
    }

    public sealed record NodeProcess(string Name, ChildProcess Process, int PbmPort, int SqlPort, string Address)
    {
        public PbmEndpoint Pbm => new("127.0.0.1", PbmPort);
    }

    public string SystemName { get; } = systemName;
    public string LogFolder { get; } = logFolder;
    public string Secret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    /// <summary>Passed to nodes as AW_ADMIN_PASSWORD for their SQL endpoint (user admin); generated unless given.</summary>
    public string AdminPassword { get; init; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
    public LighthouseProcess? Lighthouse { get; private set; }
    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>
    /// Starts the lighthouse (same ports as before on a restart) and waits for its address line. Its cluster port must be
    /// chosen up front (the lighthouse seeds itself), so a first start whose port was taken in between by another
    /// process is retried on a new port; the management port is bound by the lighthouse itself (port 0) and read back.
    /// </summary>
    public async Task<LighthouseProcess> StartLighthouseAsync(IEnumerable<string>? seedsBeforeItself = null, int? port = null, int? pbmPort = null)
    {
        var command = Executables.Lighthouse()
            ?? throw new FileNotFoundException("the lighthouse is not built: run `dotnet build lighthouse -c Release` (or set AW_LIGHTHOUSE)");
        bool portsChosenHere = port is null && Lighthouse is null;
        for (int attempt = 1; ; attempt++)
        {
            int clusterPort = port ?? Lighthouse?.Port ?? FreePorts.Next();
            int managementPort = pbmPort ?? Lighthouse?.PbmPort ?? 0;
            var environment = new Dictionary<string, string?>
            {
                ["ACTORSYSTEM"] = SystemName,
                ["CLUSTER_IP"] = "127.0.0.1",
                ["CLUSTER_PORT"] = clusterPort.ToString(CultureInfo.InvariantCulture),
                ["CLUSTER_SEEDS"] = string.Join(",", seedsBeforeItself ?? []),
                ["PBM_PORT"] = managementPort.ToString(CultureInfo.InvariantCulture),
                ["AW_CLUSTER_SECRET"] = Secret,
                [ParentProcessWatch.Variable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            };
            var process = Track(ChildProcess.Start("lighthouse", command, [], environment, LogPath("lighthouse"), echo));
            try
            {
                var started = await process.WaitForLineAsync(LighthouseStarted(), StartTimeout);
                Lighthouse = new LighthouseProcess(process, clusterPort, int.Parse(started.Groups[2].Value, CultureInfo.InvariantCulture), started.Groups[1].Value);
                return Lighthouse;
            }
            catch (InvalidOperationException) when (portsChosenHere && attempt < PortAttempts && LostPortRace(process))
            {
            }
        }
    }

    /// <summary>
    /// Starts <c>aw node</c> seeded by the lighthouse and waits until it has started. The node binds its SQL and
    /// management ports itself (port 0) and they are read from its start-up lines: a port picked here and passed on
    /// could be taken by another process (an outgoing connection's ephemeral port, say) before the child binds it.
    /// </summary>
    public async Task<NodeProcess> StartNodeAsync(string roles = "all", string? secret = null, string? dataFolder = null, IReadOnlyList<string>? seeds = null)
    {
        var lighthouse = Lighthouse ?? throw new InvalidOperationException("start the lighthouse first");
        string name = $"node-{++_nodeCounter}";
        var arguments = new List<string>
        {
            "node", "--roles", roles, "--seeds", string.Join(",", seeds ?? [lighthouse.Address]), "--cluster-port", "0",
            "--pbm-port", "0", "--sql-port", "0",
        };
        if (dataFolder is not null) arguments.AddRange(["--data", dataFolder]);
        var environment = new Dictionary<string, string?>
        {
            ["AW_CLUSTER_SECRET"] = secret ?? Secret,
            [ParentProcessWatch.Variable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        };
        environment["AW_ADMIN_PASSWORD"] = AdminPassword;
        var process = Track(ChildProcess.Start(name, Executables.Aw(), arguments, environment, LogPath(name), echo));
        await process.WaitForLineAsync(NodeStarted(), StartTimeout);
        // Every service logs before "[node] started", so these lines are already captured.
        var member = process.FindLine(NodeAddress()) ?? throw new InvalidOperationException($"{name} started without a cluster address line");
        int pbmPort = PortFromLine(process, NodePbmEndpoint());
        int sqlPort = PortFromLine(process, NodeSqlEndpoint());
        var node = new NodeProcess(name, process, pbmPort, sqlPort, member.Groups[1].Value);
        _nodes.Add(node);
        return node;
    }

    private const int PortAttempts = 3;

    private static bool LostPortRace(ChildProcess process) =>
        process.Output().Contains("already in use", StringComparison.OrdinalIgnoreCase);

    /// <summary>The port in a start-up line, or 0 when the node printed none (no SQL endpoint without the leader role).</summary>
    private static int PortFromLine(ChildProcess process, Regex pattern) =>
        process.FindLine(pattern) is { } line ? int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    /// <summary>The lighthouse and every node process still running, by address.</summary>
    public IReadOnlyList<string> RunningAddresses() =>
        [.. new[] { Lighthouse }.Where(l => l is not null && !l.Process.HasExited).Select(l => l!.Address),
         .. _nodes.Where(n => !n.Process.HasExited).Select(n => n.Address)];

    /// <summary>Polls <c>cluster show --json</c> (on the lighthouse unless told) until the condition holds.</summary>
    public async Task<ClusterView> WaitForAsync(Func<ClusterView, bool> condition, TimeSpan timeout, PbmEndpoint? via = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        ClusterView? last = null;
        string? lastError = null;
        while (true)
        {
            var endpoint = via ?? Lighthouse?.Pbm ?? throw new InvalidOperationException("no lighthouse");
            try
            {
                last = await ClusterView.FetchAsync(endpoint, TimeSpan.FromSeconds(10), cancellationToken);
                if (condition(last)) return last;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                lastError = e.Message;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"cluster condition not met within {timeout.TotalSeconds:0} s; last view: " +
                    (last is null ? $"none ({lastError})" : string.Join("; ", last.Members.Select(m => $"{m.Address} {m.Status}{(m.Reachable ? "" : " unreachable")}"))));
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>Stops nodes first (in parallel, graceful leave), then the lighthouse; kills whatever outlives <paramref name="grace"/>.</summary>
    public async Task StopAllAsync(TimeSpan grace)
    {
        await Task.WhenAll(_all.Where(p => p.Name != "lighthouse").Select(p => SafeStop(p, grace)));
        await Task.WhenAll(_all.Where(p => p.Name == "lighthouse").Select(p => SafeStop(p, grace)));
    }

    private static async Task SafeStop(ChildProcess process, TimeSpan grace)
    {
        try { await process.StopAsync(grace); }
        catch (TimeoutException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync(TimeSpan.FromSeconds(20));
        foreach (var p in _all) await p.DisposeAsync();
    }

    private ChildProcess Track(ChildProcess process)
    {
        _all.Add(process);
        return process;
    }

    private string LogPath(string name)
    {
        int n = _all.Count(p => p.Name == name);
        return Path.Combine(LogFolder, n == 0 ? $"{name}.log" : $"{name}.{n + 1}.log");
    }

    [GeneratedRegex(@"lighthouse (akka\.tcp://\S+) started.*; pbm \S+:(\d+)")]
    private static partial Regex LighthouseStarted();

    [GeneratedRegex(@"\[cluster\] member (akka\.tcp://\S+) ")]
    private static partial Regex NodeAddress();

    [GeneratedRegex(@"\[node\] started ")]
    private static partial Regex NodeStarted();

    [GeneratedRegex(@"\[management\] aw pbm \S+:(\d+) ")]
    private static partial Regex NodePbmEndpoint();

    /// <summary>The SQL endpoint line an <c>aw node</c> prints once it listens; group 1 is the port.</summary>
    [GeneratedRegex(@"\[pgwire\] SQL \(PostgreSQL protocol 3\.0\) on \S+:(\d+),")]
    internal static partial Regex NodeSqlEndpoint();
}
