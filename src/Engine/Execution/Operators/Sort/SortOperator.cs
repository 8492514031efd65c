using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Vectors;

namespace ActorWarehouse.Engine.Execution.Operators.Sort;

/// <summary>
/// ORDER BY: materializes its input, sorts a row permutation (stable), and emits batches in order.
/// With <c>topN</c> (ORDER BY … LIMIT n [OFFSET m] passes n+m) it keeps only the best rows, trimming
/// the buffer whenever it grows past a few times n, so memory stays proportional to n.
/// </summary>
public sealed class SortOperator : Operator
{
    private readonly Operator _input;
    private readonly IReadOnlyList<SortKey> _keys;
    private readonly long? _topN;
    private readonly QueryContext _context;
    private Batch? _sorted;
    private int _position;
    private long _reserved;

    public SortOperator(Operator input, IReadOnlyList<SortKey> keys, QueryContext context, long? topN = null)
        : base(input.OutputTypes)
    {
        _input = input;
        _keys = keys;
        _topN = topN;
        _context = context;
    }

    public override Batch? Next()
    {
        _sorted ??= SortAll();
        if (_position >= _sorted.RowCount) return null;
        int count = Math.Min(Batch.DefaultCapacity, _sorted.RowCount - _position);
        var batch = VectorSelection.Slice(_sorted, _position, count);
        _position += count;
        return batch;
    }

    private Batch SortAll()
    {
        var buffer = new List<Batch>();
        long buffered = 0;
        long trimAt = _topN is { } n ? Math.Max(4 * n, 16_384) : long.MaxValue;
        while (_input.Next() is { } batch)
        {
            _context.ThrowIfCancelled();
            long bytes = VectorOps.EstimateBytes(batch);
            _context.Memory.Reserve(bytes, "a sort");
            _reserved += bytes;
            buffer.Add(batch);
            buffered += batch.RowCount;
            if (buffered > trimAt)
            {
                var trimmed = SortBatch(VectorOps.Concat(OutputTypes, buffer, "a sort"), _topN!.Value);
                buffer.Clear();
                buffer.Add(trimmed);
                buffered = trimmed.RowCount;
                _context.Memory.Release(_reserved);
                _reserved = VectorOps.EstimateBytes(trimmed);
                _context.Memory.Reserve(_reserved, "a sort");
            }
        }
        if (buffer.Count == 0) return new Batch(EmptyColumns(), 0);
        return SortBatch(VectorOps.Concat(OutputTypes, buffer, "a sort"), _topN ?? long.MaxValue);
    }

    private Batch SortBatch(Batch all, long keep)
    {
        var permutation = SortPermutation(all, _keys, _context);
        int count = (int)Math.Min(keep, permutation.Length);
        return VectorSelection.Take(all, permutation.AsSpan(0, count));
    }

    /// <summary>The row order of <paramref name="batch"/> under <paramref name="keys"/>, ties in input order.</summary>
    public static int[] SortPermutation(Batch batch, IReadOnlyList<SortKey> keys, QueryContext context)
    {
        var permutation = new int[batch.RowCount];
        for (int i = 0; i < permutation.Length; i++) permutation[i] = i;
        if (keys.Count == 0 || permutation.Length < 2) return permutation;
        context.ThrowIfCancelled();
        if (keys.Count == 1 && SingleKeySort.TrySort(batch.Columns[keys[0].Column], keys[0], permutation)) return permutation;
        Array.Sort(permutation, new RowComparer(batch, keys));
        return permutation;
    }

    private ColumnVector[] EmptyColumns()
    {
        var columns = new ColumnVector[OutputTypes.Count];
        for (int i = 0; i < columns.Length; i++) columns[i] = ColumnVector.Allocate(OutputTypes[i], 0);
        return columns;
    }

    public override void Dispose()
    {
        _context.Memory.Release(_reserved);
        _reserved = 0;
        _input.Dispose();
        base.Dispose();
    }
}
