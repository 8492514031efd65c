using System.Net.Sockets;
using System.Text.RegularExpressions;
using ActorWarehouse.Host.Cli.Commands;
using ActorWarehouse.Host.Cli.Pbm;
using ActorWarehouse.Host.Tests.Cli;
using Xunit;

namespace ActorWarehouse.Host.Tests.Cluster;

/// <summary><c>aw up</c> as a real process: it brings a local cluster up, and takes every child down with it.</summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class UpCommandSpec
{
    [Fact]
    public async Task Aw_up_shows_all_members_up_and_stops_its_children_on_sigterm()
    {
        using var logs = new TempFolder();
        using var ownLog = new TempFolder();
        await using var up = ChildProcess.Start("aw-up", Executables.Aw(), ["up", "--nodes", "1", "--logs", logs.Path],
            new Dictionary<string, string?>(), Path.Combine(ownLog.Path, "aw-up.log"), null);
        var lighthouse = await up.WaitForLineAsync(new Regex(@"^lighthouse (\S+)\s+pbm 127\.0\.0\.1:(\d+)"), TimeSpan.FromSeconds(60));
        await up.WaitForLineAsync(new Regex(@"^all 2 members up after"), TimeSpan.FromSeconds(120));
        // The member lines follow the headline; the table ends with the count.
        await up.WaitForLineAsync(new Regex(@"^  Count: 2 nodes$"), TimeSpan.FromSeconds(10));
        Assert.Matches(@"\| \[lighthouse\] \| up \|", up.Output());
        int pbmPort = int.Parse(lighthouse.Groups[2].Value);

        up.Terminate();
        Assert.Equal(0, await up.Exited.WaitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("aw up: stopped", up.Output());
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", pbmPort));
        Assert.Contains("[node] stopped (exit 0)", File.ReadAllText(Path.Combine(logs.Path, "node-1.log")));
        Assert.Matches(@"lighthouse akka\.tcp://\S+ stopped\n", File.ReadAllText(Path.Combine(logs.Path, "lighthouse.log")));
    }

    [Fact]
    public void Aw_up_rejects_a_bad_node_count_with_usage()
    {
        var (code, _, error) = CommandRunner.Run((o, e) => new UpCommand(o, e), "--nodes", "0");
        Assert.Equal(2, code);
        Assert.Contains("usage: aw up", error);
    }
}
