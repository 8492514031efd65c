using ActorWarehouse.Engine.Planning.Distribution;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Execution;

public sealed class ExchangeTests
{
    [Fact]
    public void Redistribution_sends_equal_keys_to_the_same_consumer()
    {
        using var exchange = new InProcessExchange(ExchangeKind.Redistribute, producers: 2, consumers: 3, keyColumns: [0], capacityPerConsumer: 64);
        exchange.Send(0, Batch(Texts("a", "b", "c", "a", null)), CancellationToken.None);
        exchange.Send(1, Batch(Texts("a", "c", null, "d")), CancellationToken.None);
        exchange.Complete(0);
        exchange.Complete(1);
        var seen = new Dictionary<string, int>();
        int total = 0;
        for (int c = 0; c < 3; c++)
        {
            foreach (var batch in exchange.Receive(c, CancellationToken.None))
            {
                for (int r = 0; r < batch.RowCount; r++)
                {
                    string key = (string?)batch.Columns[0].GetBoxed(r) ?? "NULL";
                    Assert.True(!seen.TryGetValue(key, out int consumer) || consumer == c, $"{key} reached two consumers");
                    seen[key] = c;
                    total++;
                }
            }
        }
        Assert.Equal(9, total);
    }

    [Fact]
    public void Broadcast_delivers_every_batch_to_every_consumer()
    {
        using var exchange = new InProcessExchange(ExchangeKind.Broadcast, producers: 1, consumers: 2);
        exchange.Send(0, Batch(Ints(1, 2)), CancellationToken.None);
        exchange.Complete(0);
        Assert.Equal(2, exchange.Receive(0, CancellationToken.None).Sum(b => b.RowCount));
        Assert.Equal(2, exchange.Receive(1, CancellationToken.None).Sum(b => b.RowCount));
    }

    [Fact]
    public void A_failed_exchange_rethrows_to_consumers()
    {
        using var exchange = new InProcessExchange(ExchangeKind.Gather, producers: 1, consumers: 1);
        exchange.Fail(new InvalidOperationException("producer died"));
        Assert.Throws<InvalidOperationException>(() => exchange.Receive(0, CancellationToken.None).ToList());
    }

    [Theory]
    [InlineData(DistributionKind.Key, 0, DistributionKind.Key, 0, 5_000_000, DistributionStep.DS_DIST_NONE)]
    [InlineData(DistributionKind.Key, 0, DistributionKind.All, -1, 5_000_000, DistributionStep.DS_DIST_ALL_NONE)]
    [InlineData(DistributionKind.Unknown, -1, DistributionKind.Unknown, -1, 1_000, DistributionStep.DS_BCAST_INNER)]
    [InlineData(DistributionKind.Key, 0, DistributionKind.Unknown, -1, 5_000_000, DistributionStep.DS_DIST_INNER)]
    [InlineData(DistributionKind.Unknown, -1, DistributionKind.Key, 0, 5_000_000, DistributionStep.DS_DIST_OUTER)]
    [InlineData(DistributionKind.Unknown, -1, DistributionKind.Unknown, -1, 5_000_000, DistributionStep.DS_DIST_BOTH)]
    public void Join_steps_follow_redshift_rules(DistributionKind outer, int outerKey, DistributionKind inner, int innerKey, double innerRows, DistributionStep expected)
    {
        var step = DistributionPlanner.ChooseJoinStep(new DataDistribution(outer, outerKey, Slices: 4), new DataDistribution(inner, innerKey, Slices: 4), [0], [0], innerRows, 6_000_000);
        Assert.Equal(expected, step);
    }

    [Fact]
    public void Tables_on_the_same_key_with_different_slice_counts_are_not_collocated()
    {
        var movement = DistributionPlanner.Choose(DataDistribution.OnKey(0, slices: 4), DataDistribution.OnKey(0, slices: 2), [0], [0], 5_000_000, 6_000_000, JoinMovementRules.Default);
        Assert.Equal(new JoinMovement(DistributionStep.DS_DIST_INNER, 0, 4), movement);
    }

    [Fact]
    public void Joins_that_output_unmatched_inner_rows_redistribute_on_several_nodes_only()
    {
        var rules = new JoinMovementRules(InnerRowsSurvive: true);
        Assert.Equal(DistributionStep.DS_BCAST_INNER, DistributionPlanner.Choose(DataDistribution.Unknown, DataDistribution.OnKey(0, 2), [0], [0], 100, 6_000_000, rules).Step);
        Assert.Equal(DistributionStep.DS_DIST_OUTER, DistributionPlanner.Choose(DataDistribution.Unknown, DataDistribution.OnKey(0, 2), [0], [0], 100, 6_000_000, rules with { Nodes = 2 }).Step);
    }

    [Fact]
    public void Not_in_keeps_the_whole_inner_side_together()
    {
        var rules = new JoinMovementRules(BroadcastRowLimit: 0, BroadcastSizeRatio: 0, NeedsWholeInner: true, Nodes: 2);
        Assert.Equal(DistributionStep.DS_BCAST_INNER, DistributionPlanner.Choose(DataDistribution.Unknown, DataDistribution.Unknown, [0], [0], 5_000_000, 6_000_000, rules).Step);
    }

    [Fact]
    public void Redistribution_routes_rows_like_stored_distkey_rows()
    {
        var batch = Batch(Longs(0, 1, 2, 3, 42, -7, null), Texts("a", "b", "c", "d", "e", "f", "g"));
        var consumers = new int[batch.RowCount];
        ExchangeRouting.Route(batch, [0], 4, consumers);
        var hashes = new ulong[batch.RowCount];
        Engine.Storage.SliceHash.HashColumn(batch.Columns[0], batch.RowCount, hashes);
        for (int i = 0; i < batch.RowCount; i++) Assert.Equal(Engine.Storage.SliceHash.SliceOf(hashes[i], 4), consumers[i]);
    }

    [Fact]
    public void Bounded_queues_hold_producers_back_until_the_consumer_reads()
    {
        using var exchange = new InProcessExchange(ExchangeKind.Gather, producers: 1, consumers: 1, capacityPerConsumer: 1);
        exchange.Send(0, Batch(Ints(1)), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.ThrowsAny<OperationCanceledException>(() => exchange.Send(0, Batch(Ints(2)), timeout.Token));
        exchange.Complete(0);
        Assert.Equal(1, exchange.Receive(0, CancellationToken.None).Sum(b => b.RowCount));
    }

    [Fact]
    public void Buffered_exchanges_charge_the_memory_budget_and_give_it_back()
    {
        var budget = new Engine.Execution.Memory.MemoryBudget(1 << 30);
        var exchange = new InProcessExchange(ExchangeKind.Broadcast, producers: 1, consumers: 2, capacityPerConsumer: null, memory: budget);
        exchange.Send(0, Batch(Ints(Enumerable.Range(0, 1000).Select(i => (int?)i).ToArray())), CancellationToken.None);
        exchange.Complete(0);
        Assert.True(budget.ReservedBytes >= 4000);
        exchange.Dispose();
        Assert.Equal(0, budget.ReservedBytes);
    }
}
