using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Vectors;

namespace ActorWarehouse.Engine.Execution.Operators;

/// <summary>Keeps the rows whose predicate is TRUE: a selection vector, then compaction (no copy when all pass).</summary>
public sealed class FilterOperator(Operator input, CompiledExpression predicate, QueryContext context) : Operator(input.OutputTypes)
{
    private int[] _selection = [];

    public override Batch? Next()
    {
        while (input.Next() is { } batch)
        {
            context.ThrowIfCancelled();
            var result = (ColumnVector<bool>)predicate.Evaluate(batch, context);
            if (_selection.Length < batch.RowCount) _selection = new int[batch.RowCount];
            int count = VectorOps.SelectTrue(result, batch.RowCount, _selection);
            if (count == batch.RowCount) return batch;
            if (count > 0) return VectorSelection.Take(batch, _selection.AsSpan(0, count));
        }
        return null;
    }

    public override void Dispose()
    {
        input.Dispose();
        base.Dispose();
    }
}
