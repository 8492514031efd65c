using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Management.Hosting;
using ActorWarehouse.Actors.Sharding;
using ActorWarehouse.Host.Cli.Pbm;

namespace ActorWarehouse.Host.Selftest;

/// <summary>What <c>aw selftest sharding</c> runs with.</summary>
public sealed record ShardingSelftestOptions(int Nodes, int Entities, int Kill, int Add, string Journal, string? Data, string? Postgres);

/// <summary>The figures and counts of one run; <see cref="Passed"/> when every entity recovered and nothing acknowledged was lost.</summary>
public sealed record ShardingSelftestResult(int Recovered, int Entities, long Lost, long Duplicated, int ShardsMoved, long OutOfOrder)
{
    public bool Passed => Recovered == Entities && Lost == 0 && OutOfOrder == 0;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"sharding selftest: entities {Recovered}/{Entities} recovered, lost {Lost}, duplicated {Duplicated}, shards moved {ShardsMoved}");
}

/// <summary>
/// <c>aw selftest sharding</c>: a lighthouse and N <c>aw selftest sharding-node</c> processes host persistent counters
/// (remember-entities, journal in SQLite or PostgreSQL); this process joins as a member with role "driver" and
/// sends increments through a region proxy, counting acknowledgements. After two rounds it SIGKILLs K nodes in the
/// middle of the third, starts A new ones, sends more rounds (which wait until the dead nodes' shards serve again),
/// then reads every counter back: value ≥ acknowledged (else lost), value ≤ sent (else duplicated).
/// </summary>
public sealed partial class ShardingSelftest(ShardingSelftestOptions options, TextWriter output)
{
    private const int Rounds = 6;
    private const int KillDuringRound = 3;
    private const int MaxRounds = 20;
    private const int PipelinedPerEntity = 4;
    private static readonly TimeSpan NodeUpTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(120);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<ChildProcess> _nodes = [];
    private long[] _sent = [];
    private long[] _acked = [];
    private long[] _seq = [];
    // Every acknowledgement: which increment (per-entity sequence number) and the counter value it produced.
    private readonly System.Collections.Concurrent.ConcurrentQueue<(int Entity, long Seq, long Value)> _acks = new();

    [GeneratedRegex(@"sharding-node (\S+) up")]
    private static partial Regex NodeUp();

    private void Say(string line) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {line}"));

