using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Execution.Vectors;

namespace ActorWarehouse.Engine.Execution.Operators.SetOperations;

public enum SetOperation { Intersect, Except }

/// <summary>
/// INTERSECT and EXCEPT [ALL]: counts each distinct row (NULLs equal) on both sides in one hash table, then
/// emits per row min(left, right) copies (INTERSECT ALL), max(left - right, 0) copies (EXCEPT ALL); without ALL
/// one copy of each row present on both sides (INTERSECT) or only on the left (EXCEPT). Rows come out in the order they first appeared on the left.
/// </summary>
public sealed class SetOperationOperator(Operator left, Operator right, SetOperation operation, bool all, QueryContext context)
    : Operator(left.OutputTypes)
{
    private List<Batch>? _result;
    private int _position;

    public override Batch? Next()
    {
        _result ??= Compute();
        return _position < _result.Count ? _result[_position++] : null;
    }

    private List<Batch> Compute()
    {
        var table = new GroupKeyTable(OutputTypes, context.Memory);
        var leftCounts = new List<long>();
        var rightCounts = new List<long>();
        int[] groups = [];
        foreach (var (input, counts, isLeft) in new[] { (left, leftCounts, true), (right, rightCounts, false) })
        {
            while (input.Next() is { } batch)
            {
                context.ThrowIfCancelled();
                int n = batch.RowCount;
                if (groups.Length < n) groups = new int[n];
                if (isLeft)
                {
                    table.FindOrInsert(batch.Columns, n, groups);
                }
                else
                {
                    table.Find(batch.Columns, n, groups);
                }
                while (leftCounts.Count < table.Count) leftCounts.Add(0);
                while (rightCounts.Count < table.Count) rightCounts.Add(0);
                var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(counts);
                for (int i = 0; i < n; i++)
                    if (groups[i] >= 0) span[groups[i]]++;
            }
        }

        var rows = new List<int>();
        for (int g = 0; g < table.Count; g++)
        {
            long l = leftCounts[g], r = rightCounts[g];
            long copies = all
                ? (operation == SetOperation.Intersect ? Math.Min(l, r) : Math.Max(l - r, 0))
                : (operation == SetOperation.Intersect ? (l > 0 && r > 0 ? 1 : 0) : (l > 0 && r == 0 ? 1 : 0));
            for (long c = 0; c < copies; c++) rows.Add(g);
        }
        var output = new List<Batch>();
        if (rows.Count == 0)
        {
            table.ReleaseMemory();
            return output;
        }
        var keys = new Batch(table.KeyVectors(0, table.Count), table.Count);
        var indices = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows);
        for (int start = 0; start < indices.Length; start += Batch.DefaultCapacity)
        {
            int count = Math.Min(Batch.DefaultCapacity, indices.Length - start);
            output.Add(VectorSelection.Take(keys, indices.Slice(start, count)));
        }
        table.ReleaseMemory();
        return output;
    }

    public override void Dispose()
    {
        left.Dispose();
        right.Dispose();
        base.Dispose();
    }
}
