using System.Collections.Immutable;
using ActorWarehouse.Actors.Sharding;

namespace ActorWarehouse.Actors.Tests.Sharding;

public sealed class LeastShardAllocationStrategySpec : Actors.TestKit.TestKit
{
    private readonly IActorRef _a, _b, _c, _d;

    public LeastShardAllocationStrategySpec()
    {
        _a = Sys.ActorOf(Props.Create(() => new EchoEntity("a", null)), "regionA");
        _b = Sys.ActorOf(Props.Create(() => new EchoEntity("b", null)), "regionB");
        _c = Sys.ActorOf(Props.Create(() => new EchoEntity("c", null)), "regionC");
        _d = Sys.ActorOf(Props.Create(() => new EchoEntity("d", null)), "regionD");
    }

    private static IImmutableList<string> Shards(int from, int count) =>
        Enumerable.Range(from, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToImmutableList();

    private static IImmutableDictionary<IActorRef, IImmutableList<string>> Allocation(params (IActorRef Region, IImmutableList<string> Shards)[] regions) =>
        regions.ToImmutableDictionary(r => r.Region, r => r.Shards);

    private static IImmutableSet<string> None => ImmutableHashSet<string>.Empty;

    [Fact]
    public async Task A_new_shard_goes_to_the_region_with_the_fewest_shards()
    {
        var strategy = new LeastShardAllocationStrategy(20, 0.1);
        var current = Allocation((_a, Shards(0, 3)), (_b, Shards(3, 1)), (_c, Shards(4, 2)));
        Assert.Equal(_b, (await strategy.AllocateShard(_a, "99", current)));
    }

    [Fact]
    public void The_bounded_limit_is_the_relative_share_capped_by_the_absolute_limit_and_at_least_one()
    {
        Assert.Equal(10, new LeastShardAllocationStrategy(20, 0.1).RebalanceLimit(100));
        Assert.Equal(20, new LeastShardAllocationStrategy(20, 0.1).RebalanceLimit(1000));
        Assert.Equal(1, new LeastShardAllocationStrategy(20, 0.1).RebalanceLimit(5));
        Assert.Equal(3, new LeastShardAllocationStrategy(3, 0.5).RebalanceLimit(100));
    }

    [Fact]
    public async Task A_joined_empty_region_gets_the_excess_of_the_full_regions_within_the_limit()
    {
        // 30 shards on 3 regions, a 4th joins empty: optimal = ceil(30 / 4) = 8, excess 2 per region = 6, limit = 3.
        var strategy = new LeastShardAllocationStrategy(20, 0.1);
        var current = Allocation((_a, Shards(0, 10)), (_b, Shards(10, 10)), (_c, Shards(20, 10)), (_d, ImmutableList<string>.Empty));
        var moved = (await strategy.Rebalance(current, None));
        Assert.Equal(3, moved.Count);
        Assert.All(moved, s => Assert.True(int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) % 10 >= 8, $"shard {s} is not excess"));
    }

    [Fact]
    public async Task The_absolute_limit_caps_a_round_even_when_the_relative_share_is_larger()
    {
        var strategy = new LeastShardAllocationStrategy(2, 0.5);
        var current = Allocation((_a, Shards(0, 50)), (_b, Shards(50, 50)), (_c, ImmutableList<string>.Empty));
        Assert.Equal(2, (await strategy.Rebalance(current, None)).Count);
    }

    [Fact]
    public async Task Phase_two_takes_one_shard_from_each_region_at_the_optimum_when_one_region_is_two_below()
    {
        // 9 shards over 3 regions, optimal 3: 4/3/2 has excess 1 (phase 1); 3/3/1 has no excess but a deficit of 1.
        var strategy = new LeastShardAllocationStrategy(20, 1.0);
        var phase1 = (await strategy.Rebalance(Allocation((_a, Shards(0, 4)), (_b, Shards(4, 3)), (_c, Shards(7, 2))), None));
        Assert.Equal(["3"], phase1.ToArray());
        var phase2 = (await strategy.Rebalance(Allocation((_a, Shards(0, 3)), (_b, Shards(3, 3)), (_c, Shards(6, 1))), None));
        Assert.Single(phase2);
        Assert.Contains(phase2.Single(), new[] { "2", "5" });
    }

    [Fact]
    public async Task A_balanced_allocation_moves_nothing()
    {
        var strategy = new LeastShardAllocationStrategy(20, 0.1);
        Assert.Empty((await strategy.Rebalance(Allocation((_a, Shards(0, 4)), (_b, Shards(4, 3)), (_c, Shards(7, 3))), None)));
    }

    [Fact]
    public async Task Nothing_moves_while_a_previous_rebalance_is_still_in_progress()
    {
        var strategy = new LeastShardAllocationStrategy(20, 0.1);
        var current = Allocation((_a, Shards(0, 10)), (_b, ImmutableList<string>.Empty));
        Assert.NotEmpty((await strategy.Rebalance(current, None)));
        Assert.Empty((await strategy.Rebalance(current, ImmutableHashSet.Create("0"))));
    }

    [Fact]
    public async Task The_older_threshold_algorithm_moves_from_the_fullest_region_at_most_the_threshold_per_round()
    {
        var strategy = new LeastShardAllocationStrategy(rebalanceThreshold: 2, maxSimultaneousRebalance: 3);
        var current = Allocation((_a, Shards(0, 10)), (_b, ImmutableList<string>.Empty));
        Assert.Equal(2, (await strategy.Rebalance(current, None)).Count);
        // Difference 1 is below the threshold 2.
        Assert.Empty((await strategy.Rebalance(Allocation((_a, Shards(0, 2)), (_b, Shards(2, 1))), None)));
        // At the simultaneous maximum nothing more starts.
        Assert.Empty((await strategy.Rebalance(current, ImmutableHashSet.Create("0", "1", "2"))));
    }
}
