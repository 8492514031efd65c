using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Planning.Distribution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Pipelines;

/// <summary>
/// A buffered exchange of one execution: every producer has run to completion (<see cref="Fill"/>), and each local
/// consumer may then be opened once. When the last local consumer is done the exchange is disposed, which returns
/// its buffers to the memory budget.
/// </summary>
public sealed class BufferedExchange
{
    private readonly IExchange _exchange;
    private readonly int[] _opened;
    private int _open;

    private BufferedExchange(IExchange exchange, int localConsumers)
    {
        _exchange = exchange;
        _opened = new int[exchange.Consumers];
        _open = localConsumers;
    }

    /// <summary>Runs every partition of the sending fragment into a new exchange described by <paramref name="spec"/>.</summary>
    public static BufferedExchange Fill(ExchangeSpec spec, int partitions, Func<int, Operator> open, QueryContext context, int localConsumers)
    {
        var exchange = context.Exchanges.Open(spec, context);
        try
        {
            using var senders = new ExchangeSenders(exchange, partitions, open, context);
            senders.Run();
            return new BufferedExchange(exchange, localConsumers);
        }
        catch
        {
            exchange.Dispose();
            throw;
        }
    }

    /// <summary>The rows sent to <paramref name="consumer"/>. A second open of the same consumer is a planner bug, not an empty input.</summary>
    public Operator OpenConsumer(int consumer, IReadOnlyList<SqlType> types, QueryContext context)
    {
        if (Interlocked.Exchange(ref _opened[consumer], 1) != 0)
            throw new InvalidOperationException($"exchange consumer {consumer} was opened twice in one execution");
        return new ExchangeReceiveOperator(types, _exchange, consumer, context, () =>
        {
            if (Interlocked.Decrement(ref _open) == 0) _exchange.Dispose();
        });
    }
}
