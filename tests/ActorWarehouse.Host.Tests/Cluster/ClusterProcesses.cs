using System.Diagnostics;
using ActorWarehouse.Host.Cli.Pbm;
using ActorWarehouse.Host.Tests.Cli;
using Xunit.Abstractions;

namespace ActorWarehouse.Host.Tests.Cluster;

/// <summary>
/// One real local cluster per test (the lighthouse and <c>aw node</c> processes of <see cref="LocalCluster"/>) with its
/// logs in a temporary folder; disposing stops every child (SIGTERM, then kill) and prints their last lines.
/// </summary>
internal sealed class ClusterProcesses : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly TempFolder _logs = new();

    public ClusterProcesses(ITestOutputHelper output)
    {
        _output = output;
        Cluster = new LocalCluster(_logs.Path, echo: null);
    }

    public LocalCluster Cluster { get; }

    /// <summary>Starts the lighthouse and <paramref name="nodes"/> nodes and waits until all are Up; returns the seconds it took.</summary>
    public async Task<double> StartAllUpAsync(int nodes)
    {
        var clock = Stopwatch.StartNew();
        await Cluster.StartLighthouseAsync();
        await Task.WhenAll(Enumerable.Range(0, nodes).Select(_ => Cluster.StartNodeAsync()));
        var expected = Cluster.RunningAddresses();
        await Cluster.WaitForAsync(v => v.AllUp(expected), TimeSpan.FromSeconds(120));
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Runs the real <c>aw</c> executable (e.g. <c>pbm HOST:PORT cluster show --json</c>) with a bound on its time.</summary>
    public static Task<(int Code, string Out, string Err)> AwAsync(params string[] args) => AwWithInputAsync("", args);

    /// <summary>As <see cref="AwAsync"/>, with <paramref name="input"/> on standard input (then closed).</summary>
    public static async Task<(int Code, string Out, string Err)> AwWithInputAsync(string input, params string[] args)
    {
        var command = Executables.Aw();
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in command.LeadingArguments) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start aw");
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aw {string.Join(' ', args)} did not finish within 60 s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Log(string line) => _output.WriteLine(line);

    public async ValueTask DisposeAsync()
    {
        // A short grace: the scenario is over, so teardown need not wait for every member's full leave.
        await Cluster.StopAllAsync(TimeSpan.FromSeconds(5));
        await Cluster.DisposeAsync();
        foreach (var file in Directory.Exists(_logs.Path) ? Directory.GetFiles(_logs.Path) : [])
        {
            var lines = File.ReadAllLines(file);
            _output.WriteLine($"---- {Path.GetFileName(file)} (last 40 of {lines.Length} lines)");
            foreach (var line in lines.TakeLast(40)) _output.WriteLine(line);
        }
        _logs.Dispose();
    }
}
