using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Management;
using ActorWarehouse.Actors.Management.Palettes;
using ActorWarehouse.Actors.Management.Protocol;
using ActorWarehouse.Actors.Sharding;
using ActorWarehouse.Host.Cli.Pbm;
using ActorWarehouse.Host.Selftest;
using ActorWarehouse.Host.Tests.Cli;
using Xunit;

namespace ActorWarehouse.Host.Tests.Selftest;

/// <summary>The cluster-sharding pbm palette against a one-member cluster in this process, through a real pbm connection.</summary>
public sealed class ClusterShardingPaletteSpec : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private ActorSystem _system = null!;
    private PbmEndpoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data.Path);
        var hocon = Actors.Management.Hosting.ClusterNodeHocon.Build("127.0.0.1", 0, [], [SelftestCounter.Role], "palette-spec-secret")
            + SelftestCounter.Config("sqlite", Path.Combine(_data.Path, "journal.db"), null);
        _system = ActorSystem.Create("palette", hocon);
        var cluster = Actors.Cluster.Cluster.Get(_system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var region = ClusterSharding.Get(_system).Start(SelftestCounter.TypeName, SelftestCounter.PropsFor,
            ClusterShardingSettings.Create(_system), SelftestCounter.Extractor(10), handOffStopMessage: SelftestCounter.StopMessage);
        for (int i = 0; i < 25; i++)
            await region.Ask<string>(new ShardingEnvelope("e" + i, "inc 1"), TimeSpan.FromSeconds(30));
        var host = ManagementHost.Get(_system);
        host.RegisterCommandPalette(new ClusterShardingCommands());
        _endpoint = new PbmEndpoint("127.0.0.1", host.Start(0).Port);
    }

    public async Task DisposeAsync()
    {
        await _system.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private async Task<(PbmStatus Status, string Output, string Error)> Pbm(string commandLine)
    {
        using var client = await PbmClient.ConnectAsync(_endpoint, TimeSpan.FromSeconds(10), CancellationToken.None);
        var output = new StringWriter();
        var error = new StringWriter();
        var status = await client.RunAsync(commandLine, output, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return (status, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Regions_lists_the_entity_types_started_here_and_where_their_regions_run()
    {
        var (status, output, _) = await Pbm("cluster-sharding regions");
        Assert.Equal(PbmStatus.Ok, status);
        Assert.Contains($"{SelftestCounter.TypeName}: 1 regions [{_system.Address}]", output);
        Assert.Contains("Count: 1 entity types", output);
    }

    [Fact]
    public async Task Region_stats_counts_the_entities_of_every_shard_of_this_nodes_region()
    {
        var (status, output, _) = await Pbm($"cluster-sharding region-stats -r {SelftestCounter.TypeName}");
        Assert.Equal(PbmStatus.Ok, status);
        Assert.Contains("entities", output);
        Assert.Contains("25 entities", output.Split('\n').Single(l => l.StartsWith("Count:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Shard_stats_shows_every_region_of_the_type_with_its_shards()
    {
        var (status, output, _) = await Pbm($"cluster-sharding shard-stats -r {SelftestCounter.TypeName} --json");
        Assert.Equal(PbmStatus.Ok, status);
        Assert.Contains(_system.Address.ToString(), output);
        var (plainStatus, plain, _) = await Pbm($"cluster-sharding shard-stats -r {SelftestCounter.TypeName}");
        Assert.Equal(PbmStatus.Ok, plainStatus);
        Assert.Contains("Count: 1 regions", plain);
        Assert.Contains("25 entities", plain);
    }

    [Fact]
    public async Task An_unknown_type_is_an_error_that_names_the_started_types()
    {
        var (status, _, error) = await Pbm("cluster-sharding region-stats -r nope");
        Assert.NotEqual(PbmStatus.Ok, status);
        Assert.Contains($"no shard region of type 'nope' on this node (started: {SelftestCounter.TypeName})", error);
    }
}
