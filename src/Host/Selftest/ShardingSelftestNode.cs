using System.Runtime.InteropServices;
using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Management.Hosting;
using ActorWarehouse.Actors.Sharding;

namespace ActorWarehouse.Host.Selftest;

/// <summary>
/// <c>aw selftest sharding-node</c> (hidden, started by <c>aw selftest sharding</c>): a cluster member with role
/// "shard" that hosts the persistent counters in a region with remember-entities. Prints
/// <c>sharding-node &lt;address&gt; started</c>, then <c>sharding-node &lt;address&gt; up</c> once the region runs;
/// leaves gracefully on SIGTERM and exits when its parent process is gone. <c>--pbm-port P</c> serves aw pbm
/// (cluster and cluster-sharding palettes).
/// </summary>
public static class ShardingSelftestNode
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, CancellationToken cancellationToken)
    {
        var secret = Environment.GetEnvironmentVariable("AW_CLUSTER_SECRET")
            ?? throw new ArgumentException("AW_CLUSTER_SECRET must be set");
        var seeds = options["--seeds"].Split(',', StringSplitOptions.RemoveEmptyEntries);
        int shards = int.Parse(options["--shards"], System.Globalization.CultureInfo.InvariantCulture);
        var hocon = ClusterNodeHocon.Build("127.0.0.1", 0, seeds, [SelftestCounter.Role], secret)
            + SelftestCounter.Config(options["--journal"], options.GetValueOrDefault("--db"), options.GetValueOrDefault("--pg"));
        var system = ActorSystem.Create(options.GetValueOrDefault("--system") ?? "aw", hocon);
        var cluster = Cluster.Get(system);
        Console.WriteLine($"sharding-node {system.Address} started");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, s => { s.Cancel = true; stop.Cancel(); });
        _ = ParentProcessWatch.Start(() => stop.Cancel(), stop.Token);
        if (options.TryGetValue("--pbm-port", out var pbmPort))
        {
            // aw pbm against a selftest node: the cluster and cluster-sharding palettes.
            var host = ActorWarehouse.Actors.Management.ManagementHost.Get(system);
            host.RegisterCommandPalette(new ActorWarehouse.Actors.Management.Palettes.ClusterCommands());
            host.RegisterCommandPalette(new ActorWarehouse.Actors.Management.Palettes.ClusterShardingCommands());
            Console.WriteLine($"sharding-node {system.Address} pbm {host.Start(int.Parse(pbmPort, System.Globalization.CultureInfo.InvariantCulture))}");
        }
        cluster.RegisterOnMemberUp(() =>
        {
            ClusterSharding.Get(system).Start(SelftestCounter.TypeName, SelftestCounter.PropsFor,
                ClusterShardingSettings.Create(system), SelftestCounter.Extractor(shards),
                handOffStopMessage: SelftestCounter.StopMessage);
            Console.WriteLine($"sharding-node {system.Address} up");
        });
        cluster.RegisterOnMemberRemoved(() => stop.Cancel());
        try { await Task.Delay(Timeout.Infinite, stop.Token); }
        catch (OperationCanceledException) { }
        var terminated = system.Terminate();
        await Task.WhenAny(terminated, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None));
        Console.WriteLine($"sharding-node {system.Address} stopped");
        return 0;
    }
}
