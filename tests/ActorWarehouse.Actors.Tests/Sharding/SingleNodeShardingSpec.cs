using System.Collections.Immutable;
using ActorWarehouse.Actors.Sharding;
using ActorWarehouse.Actors.Tests.Persistence;

namespace ActorWarehouse.Actors.Tests.Sharding;

/// <summary>Sharding on a one-member cluster in this process: routing, passivation, queries, remember-entities.</summary>
[Collection(ShardingSpecs.Collection)]
public sealed class SingleNodeShardingSpec : IDisposable
{
    private readonly TempDatabaseFile _db = new();
    private readonly List<Actors.TestKit.TestKit> _kits = [];

    public void Dispose()
    {
        foreach (var k in _kits) k.Dispose();
        _db.Dispose();
    }

    private Actors.TestKit.TestKit StartNode(string extra = "")
    {
        var kit = new Actors.TestKit.TestKit(ShardingTestConfig.Node(_db.Path, extra));
        _kits.Add(kit);
        var cluster = Actors.Cluster.Cluster.Get(kit.Sys);
        cluster.Join(cluster.SelfAddress);
        kit.AwaitCondition(() => cluster.SelfMember.Status == Actors.Cluster.MemberStatus.Up, TimeSpan.FromSeconds(15));
        return kit;
    }

    private static IActorRef StartEcho(Actors.TestKit.TestKit kit, IActorRef? observer, ClusterShardingSettings? settings = null) =>
        ClusterSharding.Get(kit.Sys).Start("echo", id => Props.Create(() => new EchoEntity(id, observer)),
            settings ?? ClusterShardingSettings.Create(kit.Sys), ShardingTestConfig.Extractor());

