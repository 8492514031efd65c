using System.Collections.Immutable;
using ActorWarehouse.Actors.Sharding;
using ActorWarehouse.Actors.Sharding.Internal;
using static ActorWarehouse.Actors.Sharding.Internal.CoordinatorEvents;

namespace ActorWarehouse.Actors.Tests.Sharding;

public sealed class CoordinatorStateSpec : Actors.TestKit.TestKit
{
    private readonly IActorRef _a, _b;

    public CoordinatorStateSpec()
    {
        _a = Sys.ActorOf(Props.Create(() => new EchoEntity("a", null)), "regionA");
        _b = Sys.ActorOf(Props.Create(() => new EchoEntity("b", null)), "regionB");
        ShardingSerializers.Register(Sys.Serialization.MessagePack);
    }

    private static CoordinatorState Replay(bool remember, params IDomainEvent[] events)
    {
        var state = new CoordinatorState { RememberEntities = remember };
        foreach (var e in events) state.Apply(e);
        return state;
    }

    [Fact]
    public void Replaying_allocations_and_a_region_termination_rebuilds_the_shard_map()
    {
        var state = Replay(false,
            new ShardRegionRegistered(_a), new ShardRegionRegistered(_b),
            new ShardHomeAllocated("1", _a), new ShardHomeAllocated("2", _b), new ShardHomeAllocated("3", _a),
            new ShardHomeDeallocated("3"), new ShardHomeAllocated("3", _b),
            new ShardRegionTerminated(_a));
        Assert.Equal(["2", "3"], state.Shards.Keys.Order().ToArray());
        Assert.All(state.Shards.Values, r => Assert.Equal(_b, r));
        Assert.Single(state.Regions);
        Assert.Empty(state.Unallocated);
    }

    [Fact]
    public void With_remember_entities_the_shards_of_a_terminated_region_wait_to_be_allocated_again()
    {
        var state = Replay(true, new ShardRegionRegistered(_a), new ShardHomeAllocated("1", _a), new ShardHomeAllocated("2", _a),
            new ShardRegionTerminated(_a));
        Assert.Equal(["1", "2"], state.Unallocated.ToArray());
        state.Apply(new ShardRegionRegistered(_b));
        state.Apply(new ShardHomeAllocated("1", _b));
        Assert.Equal(["2"], state.Unallocated.ToArray());
    }

    [Fact]
    public void Stale_events_after_an_unclean_shutdown_never_fail_the_replay()
    {
        // Allocation to an unregistered region, double allocation, deallocating what is not allocated, terminating twice.
        var state = Replay(false,
            new ShardHomeAllocated("1", _a), new ShardHomeAllocated("1", _b), new ShardHomeDeallocated("9"),
            new ShardRegionTerminated(_a), new ShardRegionTerminated(_a), new ShardRegionProxyTerminated(_b));
        Assert.Equal(_b, state.Shards["1"]);
        Assert.Equal(["1"], state.Regions[_b].ToArray());
    }

    [Fact]
    public void Coordinator_events_and_snapshots_survive_serialization()
    {
        var serialization = Sys.Serialization;
        T RoundTrip<T>(T value) where T : notnull
        {
            var serializer = serialization.FindSerializerFor(value);
            return (T)serialization.Deserialize(serializer.ToBinary(value), serializer.Identifier, serializer.ManifestFor(value));
        }
        Assert.Equal(new ShardHomeAllocated("7", _a), RoundTrip(new ShardHomeAllocated("7", _a)));
        Assert.Equal(new ShardRegionTerminated(_b), RoundTrip(new ShardRegionTerminated(_b)));
        var state = Replay(true, new ShardRegionRegistered(_a), new ShardRegionRegistered(_b), new ShardHomeAllocated("1", _a),
            new ShardHomeAllocated("2", _b), new ShardHomeAllocated("4", _b), new ShardRegionProxyRegistered(TestActor), new ShardHomeDeallocated("4"));
        var loaded = new CoordinatorState { RememberEntities = true };
        loaded.Load(RoundTrip(state.ToSnapshot()));
        Assert.Equal(state.Shards.OrderBy(kv => kv.Key), loaded.Shards.OrderBy(kv => kv.Key));
        Assert.Equal(state.Regions.Keys.ToHashSet(), loaded.Regions.Keys.ToHashSet());
        Assert.Equal(["4"], loaded.Unallocated.ToArray());
        Assert.Contains(TestActor, loaded.Proxies);
        var envelope = RoundTrip(new ShardingEnvelope("e1", "payload"));
        Assert.Equal(new ShardingEnvelope("e1", "payload"), envelope);
        var stats = RoundTrip(new ShardRegionStats(ImmutableDictionary<string, int>.Empty.Add("3", 12), ImmutableHashSet.Create("5")));
        Assert.Equal(12, stats.Stats["3"]);
        Assert.Contains("5", stats.Failed);
    }
}
