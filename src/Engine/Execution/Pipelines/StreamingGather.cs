using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Planning.Distribution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Pipelines;

/// <summary>
/// A streaming gather: the partitions run on worker threads (the exchange's producers) while the caller reads the
/// one consumer; batches interleave as they arrive and a slow consumer holds the producers back. Disposing the
/// returned operator early stops the workers.
/// </summary>
public static class StreamingGather
{
    public static Operator Open(IReadOnlyList<SqlType> types, int partitions, Func<int, Operator> open, QueryContext context, int exchangeId = -1)
    {
        var spec = new ExchangeSpec(exchangeId, ExchangeKind.Gather, ExchangeSenders.WorkerCount(partitions, context), 1, types, [], Buffered: false);
        var exchange = context.Exchanges.Open(spec, context);
        var senders = new ExchangeSenders(exchange, partitions, open, context);
        senders.Start();
        return new ExchangeReceiveOperator(types, exchange, 0, context, () =>
        {
            senders.Dispose();
            exchange.Dispose();
        });
    }
}
