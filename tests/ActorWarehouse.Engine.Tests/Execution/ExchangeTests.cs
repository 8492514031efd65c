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
        var step = DistributionPlanner.ChooseJoinStep(new DataDistribution(outer, outerKey), new DataDistribution(inner, innerKey), [0], [0], innerRows, 6_000_000);
        Assert.Equal(expected, step);
    }
}
