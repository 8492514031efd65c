using System.Diagnostics;
using ActorWarehouse.Actors.Sharding;
using ActorWarehouse.Actors.Tests.Persistence;
using Xunit.Abstractions;

namespace ActorWarehouse.Actors.Tests.Sharding;

/// <summary>
/// Every message sent through a region reaches its entity, locally and across remoting; the rates are printed as
/// FIGURE lines (measurements, not assertions).
/// </summary>
[Collection(ShardingSpecs.Collection)]
public sealed class ShardingThroughputSpec(ITestOutputHelper output) : IDisposable
{
    private const int Entities = 100;
    private const int Messages = 50_000;
    private readonly TempDatabaseFile _db = new();
    private readonly List<Actors.TestKit.TestKit> _kits = [];

    public void Dispose()
    {
        foreach (var k in Enumerable.Reverse(_kits)) k.Dispose();
        _db.Dispose();
    }

    private Actors.TestKit.TestKit StartNode(Address? join)
    {
        var kit = new Actors.TestKit.TestKit(ShardingTestConfig.Node(_db.Path, "akka.cluster.sharding.rebalance-interval = 1 h"), "sharding");
        _kits.Add(kit);
        var cluster = Actors.Cluster.Cluster.Get(kit.Sys);
        cluster.Join(join ?? cluster.SelfAddress);
        kit.AwaitCondition(() => cluster.SelfMember.Status == Actors.Cluster.MemberStatus.Up, TimeSpan.FromSeconds(20));
        return kit;
    }

    /// <summary>Counts what it receives; tells the observer "done" at the expected count.</summary>
    private sealed class CountingEntity : ReceiveActor
    {
        public CountingEntity(IActorRef observer, int expected)
        {
            int n = 0;
            Receive<string>(_ => { if (++n == expected) observer.Tell("done"); });
        }
    }

    private static Func<string, Props> Counting(IActorRef observer) =>
        _ => Props.Create(() => new CountingEntity(observer, Messages / Entities + 1));

    [Fact]
    public void Every_message_through_a_local_region_reaches_its_entity()
    {
        var a = StartNode(null);
        var region = ClusterSharding.Get(a.Sys).Start("count", Counting(a.TestActor), ClusterShardingSettings.Create(a.Sys), ShardingTestConfig.Extractor(20));
        // The warm-up message counts too: "done" arrives once per entity after all of its messages.
        double rate = MeasureWithWarmupCounted(a, region);
        output.WriteLine($"FIGURE entity messages through a local region: {rate:0} msg/s ({Messages} messages, {Entities} entities)");
    }

    [Fact]
    public void Every_message_through_a_proxy_to_entities_on_another_member_reaches_its_entity()
    {
        var a = StartNode(null);
        var b = StartNode(Actors.Cluster.Cluster.Get(a.Sys).SelfAddress);
        ClusterSharding.Get(a.Sys).Start("count", Counting(a.TestActor), ClusterShardingSettings.Create(a.Sys), ShardingTestConfig.Extractor(20));
        var proxy = ClusterSharding.Get(b.Sys).StartProxy("count", null, ShardingTestConfig.Extractor(20));
        double rate = MeasureWithWarmupCounted(a, proxy);
        output.WriteLine($"FIGURE entity messages through a proxy to a region on another member (remoting, 127.0.0.1): {rate:0} msg/s ({Messages} messages, {Entities} entities)");
    }

    private static double MeasureWithWarmupCounted(Actors.TestKit.TestKit kit, IActorRef region)
    {
        for (int e = 0; e < Entities; e++) region.Tell(new ShardingEnvelope("t" + e, "warm"));
        // Wait until every entity exists (the region state lists them) before timing.
        kit.AwaitAssert(() =>
        {
            region.Tell(new GetClusterShardingStats(TimeSpan.FromSeconds(5)), kit.TestActor);
            Assert.Equal(Entities, kit.ExpectMsg<ClusterShardingStats>(TimeSpan.FromSeconds(10)).Regions.Values.Sum(r => r.Stats.Values.Sum()));
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Messages; i++) region.Tell(new ShardingEnvelope("t" + (i % Entities), "m"));
        var done = kit.ReceiveN(Entities, TimeSpan.FromSeconds(120));
        Assert.All(done, d => Assert.Equal("done", d));
        return Messages / clock.Elapsed.TotalSeconds;
    }
}
