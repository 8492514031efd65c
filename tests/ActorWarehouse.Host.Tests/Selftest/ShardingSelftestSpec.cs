using System.Diagnostics;
using System.Text.RegularExpressions;
using ActorWarehouse.Host.Cli.Commands;
using ActorWarehouse.Host.Cli.Pbm;
using ActorWarehouse.Host.Tests.Cli;
using ActorWarehouse.Host.Tests.Cluster;
using Xunit;
using Xunit.Abstractions;

namespace ActorWarehouse.Host.Tests.Selftest;

/// <summary>
/// <c>aw selftest sharding</c> end to end as a real process: a lighthouse and node processes on 127.0.0.1, SIGKILL of a
/// node mid-run, an added node, every counter checked against the acknowledged increments. The selftest kills its
/// own children; this spec kills the selftest itself when it overruns.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed partial class ShardingSelftestSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);

    [GeneratedRegex(@"^sharding selftest: entities (\d+)/(\d+) recovered, lost (\d+), duplicated (\d+), shards moved (\d+)$")]
    private static partial Regex Summary();

    private async Task<(int Code, string[] Lines)> RunSelftest(params string[] args)
    {
        using var logs = new TempFolder();
        var clock = Stopwatch.StartNew();
        await using var selftest = ChildProcess.Start("selftest", Executables.Aw(), ["selftest", "sharding", .. args],
            new Dictionary<string, string?>(), Path.Combine(logs.Path, "selftest.log"), null);
        int code;
        try { code = await selftest.Exited.WaitAsync(RunLimit); }
        catch (TimeoutException)
        {
            selftest.Kill();
            throw new Xunit.Sdk.XunitException($"aw selftest sharding did not finish within {RunLimit}:\n{selftest.Output()}");
        }
        var lines = selftest.Output().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        foreach (var line in lines.Where(l => l.StartsWith('[') && !l.StartsWith("[WARN", StringComparison.Ordinal) && !l.StartsWith("[ERROR", StringComparison.Ordinal)))
            output.WriteLine(line);
        output.WriteLine($"FIGURE aw selftest sharding {string.Join(' ', args)}: {clock.Elapsed.TotalSeconds:0} s");
        return (code, lines);
    }

    private static Match AssertPassed(int code, string[] lines, int entities)
    {
        var summary = Summary().Match(lines[^1]);
        Assert.True(summary.Success, $"last line is not the summary: {lines[^1]}");
        Assert.Equal(entities.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.Groups[1].Value);
        Assert.Equal(entities.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.Groups[2].Value);
        Assert.Equal("0", summary.Groups[3].Value);
        Assert.Equal(0, code);
        return summary;
    }

    [Fact]
    public async Task Three_nodes_with_a_SQLite_journal_recover_all_1000_entities_after_a_kill_and_an_added_node()
    {
        var (code, lines) = await RunSelftest("--nodes", "3", "--entities", "1000", "--kill", "1", "--add", "1", "--journal", "sqlite");
        var summary = AssertPassed(code, lines, 1000);
        Assert.True(int.Parse(summary.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "the killed node's shards moved");
        Assert.Contains(lines, l => l.Contains("SIGKILL node-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Three_nodes_with_a_throwaway_PostgreSQL_journal_recover_all_1000_entities_after_a_kill_and_an_added_node()
    {
        var (code, lines) = await RunSelftest("--nodes", "3", "--entities", "1000", "--kill", "1", "--add", "1", "--journal", "postgres");
        AssertPassed(code, lines, 1000);
        Assert.Contains(lines, l => l.Contains("started a throwaway PostgreSQL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fourth_node_that_joins_three_receives_shards_by_rebalancing()
    {
        var (code, lines) = await RunSelftest("--nodes", "3", "--entities", "300", "--kill", "0", "--add", "1", "--journal", "sqlite");
        var summary = AssertPassed(code, lines, 300);
        Assert.True(int.Parse(summary.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "shards moved to the new node");
        Assert.DoesNotContain(lines, l => l.Contains("did not receive their share", StringComparison.Ordinal));
        Assert.Contains("acknowledged increments applied out of send order: 0", string.Join("\n", lines));
    }

    [Fact]
    public void Bad_options_print_the_usage_and_exit_2()
    {
        var (code, _, error) = CommandRunner.Run((o, e) => new SelftestShardingCommand(o, e), "sharding", "--kill", "3", "--nodes", "3");
        Assert.Equal(2, code);
        Assert.Contains("usage: aw selftest sharding", error);
        (code, _, error) = CommandRunner.Run((o, e) => new SelftestShardingCommand(o, e), "sharding", "--journal", "mysql");
        Assert.Equal(2, code);
        Assert.Contains("--journal must be sqlite or postgres", error);
    }
}