    public async Task<ShardingSelftestResult> RunAsync(CancellationToken cancellationToken)
    {
        bool temporary = options.Data is null;
        var data = Path.GetFullPath(options.Data ?? Path.Combine(Path.GetTempPath(), $"aw-selftest-sharding-{Environment.ProcessId}"));
        Directory.CreateDirectory(data);
        Actors.TestKit.ThrowawayPostgres? postgres = null;
        try
        {
            string? connection = options.Postgres;
            if (options.Journal == "postgres" && connection is null)
            {
                postgres = new Actors.TestKit.ThrowawayPostgres("aw-selftest-pg-", "install postgresql-15, or pass --pg \"connection string\"");
                connection = postgres.ConnectionString(maxPoolSize: 10);
                Say($"started a throwaway PostgreSQL on 127.0.0.1:{postgres.Port}");
            }
            var sqlite = Path.Combine(data, "journal.db");
            if (options.Journal == "sqlite" && temporary) DeleteSqlite(sqlite);
            await using var cluster = new LocalCluster(Path.Combine(data, "logs"), echo: null);
            return await RunClusterAsync(cluster, sqlite, connection, cancellationToken);
        }
        finally
        {
            foreach (var node in _nodes) await node.DisposeAsync();
            postgres?.Dispose();
            if (temporary)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try { Directory.Delete(data, recursive: true); }
                catch (IOException) { }
            }
        }
    }

    private static void DeleteSqlite(string file)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
    }

    private async Task<ShardingSelftestResult> RunClusterAsync(LocalCluster cluster, string sqlite, string? postgres, CancellationToken ct)
    {
        int shards = 10 * (options.Nodes + options.Add);
        var lighthouse = await cluster.StartLighthouseAsync();
        Say($"lighthouse {lighthouse.Address}; journal {options.Journal}; {shards} shards; logs in {cluster.LogFolder}");
        var starting = Enumerable.Range(1, options.Nodes).Select(i => StartNode(cluster, lighthouse.Address, sqlite, postgres, shards, i)).ToList();
        var addresses = await Task.WhenAll(starting.Select(n => n.WaitForLineAsync(NodeUp(), NodeUpTimeout)));
        var nodeByAddress = starting.Zip(addresses, (n, m) => (n, m.Groups[1].Value)).ToDictionary(p => p.Item2, p => p.n);
        Say($"{options.Nodes} nodes up");

        var hocon = ClusterNodeHocon.Build("127.0.0.1", 0, [lighthouse.Address], ["driver"], cluster.Secret)
            + SelftestCounter.Config(options.Journal, sqlite, postgres) + "\nakka.stdout-loglevel = ERROR\n";
        using var driver = ActorSystem.Create(cluster.SystemName, hocon);
        try
        {
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Cluster.Get(driver).RegisterOnMemberUp(() => up.TrySetResult());
            await up.Task.WaitAsync(NodeUpTimeout, ct);
            var proxy = ClusterSharding.Get(driver).StartProxy(SelftestCounter.TypeName, SelftestCounter.Role, SelftestCounter.Extractor(shards));
            _sent = new long[options.Entities];
            _acked = new long[options.Entities];
            _seq = new long[options.Entities];

            for (int first = 1; first < KillDuringRound; first++) await RoundAsync(proxy, first, ct);
            var homesBefore = await ShardHomesAsync(proxy);
            Say($"shards per node before the kill: {Describe(homesBefore)}");

            // The first victim is the node running the coordinator (the oldest member with the role): its state must
            // come back from the journal on the next oldest.
            var coordinatorNode = Cluster.Get(driver).State.Members
                .Where(m => m.HasRole(SelftestCounter.Role) && m.Status == MemberStatus.Up).OrderBy(m => m, Member.AgeOrdering)
                .Select(m => nodeByAddress.GetValueOrDefault(m.Address.ToString())).FirstOrDefault(n => n is not null);
            var victims = (coordinatorNode is null ? starting : [coordinatorNode, .. starting.Where(n => n != coordinatorNode)]).Take(options.Kill).ToList();
            if (coordinatorNode is not null && victims.Contains(coordinatorNode)) Say($"{coordinatorNode.Name} runs the coordinator");
            var killedAt = TimeSpan.Zero;
            void KillVictims()
            {
                killedAt = _clock.Elapsed;
                foreach (var victim in victims) victim.Kill();
            }
            // Half of the round's increments are sent before the kill (some in flight to the victims), half after.
            await RoundAsync(proxy, KillDuringRound, ct, askTimeout: RetryTimeout, halfway: KillVictims);
            if (victims.Count > 0) Say($"SIGKILL {string.Join(", ", victims.Select(v => $"{v.Name} (pid {v.Pid})"))} halfway through round {KillDuringRound}");
            var added = Enumerable.Range(options.Nodes + 1, options.Add).Select(i => StartNode(cluster, lighthouse.Address, sqlite, postgres, shards, i)).ToList();
            await RoundAsync(proxy, KillDuringRound + 1, ct, untilAcked: true);
            if (options.Kill > 0)
                Say($"FIGURE every entity serving again {(_clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill (includes failure detection and downing)");
            await Task.WhenAll(added.Select(n => n.WaitForLineAsync(NodeUp(), NodeUpTimeout)));
            if (added.Count > 0) Say($"{added.Count} nodes added");
            // Pipelined rounds while the coordinator rebalances shards to the added nodes (hand-offs under traffic).
            int round = KillDuringRound + 2;
            for (; round <= Rounds || (added.Count > 0 && round <= MaxRounds && !await AddedNodesServeAsync(proxy, added.Count)); round++)
                await PipelinedRoundAsync(proxy, round, PipelinedPerEntity, ct);
            if (added.Count > 0 && !await AddedNodesServeAsync(proxy, added.Count)) Say($"the added nodes did not receive their share of shards by round {round - 1}");

            var homesAfter = await ShardHomesAsync(proxy);
            Say($"shards per node at the end: {Describe(homesAfter)}");
            int moved = homesBefore.Count(kv => !homesAfter.TryGetValue(kv.Key, out var a) || a != kv.Value);
            return await VerifyAsync(proxy, moved);
        }
        finally
        {
            await driver.Terminate().WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            await Task.WhenAll(_nodes.Where(n => !n.HasExited).Select(n => n.StopAsync(TimeSpan.FromSeconds(20))));
        }
    }

    private ChildProcess StartNode(LocalCluster cluster, string seed, string sqlite, string? postgres, int shards, int index)
    {
        var args = new List<string> { "selftest", "sharding-node", "--seeds", seed, "--journal", options.Journal,
            "--shards", shards.ToString(CultureInfo.InvariantCulture), "--system", cluster.SystemName };
        if (options.Journal == "sqlite") args.AddRange(["--db", sqlite]);
        else args.AddRange(["--pg", postgres!]);
        var environment = new Dictionary<string, string?>
        {
            ["AW_CLUSTER_SECRET"] = cluster.Secret,
            [ParentProcessWatch.Variable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        };
        var name = $"node-{index}";
        var node = ChildProcess.Start(name, Executables.Aw(), args, environment, Path.Combine(cluster.LogFolder, name + ".log"), echo: null);
        _nodes.Add(node);
        return node;
    }

    /// <summary>
    /// One increment to every entity, all in flight at once; counts acknowledgements. With <paramref name="untilAcked"/>,
    /// unacknowledged increments are sent again (each attempt counts as sent) until every entity has acknowledged
    /// one: a message that went to a dead node's region before its death was noticed is lost (at-most-once delivery).
    /// </summary>
    private async Task<TimeSpan> RoundAsync(IActorRef proxy, int round, CancellationToken ct, bool untilAcked = false, TimeSpan? askTimeout = null, Action? halfway = null)
    {
        var started = _clock.Elapsed;
        long before = _acked.Sum();
        var pending = Enumerable.Range(0, options.Entities).ToList();
        var timeout = askTimeout ?? (untilAcked ? RetryTimeout : AskTimeout);
        int attempts = 0;
        while (pending.Count > 0 && (attempts++ == 0 || (untilAcked && _clock.Elapsed - started < RecoveryDeadline)))
        {
            var done = new bool[options.Entities];
            var asks = new Task[pending.Count];
            for (int i = 0; i < pending.Count; i++)
            {
                if (i == pending.Count / 2 && attempts == 1) halfway?.Invoke();
                int entity = pending[i];
                asks[i] = Increment(proxy, entity, timeout, ct).ContinueWith(t => { if (t.Result) done[entity] = true; }, TaskScheduler.Default);
            }
            await Task.WhenAll(asks);
            pending = pending.Where(e => !done[e]).ToList();
        }
        var elapsed = _clock.Elapsed - started;
        long acked = _acked.Sum() - before;
        Say($"round {round}: {acked}/{options.Entities} acknowledged in {elapsed.TotalSeconds:0.00} s" + (untilAcked
            ? $" ({attempts} attempts)"
            : $" ({options.Entities / Math.Max(elapsed.TotalSeconds, 1e-3):0} persisted increments/s through the proxy)"));
        return elapsed;
    }

    /// <summary>Sends the entity's next increment; true when it was acknowledged (and logged with its value).</summary>
    private Task<bool> Increment(IActorRef proxy, int entity, TimeSpan timeout, CancellationToken ct)
    {
        _sent[entity]++;
        long seq = ++_seq[entity];
        return proxy.Ask<string>(new ShardingEnvelope(EntityId(entity), $"inc {seq}"), timeout, ct).ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully) return false;
            Interlocked.Increment(ref _acked[entity]);
            var value = long.Parse(t.Result.AsSpan(t.Result.LastIndexOf(' ') + 1), CultureInfo.InvariantCulture);
            _acks.Enqueue((entity, seq, value));
            return true;
        }, TaskScheduler.Default);
    }

    /// <summary>
    /// <paramref name="perEntity"/> increments per entity sent back to back without waiting, so that shards handed off
    /// meanwhile have messages buffered: their values must follow their send order.
    /// </summary>
    private async Task PipelinedRoundAsync(IActorRef proxy, int round, int perEntity, CancellationToken ct)
    {
        var started = _clock.Elapsed;
        long before = _acked.Sum();
        var asks = new List<Task<bool>>(options.Entities * perEntity);
        for (int e = 0; e < options.Entities; e++)
            for (int k = 0; k < perEntity; k++) asks.Add(Increment(proxy, e, AskTimeout, ct));
        await Task.WhenAll(asks);
        var elapsed = _clock.Elapsed - started;
        Say($"round {round} (pipelined x{perEntity}): {_acked.Sum() - before}/{asks.Count} acknowledged in {elapsed.TotalSeconds:0.00} s ({asks.Count / Math.Max(elapsed.TotalSeconds, 1e-3):0} persisted increments/s)");
    }

    private static string EntityId(int e) => "counter-" + e.ToString(CultureInfo.InvariantCulture);

    private static async Task<Dictionary<string, Address>> ShardHomesAsync(IActorRef proxy)
    {
        var stats = await proxy.Ask<ClusterShardingStats>(new GetClusterShardingStats(TimeSpan.FromSeconds(10)), TimeSpan.FromSeconds(30));
        var homes = new Dictionary<string, Address>(StringComparer.Ordinal);
        foreach (var (address, region) in stats.Regions)
            foreach (var shard in region.Stats.Keys) homes[shard] = address;
        return homes;
    }

    private static string Describe(Dictionary<string, Address> homes) =>
        string.Join(", ", homes.GroupBy(kv => kv.Value).OrderBy(g => g.Key.Port).Select(g => $"{g.Key.Port}: {g.Count()}"));

    /// <summary>Every live node (the added ones included) hosts at least its fair share minus one.</summary>
    private async Task<bool> AddedNodesServeAsync(IActorRef proxy, int added)
    {
        var homes = await ShardHomesAsync(proxy);
        int nodes = options.Nodes - options.Kill + added;
        var perNode = homes.Values.GroupBy(a => a).Select(g => g.Count()).ToList();
        return perNode.Count >= nodes && perNode.Min() >= homes.Count / nodes - 1;
    }

    private async Task<ShardingSelftestResult> VerifyAsync(IActorRef proxy, int moved)
    {
        var values = new long?[options.Entities];
        var reads = Enumerable.Range(0, options.Entities).Select(async e =>
        {
            try
            {
                var reply = await proxy.Ask<string>(new ShardingEnvelope(EntityId(e), "get"), AskTimeout);
                values[e] = long.Parse(reply.AsSpan(reply.LastIndexOf(' ') + 1), CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is TaskCanceledException or TimeoutException or AskTimeoutException) { }
        });
        await Task.WhenAll(reads);
        int recovered = 0;
        long lost = 0, duplicated = 0, unanswered = 0, unackedApplied = 0;
        for (int e = 0; e < options.Entities; e++)
        {
            if (values[e] is not { } v) { unanswered++; continue; }
            if (v >= _acked[e]) recovered++;
            lost += Math.Max(0, _acked[e] - v);
            duplicated += Math.Max(0, v - _sent[e]);
            unackedApplied += Math.Max(0, Math.Min(v, _sent[e]) - _acked[e]);
        }
        long outOfOrder = 0;
        foreach (var perEntity in _acks.GroupBy(a => a.Entity))
        {
            var bySeq = perEntity.OrderBy(a => a.Seq).ToList();
            for (int i = 1; i < bySeq.Count; i++) if (bySeq[i].Value <= bySeq[i - 1].Value) outOfOrder++;
        }
        Say($"acknowledged increments applied out of send order: {outOfOrder}");
        Say($"sent {_sent.Sum()} increments, acknowledged {_acked.Sum()}, applied but unacknowledged {unackedApplied}, entities not answering {unanswered}");
        return new ShardingSelftestResult(recovered, options.Entities, lost, duplicated, moved, outOfOrder);
    }
}
