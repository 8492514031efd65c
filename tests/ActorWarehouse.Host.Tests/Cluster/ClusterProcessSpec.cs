using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ActorWarehouse.Host.Cli.Pbm;
using ActorWarehouse.Host.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace ActorWarehouse.Host.Tests.Cluster;

/// <summary>
/// Issue #5 acceptance with real processes on 127.0.0.1: the built <c>lighthouse</c> and <c>aw node</c> children,
/// checked through <c>aw pbm</c>. One collection, so the clusters of different tests never compete for the cores.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class ClusterProcessSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan Removal = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_lighthouse_and_three_nodes_all_come_up_as_aw_pbm_cluster_show_reports()
    {
        await using var processes = new ClusterProcesses(output);
        double seconds = await processes.StartAllUpAsync(nodes: 3);
        processes.Log($"FIGURE start to all Up (1 lighthouse + 3 nodes): {seconds:0.0} s");
        var cluster = processes.Cluster;

        var (code, json, error) = await ClusterProcesses.AwAsync("pbm", cluster.Lighthouse!.Pbm.ToString(), "cluster", "show", "--json");
        Assert.True(code == 0, error);
        var view = ClusterView.Parse(json);
        Assert.True(view.AllUp(cluster.RunningAddresses()), json);
        Assert.Equal(["lighthouse"], view.Find(cluster.Lighthouse.Address)!.Roles);
        Assert.Equal(["compute", "leader", "scaling"], view.Find(cluster.Nodes[0].Address)!.Roles);

        // Every node sees the same four members, in the text format of Petabridge.Cmd.
        foreach (var node in cluster.Nodes)
        {
            var text = await ClusterProcesses.AwAsync("pbm", node.Pbm.ToString(), "cluster", "show");
            Assert.Equal(0, text.Code);
            var lines = text.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("Count: 4 nodes", lines[^1]);
            Assert.Contains($"{node.Address} | [compute,leader,scaling] | up | ", lines);
        }
    }

    [Fact]
    public async Task Gossip_traffic_at_rest_is_measured_from_cluster_status_counters()
    {
        await using var processes = new ClusterProcesses(output);
        await processes.StartAllUpAsync(nodes: 3);
        var cluster = processes.Cluster;
        var endpoints = new[] { cluster.Lighthouse!.Pbm }.Concat(cluster.Nodes.Select(n => n.Pbm)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(5)); // let joining traffic settle
        var before = await Task.WhenAll(endpoints.Select(Traffic));
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after = await Task.WhenAll(endpoints.Select(Traffic));
        for (int i = 0; i < endpoints.Length; i++)
        {
            double seconds = (after[i].At - before[i].At).TotalSeconds;
            double messages = (after[i].Messages - before[i].Messages) / seconds;
            double bytes = (after[i].Bytes - before[i].Bytes) / seconds;
            double gossip = (after[i].GossipBytes - before[i].GossipBytes) / seconds;
            processes.Log($"FIGURE at rest, {endpoints[i]}: {messages:0.0} cluster msgs/s, {bytes:0} cluster B/s (gossip+status {gossip:0} B/s), transport {(after[i].Transport - before[i].Transport) / seconds:0} B/s");
            Assert.True(messages > 0, "a member at rest still gossips and heartbeats");
        }
    }

    [Fact]
    public async Task A_node_killed_with_sigkill_becomes_unreachable_is_downed_by_the_resolver_and_removed()
    {
        await using var processes = new ClusterProcesses(output);
        await processes.StartAllUpAsync(nodes: 3);
        var cluster = processes.Cluster;
        var victim = cluster.Nodes[2];

        var clock = Stopwatch.StartNew();
        victim.Process.Kill();
        await cluster.WaitForAsync(v => v.Find(victim.Address) is { Reachable: false }, TimeSpan.FromSeconds(60));
        double unreachable = clock.Elapsed.TotalSeconds;
        var view = await cluster.WaitForAsync(v => v.Find(victim.Address) is null, Removal);
        processes.Log($"FIGURE kill -9 to unreachable: {unreachable:0.0} s; to removed: {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.True(view.AllUp(cluster.RunningAddresses()), "the other three stay Up");
        // The survivors agree.
        var fromNode = await cluster.WaitForAsync(v => v.Find(victim.Address) is null, TimeSpan.FromSeconds(30), cluster.Nodes[0].Pbm);
        Assert.Equal(3, fromNode.Members.Count);
    }

    [Fact]
    public async Task Down_unreachable_through_pbm_removes_a_killed_node_without_waiting_for_the_resolver()
    {
        await using var processes = new ClusterProcesses(output);
        await processes.StartAllUpAsync(nodes: 2);
        var cluster = processes.Cluster;
        var victim = cluster.Nodes[1];

        var clock = Stopwatch.StartNew();
        victim.Process.Kill();
        await cluster.WaitForAsync(v => v.Find(victim.Address) is { Reachable: false }, TimeSpan.FromSeconds(60), cluster.Nodes[0].Pbm);
        var listed = await ClusterProcesses.AwAsync("pbm", cluster.Nodes[0].Pbm.ToString(), "cluster", "unreachable");
        Assert.Contains($"{victim.Address} | [compute,leader,scaling] | up | unreachable", listed.Out);
        var (code, text, error) = await ClusterProcesses.AwAsync("pbm", cluster.Nodes[0].Pbm.ToString(), "cluster", "down-unreachable");
        Assert.True(code == 0, error);
        Assert.Contains($"{victim.Address} marked down", text);
        await cluster.WaitForAsync(v => v.Find(victim.Address) is null, TimeSpan.FromSeconds(30));
        processes.Log($"FIGURE kill -9 to removed with down-unreachable at detection: {clock.Elapsed.TotalSeconds:0.0} s");

        var nothingLeft = await ClusterProcesses.AwAsync("pbm", cluster.Nodes[0].Pbm.ToString(), "cluster", "down-unreachable");
        Assert.Equal("no unreachable members", nothingLeft.Out.Trim());
    }

    [Fact]
    public async Task A_graceful_leave_through_pbm_removes_the_member_and_its_process_exits_0_and_a_downed_one_exits_1()
    {
        await using var processes = new ClusterProcesses(output);
        await processes.StartAllUpAsync(nodes: 3);
        var cluster = processes.Cluster;
        var leaver = cluster.Nodes[1];
        using var tail = await PbmClient.ConnectAsync(cluster.Lighthouse!.Pbm, TimeSpan.FromSeconds(10), CancellationToken.None);
        var events = new StringWriter();
        using var stopTail = new CancellationTokenSource();
        var tailing = tail.RunAsync("cluster tail", TextWriter.Synchronized(events), TextWriter.Null, stopTail.Token);

        var clock = Stopwatch.StartNew();
        var (code, text, error) = await ClusterProcesses.AwAsync("pbm", cluster.Lighthouse!.Pbm.ToString(), "cluster", "leave", "-a", leaver.Address);
        Assert.True(code == 0, error);
        Assert.Contains($"{leaver.Address} is leaving the cluster", text);
        var view = await cluster.WaitForAsync(v => v.Find(leaver.Address) is null, Removal);
        double removed = clock.Elapsed.TotalSeconds;
        int exitCode = await leaver.Process.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        processes.Log($"FIGURE graceful leave to removed: {removed:0.0} s; to process exit: {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(0, exitCode);
        Assert.True(view.AllUp(cluster.RunningAddresses()), "the other three stay Up");

        stopTail.Cancel();
        Assert.Equal(Actors.Management.Protocol.PbmStatus.Cancelled, await tailing.WaitAsync(TimeSpan.FromSeconds(30)));
        var streamed = events.ToString();
        Assert.Contains($"member up: {leaver.Address}", streamed);
        Assert.Contains($"member leaving: {leaver.Address}", streamed);
        Assert.Contains($"member removed: {leaver.Address}", streamed);

        var downed = cluster.Nodes[2];
        var down = await ClusterProcesses.AwAsync("pbm", cluster.Nodes[0].Pbm.ToString(), "cluster", "down", "-a", downed.Address);
        Assert.True(down.Code == 0, down.Err);
        await cluster.WaitForAsync(v => v.Find(downed.Address) is null, Removal);
        Assert.Equal(1, await downed.Process.Exited.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_lighthouse_restart_does_not_split_the_cluster()
    {
        await using var processes = new ClusterProcesses(output);
        await processes.StartAllUpAsync(nodes: 3);
        var cluster = processes.Cluster;
        var old = cluster.Lighthouse!;

        old.Process.Kill();
        await old.Process.Exited.WaitAsync(TimeSpan.FromSeconds(30));
        // Restarted on the same address with the same settings (it is its only seed): it must rejoin the members
        // that still know its previous incarnation rather than stay a one-node cluster of its own.
        var restarted = await cluster.StartLighthouseAsync();
        Assert.Equal(old.Address, restarted.Address);

        var clock = Stopwatch.StartNew();
        var expected = cluster.RunningAddresses();
        await cluster.WaitForAsync(v => v.AllUp(expected), TimeSpan.FromSeconds(120));
        processes.Log($"FIGURE restarted lighthouse (kill -9, same address) to one cluster of 4 Up again: {clock.Elapsed.TotalSeconds:0.0} s");
        // One cluster: every member, including the new lighthouse, sees the same four members and leader.
        var views = new List<ClusterView>();
        foreach (var endpoint in new[] { restarted.Pbm }.Concat(cluster.Nodes.Select(n => n.Pbm)))
            views.Add(await cluster.WaitForAsync(v => v.AllUp(expected), TimeSpan.FromSeconds(60), endpoint));
        Assert.Single(views.Select(v => v.Leader).Distinct());
    }

    [Fact]
    public async Task A_node_with_a_wrong_secret_is_never_admitted()
    {
        await using var processes = new ClusterProcesses(output);
        await processes.StartAllUpAsync(nodes: 1);
        var cluster = processes.Cluster;
        var intruder = await cluster.StartNodeAsync(secret: "not-the-cluster-secret");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var view = await cluster.WaitForAsync(_ => true, TimeSpan.FromSeconds(10));
            Assert.Null(view.Find(intruder.Address));
            Assert.Equal(2, view.Members.Count);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var own = await cluster.WaitForAsync(_ => true, TimeSpan.FromSeconds(10), intruder.Pbm);
        Assert.DoesNotContain(own.Members, m => m.Status == "up");
        var status = await ClusterProcesses.AwAsync("pbm", intruder.Pbm.ToString(), "cluster", "status");
        Assert.Contains("this node is not a member yet", status.Out);
    }

    [Fact]
    public async Task Pbm_with_an_unknown_command_exits_non_zero_with_usage_and_the_lighthouse_needs_a_secret()
    {
        await using var processes = new ClusterProcesses(output);
        var lighthouse = await processes.Cluster.StartLighthouseAsync();

        var unknown = await ClusterProcesses.AwAsync("pbm", lighthouse.Pbm.ToString(), "clutser", "show");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("unknown command 'clutser'", unknown.Err);
        Assert.Contains("usage: aw pbm", unknown.Err);
        Assert.Contains("cluster show", unknown.Err);

        var badArgument = await ClusterProcesses.AwAsync("pbm", lighthouse.Pbm.ToString(), "cluster", "down");
        Assert.Equal(2, badArgument.Code);
        Assert.Contains("missing -a <address>", badArgument.Err);

        var actorSystem = await ClusterProcesses.AwAsync("pbm", lighthouse.Pbm.ToString(), "actor", "system");
        Assert.Equal(0, actorSystem.Code);
        Assert.Equal(lighthouse.Address, actorSystem.Out.Trim());

        var interactive = await ClusterProcesses.AwWithInputAsync("help\ncluster leader\nexit\n", "pbm", lighthouse.Pbm.ToString());
        Assert.Equal(0, interactive.Code);
        Assert.Contains($"[{lighthouse.Pbm}] pbm> ", interactive.Out);
        Assert.Contains("cluster tail", interactive.Out);
        Assert.Contains(lighthouse.Address, interactive.Out);

        using var logs = new TempFolder();
        var command = Executables.Lighthouse()!;
        await using var unsecured = ChildProcess.Start("lighthouse-without-secret", command, [],
            new Dictionary<string, string?> { ["AW_CLUSTER_SECRET"] = null, ["CLUSTER_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture), ["PBM_PORT"] = "0" },
            Path.Combine(logs.Path, "lighthouse.log"), null);
        Assert.Equal(2, await unsecured.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("AW_CLUSTER_SECRET is not set", unsecured.Output());
    }

    private static async Task<(DateTime At, long Messages, long Bytes, long GossipBytes, long Transport)> Traffic(PbmEndpoint endpoint)
    {
        var (code, json, error) = await ClusterProcesses.AwAsync("pbm", endpoint.ToString(), "cluster", "status", "--json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(json);
        var t = doc.RootElement.GetProperty("traffic");
        return (DateTime.Parse(t.GetProperty("takenAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            t.GetProperty("clusterMessagesSent").GetInt64(), t.GetProperty("clusterBytesSent").GetInt64(),
            t.GetProperty("gossipBytesSent").GetInt64() + t.GetProperty("gossipStatusBytesSent").GetInt64(),
            t.GetProperty("transportBytesSent").GetInt64());
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterProcessCollection
{
    public const string Name = "cluster processes";
}
