using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators;

/// <summary>Returns prepared batches (VALUES lists, materialized results, test inputs); empty ones are skipped.</summary>
public sealed class BatchSourceOperator(IReadOnlyList<SqlType> types, IEnumerable<Batch> batches) : Operator(types)
{
    private readonly IEnumerator<Batch> _batches = batches.GetEnumerator();

    public override Batch? Next()
    {
        while (_batches.MoveNext())
            if (_batches.Current.RowCount > 0) return _batches.Current;
        return null;
    }

    public override void Dispose()
    {
        _batches.Dispose();
        base.Dispose();
    }
}