    [Fact]
    public void Messages_reach_their_entities_through_the_region_and_replies_come_back()
    {
        var kit = StartNode();
        var region = StartEcho(kit, null);
        for (int i = 0; i < 20; i++) region.Tell(new ShardingEnvelope("e" + i, "hello"), kit.TestActor);
        var replies = Enumerable.Range(0, 20).Select(_ => kit.ExpectMsg<string>(TimeSpan.FromSeconds(15))).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"e{i}:hello").ToHashSet(), replies);
        Assert.Equal(region, ClusterSharding.Get(kit.Sys).ShardRegion("echo"));
        Assert.Equal("/system/sharding/echo", region.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void The_region_reports_its_shards_and_entities_and_the_cluster_stats_count_them()
    {
        var kit = StartNode();
        var region = StartEcho(kit, null);
        for (int i = 0; i < 30; i++) region.Tell(new ShardingEnvelope("e" + i, "x"), kit.TestActor);
        kit.ReceiveN(30, TimeSpan.FromSeconds(15));
        region.Tell(GetShardRegionState.Instance, kit.TestActor);
        var state = kit.ExpectMsg<CurrentShardRegionState>();
        Assert.Equal(30, state.Shards.Sum(s => s.EntityIds.Count));
        Assert.All(state.Shards, s => Assert.All(s.EntityIds, id => Assert.Equal(s.ShardId, HashCodeMessageExtractor.ShardIdOf(id, 10))));
        region.Tell(new GetClusterShardingStats(TimeSpan.FromSeconds(5)), kit.TestActor);
        var stats = kit.ExpectMsg<ClusterShardingStats>(TimeSpan.FromSeconds(10));
        Assert.Equal(30, stats.Regions.Single().Value.Stats.Values.Sum());
        region.Tell(GetCurrentRegions.Instance, kit.TestActor);
        Assert.Equal(Actors.Cluster.Cluster.Get(kit.Sys).SelfAddress, kit.ExpectMsg<CurrentRegions>().Regions.Single());
    }

    [Fact]
    public void A_passivating_entity_gets_its_stop_message_and_messages_sent_meanwhile_restart_it_in_order()
    {
        var kit = StartNode();
        var observer = kit.CreateTestProbe();
        var region = StartEcho(kit, observer.Ref);
        region.Tell(new ShardingEnvelope("p", "one"), kit.TestActor);
        observer.ExpectMsg("started p", TimeSpan.FromSeconds(15));
        observer.ExpectMsg("p got one");
        region.Tell(new ShardingEnvelope("p", "passivate"));
        // Once the entity has asked to passivate, the shard buffers its messages until it has stopped.
        observer.ExpectMsg("passivating p");
        region.Tell(new ShardingEnvelope("p", "two"), kit.TestActor);
        region.Tell(new ShardingEnvelope("p", "three"), kit.TestActor);
        observer.ExpectMsg("stopping p");
        observer.ExpectMsg("started p");
        observer.ExpectMsg("p got two");
        observer.ExpectMsg("p got three");
    }

    [Fact]
    public void Idle_entities_are_passivated_after_the_timeout()
    {
        var kit = StartNode();
        var observer = kit.CreateTestProbe();
        var settings = ClusterShardingSettings.Create(kit.Sys).WithPassivateIdleAfter(TimeSpan.FromMilliseconds(500));
        var region = ClusterSharding.Get(kit.Sys).Start("idle", id => Props.Create(() => new EchoEntity(id, observer.Ref)),
            settings, ShardingTestConfig.Extractor(), handOffStopMessage: "stop-now");
        region.Tell(new ShardingEnvelope("i", "hi"));
        observer.ExpectMsg("started i", TimeSpan.FromSeconds(15));
        observer.ExpectMsg("i got hi");
        observer.ExpectMsg("stopping i", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void StartEntity_starts_an_entity_without_a_message_and_is_acknowledged()
    {
        var kit = StartNode();
        var observer = kit.CreateTestProbe();
        var region = StartEcho(kit, observer.Ref);
        region.Tell(new ShardRegion.StartEntity("s1"), kit.TestActor);
        var ack = kit.ExpectMsg<ShardRegion.StartEntityAck>(TimeSpan.FromSeconds(15));
        Assert.Equal(new ShardRegion.StartEntityAck("s1", HashCodeMessageExtractor.ShardIdOf("s1", 10)), ack);
        observer.ExpectMsg("started s1");
    }

    [Fact]
    public void Remembered_entities_and_their_persisted_state_come_back_when_the_node_starts_again()
    {
        var first = StartNode();
        var settings = ClusterShardingSettings.Create(first.Sys).WithRememberEntities(true);
        var region = ClusterSharding.Get(first.Sys).Start("counter", id => Props.Create(() => new CounterEntity(id)), settings, ShardingTestConfig.Extractor());
        for (int i = 0; i < 10; i++) region.Tell(new ShardingEnvelope("c" + i, (long)(i + 1)), first.TestActor);
        first.ReceiveN(10, TimeSpan.FromSeconds(20));
        first.Shutdown();

        var second = StartNode();
        var again = ClusterSharding.Get(second.Sys).Start("counter", id => Props.Create(() => new CounterEntity(id)),
            ClusterShardingSettings.Create(second.Sys).WithRememberEntities(true), ShardingTestConfig.Extractor());
        // Without any message, the coordinator allocates the remembered shards and they restart their entities.
        second.AwaitAssert(() =>
        {
            again.Tell(GetShardRegionState.Instance, second.TestActor);
            var state = second.ExpectMsg<CurrentShardRegionState>();
            Assert.Equal(10, state.Shards.Sum(s => s.EntityIds.Count));
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(300));
        for (int i = 0; i < 10; i++)
        {
            again.Tell(new ShardingEnvelope("c" + i, "get"), second.TestActor);
            Assert.Equal((long)(i + 1), second.ExpectMsg<long>(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public void Messages_for_shards_without_a_home_wait_in_a_bounded_buffer_and_the_overflow_goes_to_dead_letters()
    {
        var kit = StartNode("akka.cluster.sharding.buffer-size = 5");
        var dropped = new System.Collections.Concurrent.ConcurrentQueue<DeadLetter>();
        // A callback, not a probe: a stopped probe subscribed to DeadLetter makes the runtime recurse at shutdown.
        using (kit.Sys.EventStream.Subscribe(typeof(DeadLetter), m => dropped.Enqueue((DeadLetter)m)))
        {
            // No member has the role, so no coordinator ever answers: every message waits for a home.
            var proxy = ClusterSharding.Get(kit.Sys).StartProxy("homeless", "nobody", ShardingTestConfig.Extractor());
            for (int i = 0; i < 8; i++) proxy.Tell(new ShardingEnvelope("h" + i, "m" + i));
            kit.AwaitCondition(() => dropped.Count >= 3, TimeSpan.FromSeconds(5));
            Thread.Sleep(300);
        }
        Assert.Equal(["h5", "h6", "h7"], dropped.Select(d => ((ShardingEnvelope)d.Message).EntityId).ToArray());
    }

    [Fact]
    public void A_node_without_the_role_gets_a_proxy_that_routes_but_hosts_nothing()
    {
        var kit = StartNode();
        var settings = ClusterShardingSettings.Create(kit.Sys).WithRole("worker");
        var region = ClusterSharding.Get(kit.Sys).Start("roled", id => Props.Create(() => new EchoEntity(id, null)), settings, ShardingTestConfig.Extractor());
        kit.Sys.ActorSelection("/system/sharding/roledCoordinator").Tell(new Identify(1), kit.TestActor);
        Assert.Null(kit.ExpectMsg<ActorIdentity>().Subject);
        region.Tell(GetShardRegionState.Instance, kit.TestActor);
        Assert.Empty(kit.ExpectMsg<CurrentShardRegionState>().Shards);
    }
}

/// <summary>Sharding specs start cluster systems with real sockets: one at a time.</summary>
public static class ShardingSpecs
{
    public const string Collection = "sharding clusters";
}

[CollectionDefinition(ShardingSpecs.Collection, DisableParallelization = true)]
public sealed class ShardingSpecsCollection;
