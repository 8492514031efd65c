using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Planning.Distribution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Pipelines;

/// <summary>
/// The receiving side of an exchange for one consumer: returns the batches the producers sent to it. A cancelled
/// statement surfaces as 57014; a producer's failure is rethrown as is. Disposing runs <c>onDispose</c> (stopping
/// the senders of a streaming gather, releasing a buffered exchange).
/// </summary>
public sealed class ExchangeReceiveOperator(IReadOnlyList<SqlType> types, IExchange exchange, int consumer, QueryContext context, Action? onDispose = null)
    : Operator(types)
{
    private IEnumerator<Batch>? _batches;

    public override Batch? Next()
    {
        _batches ??= exchange.Receive(consumer, context.Cancellation).GetEnumerator();
        try
        {
            if (_batches.MoveNext()) return _batches.Current;
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            QueryContext.ThrowCancelled();
        }
        context.ThrowIfCancelled();
        return null;
    }

    public override void Dispose()
    {
        _batches?.Dispose();
        onDispose?.Invoke();
        base.Dispose();
    }
}
