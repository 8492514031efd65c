using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Execution.Vectors;

namespace ActorWarehouse.Engine.Execution.Operators;

/// <summary>
/// SELECT DISTINCT: streams each row whose whole tuple has not been seen before (NULLs equal), in first-seen order.
/// </summary>
public sealed class DistinctOperator(Operator input, QueryContext context) : Operator(input.OutputTypes)
{
    private readonly GroupKeyTable _seen = new(input.OutputTypes, context.Memory);
    private int[] _groups = [];
    private int[] _selection = [];
    private bool[] _emitted = [];

    public override Batch? Next()
    {
        while (input.Next() is { } batch)
        {
            context.ThrowIfCancelled();
            int n = batch.RowCount;
            if (_groups.Length < n)
            {
                _groups = new int[n];
                _selection = new int[n];
            }
            int before = _seen.Count;
            _seen.FindOrInsert(batch.Columns, n, _groups);
            // A group id at or past the old count is new; keep the first row of each.
            int added = _seen.Count - before;
            if (_emitted.Length < added) _emitted = new bool[Math.Max(added, 2 * _emitted.Length)];
            Array.Clear(_emitted, 0, added);
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                int g = _groups[i] - before;
                if (g >= 0 && !_emitted[g])
                {
                    _emitted[g] = true;
                    _selection[count++] = i;
                }
            }
            if (count == n) return batch;
            if (count > 0) return VectorSelection.Take(batch, _selection.AsSpan(0, count));
        }
        return null;
    }

    public override void Dispose()
    {
        _seen.ReleaseMemory();
        input.Dispose();
        base.Dispose();
    }
}
