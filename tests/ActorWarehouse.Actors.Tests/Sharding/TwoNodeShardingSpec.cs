using System.Collections.Concurrent;
using ActorWarehouse.Actors.Sharding;
using ActorWarehouse.Actors.Tests.Persistence;

namespace ActorWarehouse.Actors.Tests.Sharding;

/// <summary>Two cluster members in this process (real remoting on 127.0.0.1): rebalance to a joining node and hand-off.</summary>
[Collection(ShardingSpecs.Collection)]
public sealed class TwoNodeShardingSpec : IDisposable
{
    private readonly TempDatabaseFile _db = new();
    private readonly List<Actors.TestKit.TestKit> _kits = [];

    public void Dispose()
    {
        foreach (var k in Enumerable.Reverse(_kits)) k.Dispose();
        _db.Dispose();
    }

    private Actors.TestKit.TestKit StartNode(Address? join, string extra = "")
    {
        var kit = new Actors.TestKit.TestKit(ShardingTestConfig.Node(_db.Path, extra), "sharding");
        _kits.Add(kit);
        var cluster = Actors.Cluster.Cluster.Get(kit.Sys);
        cluster.Join(join ?? cluster.SelfAddress);
        kit.AwaitCondition(() => cluster.SelfMember.Status == Actors.Cluster.MemberStatus.Up, TimeSpan.FromSeconds(20));
        return kit;
    }

    /// <summary>Reports every sequence number it receives to the observer, as "&lt;id&gt; &lt;n&gt;".</summary>
    private sealed class OrderEntity : ReceiveActor
    {
        public OrderEntity(string id, IActorRef observer) => Receive<string>(s => observer.Tell($"{id} {s}"));
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentDictionary<string, List<int>> seen) => Receive<string>(s =>
        {
            var parts = s.Split(' ');
            var list = seen.GetOrAdd(parts[0], _ => []);
            lock (list) list.Add(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public void A_joining_node_receives_shards_within_the_limits_and_messages_sent_during_hand_off_arrive_in_order()
    {
        const string settings = """
            akka.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit = 3
            akka.cluster.sharding.least-shard-allocation-strategy.rebalance-relative-limit = 0.5
            """;
        var a = StartNode(null, settings);
        var seen = new ConcurrentDictionary<string, List<int>>();
        var collector = a.Sys.ActorOf(Props.Create(() => new Collector(seen)), "collector");
        Props EntityProps(string id) => Props.Create(() => new OrderEntity(id, collector));
        var regionA = ClusterSharding.Get(a.Sys).Start("order", EntityProps, ClusterShardingSettings.Create(a.Sys), ShardingTestConfig.Extractor(20));
        const int entities = 100;
        int sent = 0;
        void SendRound()
        {
            sent++;
            for (int e = 0; e < entities; e++) regionA.Tell(new ShardingEnvelope("o" + e, sent.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        SendRound();
        a.AwaitCondition(() => seen.Count == entities, TimeSpan.FromSeconds(20));

        var b = StartNode(Actors.Cluster.Cluster.Get(a.Sys).SelfAddress, settings);
        var regionB = ClusterSharding.Get(b.Sys).Start("order", EntityProps, ClusterShardingSettings.Create(b.Sys), ShardingTestConfig.Extractor(20));
        // Keep sending while shards move; count B's shards after every round of rebalancing.
        int maxOnB = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        int onB = 0;
        while (DateTime.UtcNow < deadline)
        {
            SendRound();
            Thread.Sleep(50);
            regionB.Tell(GetShardRegionState.Instance, b.TestActor);
            onB = b.ExpectMsg<CurrentShardRegionState>(TimeSpan.FromSeconds(10)).Shards.Count;
            maxOnB = Math.Max(maxOnB, onB);
            if (onB == 10) break;
        }
        Assert.Equal(10, onB);
        for (int i = 0; i < 5; i++) SendRound();
        a.AwaitCondition(() => seen.Values.All(l => { lock (l) return l.Count == sent; }), TimeSpan.FromSeconds(30),
            message: "every entity receives every message exactly once");
        foreach (var (id, list) in seen)
            lock (list) Assert.True(list.SequenceEqual(Enumerable.Range(1, sent)), $"{id} received out of order or twice: {string.Join(",", list)}");
        regionA.Tell(GetShardRegionState.Instance, a.TestActor);
        Assert.Equal(10, a.ExpectMsg<CurrentShardRegionState>(TimeSpan.FromSeconds(10)).Shards.Count);
    }

    [Fact]
    public void Shards_of_a_region_that_shuts_down_gracefully_move_with_their_remembered_entities_and_state()
    {
        var a = StartNode(null);
        var b = StartNode(Actors.Cluster.Cluster.Get(a.Sys).SelfAddress);
        var settingsA = ClusterShardingSettings.Create(a.Sys).WithRememberEntities(true);
        var regionA = ClusterSharding.Get(a.Sys).Start("counter", id => Props.Create(() => new CounterEntity(id)), settingsA, ShardingTestConfig.Extractor());
        var regionB = ClusterSharding.Get(b.Sys).Start("counter", id => Props.Create(() => new CounterEntity(id)),
            ClusterShardingSettings.Create(b.Sys).WithRememberEntities(true), ShardingTestConfig.Extractor());
        // Shards are allocated only to regions the coordinator knows: wait for B's registration, or under load
        // every shard may go to A before B registers.
        var regionsProbe = a.CreateTestProbe();
        a.AwaitAssert(() =>
        {
            regionA.Tell(GetCurrentRegions.Instance, regionsProbe.Ref);
            Assert.Equal(2, regionsProbe.ExpectMsg<CurrentRegions>().Regions.Count);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        for (int i = 0; i < 40; i++) regionA.Tell(new ShardingEnvelope("c" + i, 5L), a.TestActor);
        a.ReceiveN(40, TimeSpan.FromSeconds(30));
        regionB.Tell(GetShardRegionState.Instance, b.TestActor);
        var onB = b.ExpectMsg<CurrentShardRegionState>(TimeSpan.FromSeconds(10));
        Assert.NotEmpty(onB.Shards);

        b.Watch(regionB);
        regionB.Tell(ShardRegion.GracefulShutdown.Instance);
        b.ExpectTerminated(regionB, TimeSpan.FromSeconds(30));
        a.AwaitAssert(() =>
        {
            regionA.Tell(GetShardRegionState.Instance, a.TestActor);
            Assert.Equal(40, a.ExpectMsg<CurrentShardRegionState>().Shards.Sum(s => s.EntityIds.Count));
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300));
        for (int i = 0; i < 40; i++)
        {
            regionA.Tell(new ShardingEnvelope("c" + i, "get"), a.TestActor);
            Assert.Equal(5L, a.ExpectMsg<long>(TimeSpan.FromSeconds(10)));
        }
    }
}
