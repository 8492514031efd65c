using System.Diagnostics;
using System.Globalization;
using ActorWarehouse.Host.Cli.Pbm;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>
/// <c>aw up [--nodes N]</c>: a local cluster of one lighthouse and N <c>aw node</c> child processes on 127.0.0.1
/// (free ports, a generated secret), shown once all members are Up, stopped on Ctrl-C (graceful leave, then kill).
/// </summary>
public sealed class UpCommand(TextWriter? output = null, TextWriter? error = null) : ICliCommand
{
    public const string Usage =
        "usage: aw up [--nodes N] [--roles R] [--data DIR] [--admin-password PW] [--logs DIR] [--verbose]\n" +
        "  starts a lighthouse and N nodes (default 3) on 127.0.0.1 until Ctrl-C; --data DIR gives node i DIR/node-i;\n" +
        "  the SQL admin password is --admin-password, else AW_ADMIN_PASSWORD, else generated and printed;\n" +
        "  child output goes to --logs DIR (default a new temporary folder), and to the console with --verbose";

    private static readonly TimeSpan AllUpTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);
    private readonly TextWriter _out = output ?? Console.Out;
    private readonly TextWriter _err = error ?? Console.Error;

    public string Name => "up";

    public string Summary => "start a local cluster (a lighthouse and N nodes) until Ctrl-C";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        CliArguments parsed;
        int nodes;
        try
        {
            parsed = new CliArguments(args, new HashSet<string> { "--nodes", "--roles", "--data", "--admin-password", "--logs" }, new HashSet<string> { "--verbose", "-v" });
            if (parsed.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{parsed.Positional[0]}'");
            var count = parsed.Value("--nodes") ?? "3";
            if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out nodes) || nodes is < 1 or > 32)
                throw new CliUsageException($"--nodes needs a number 1-32, got '{count}'");
        }
        catch (CliUsageException e)
        {
            await _err.WriteLineAsync($"aw up: {e.Message}");
            await _err.WriteLineAsync(Usage);
            return 2;
        }

        // SIGTERM stops the cluster like Ctrl-C does (the children leave gracefully before this process exits).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
            signal => { signal.Cancel = true; stop.Cancel(); });
        cancellationToken = stop.Token;
        var logs = Path.GetFullPath(parsed.Value("--logs") ?? Path.Combine(Path.GetTempPath(), $"aw-up-{Environment.ProcessId}"));
        var data = parsed.Value("--data");
        var adminPassword = parsed.Value("--admin-password") ?? Environment.GetEnvironmentVariable("AW_ADMIN_PASSWORD");
        await using var cluster = adminPassword is null
            ? new LocalCluster(logs, parsed.Has("--verbose", "-v") ? _out : null)
            : new LocalCluster(logs, parsed.Has("--verbose", "-v") ? _out : null) { AdminPassword = adminPassword };
        var clock = Stopwatch.StartNew();
        try
        {
            await _out.WriteLineAsync($"aw up: logs in {logs}");
            var lighthouse = await cluster.StartLighthouseAsync();
            await _out.WriteLineAsync($"lighthouse {lighthouse.Address}  pbm 127.0.0.1:{lighthouse.PbmPort}");
            var starts = Enumerable.Range(1, nodes).Select(i =>
                cluster.StartNodeAsync(parsed.Value("--roles") ?? "all", dataFolder: data is null ? null : Path.Combine(Path.GetFullPath(data), $"node-{i}")));
            foreach (var node in await Task.WhenAll(starts))
                await _out.WriteLineAsync($"{node.Name,-10} {node.Address}  pbm 127.0.0.1:{node.PbmPort}  sql 127.0.0.1:{node.SqlPort}");

            var expected = cluster.RunningAddresses();
            var view = await cluster.WaitForAsync(v => v.AllUp(expected), AllUpTimeout, cancellationToken: cancellationToken);
            await _out.WriteLineAsync($"all {expected.Count} members up after {clock.Elapsed.TotalSeconds:0.0} s:");
            foreach (var m in view.Members)
                await _out.WriteLineAsync($"  {m.Address} | [{string.Join(",", m.Roles)}] | {m.Status} | {(m.Reachable ? "" : "unreachable")}");
            await _out.WriteLineAsync($"  Count: {view.Members.Count} nodes");
            await _out.WriteLineAsync($"SQL on each node's sql port: user admin, password {(adminPassword is null ? cluster.AdminPassword + " (generated; --admin-password sets one)" : "as given")}");
            await _out.WriteLineAsync($"try: aw pbm 127.0.0.1:{lighthouse.PbmPort} cluster show    (Ctrl-C stops the cluster)");

            await WatchUntilCancelled(cluster, cancellationToken);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or TimeoutException or InvalidOperationException or IOException)
        {
            await _err.WriteLineAsync($"aw up: {e.Message}");
            await _err.WriteLineAsync($"aw up: child logs are in {logs}");
            return 1;
        }
        finally
        {
            await _out.WriteLineAsync("aw up: stopping (nodes leave the cluster, then the lighthouse)");
            await cluster.StopAllAsync(StopGrace);
            await _out.WriteLineAsync("aw up: stopped");
        }
    }

    /// <summary>Reports children that exit on their own (e.g. removed with aw pbm) until Ctrl-C.</summary>
    private async Task WatchUntilCancelled(LocalCluster cluster, CancellationToken cancellationToken)
    {
        var reported = new HashSet<string>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var processes = new[] { cluster.Lighthouse!.Process }.Concat(cluster.Nodes.Select(n => n.Process));
            foreach (var p in processes)
                if (p.HasExited && reported.Add(p.Name))
                    await _out.WriteLineAsync($"aw up: {p.Name} exited with code {p.Exited.Result}");
            try { await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
