using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Vectors;

namespace ActorWarehouse.Engine.Execution.Operators;

/// <summary>OFFSET then LIMIT (null limit = all); stops pulling its input once the limit is reached.</summary>
public sealed class LimitOperator(Operator input, long? limit, long offset) : Operator(input.OutputTypes)
{
    private long _toSkip = offset;
    private long _remaining = limit ?? long.MaxValue;

    public override Batch? Next()
    {
        while (_remaining > 0 && input.Next() is { } batch)
        {
            int start = 0;
            if (_toSkip > 0)
            {
                if (_toSkip >= batch.RowCount)
                {
                    _toSkip -= batch.RowCount;
                    continue;
                }
                start = (int)_toSkip;
                _toSkip = 0;
            }
            int count = (int)Math.Min(batch.RowCount - start, _remaining);
            _remaining -= count;
            return VectorSelection.Slice(batch, start, count);
        }
        return null;
    }

    public override void Dispose()
    {
        input.Dispose();
        base.Dispose();
    }
}
