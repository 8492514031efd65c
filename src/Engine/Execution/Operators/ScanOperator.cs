using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators;

/// <summary>Pulls batches from a storage scan, checking cancellation per batch and reporting it as 57014.</summary>
public sealed class ScanOperator(IReadOnlyList<SqlType> types, IEnumerable<Batch> scan, QueryContext context) : Operator(types)
{
    private IEnumerator<Batch>? _batches;

    public override Batch? Next()
    {
        _batches ??= scan.GetEnumerator();
        try
        {
            while (true)
            {
                context.ThrowIfCancelled();
                if (!_batches.MoveNext()) return null;
                if (_batches.Current.RowCount > 0) return _batches.Current;
            }
        }
        catch (OperationCanceledException)
        {
            QueryContext.ThrowCancelled();
            return null;
        }
    }

    public override void Dispose()
    {
        _batches?.Dispose();
        base.Dispose();
    }
}
