using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Execution.Vectors;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators.Join;

/// <summary>
/// The build side of a hash join, built once and probed concurrently by every probe partition.
/// Rows are materialized into one batch; distinct keys get group ids in a <see cref="GroupKeyTable"/>
/// and rows sharing a key are chained (<see cref="Head"/>/<see cref="NextRow"/>) in build order.
/// Rows with a NULL in any key column are never chained: NULL keys never match.
/// With no key columns every row is chained under one group (a nested-loop join).
/// </summary>
public sealed class JoinHashTable
{
    private readonly GroupKeyTable _keys;
    private int _pendingProbers;

    public JoinHashTable(IReadOnlyList<SqlType> types, IReadOnlyList<Batch> batches, IReadOnlyList<CompiledExpression> keyColumns, QueryContext context, int probePartitions = 1)
    {
        Types = types;
        KeyColumns = keyColumns;
        _pendingProbers = probePartitions;
        long bytes = 0;
        foreach (var b in batches) bytes += VectorOps.EstimateBytes(b);
        context.Memory.Reserve(bytes, "a hash join build side");
        ReservedBytes = bytes;
        Rows = VectorOps.Concat(types, batches, "a hash join build side");
        int n = Rows.RowCount;

        var keyTypes = new SqlType[keyColumns.Count];
        for (int k = 0; k < keyTypes.Length; k++) keyTypes[k] = keyColumns[k].Type;
        _keys = new GroupKeyTable(keyTypes, context.Memory, n);

        var rowGroup = new int[n];
        var keyVectors = new ColumnVector[keyColumns.Count];
        int offset = 0;
        foreach (var batch in batches)
        {
            context.ThrowIfCancelled();
            for (int k = 0; k < keyVectors.Length; k++) keyVectors[k] = keyColumns[k].Evaluate(batch, context);
            _keys.FindOrInsert(keyVectors, batch.RowCount, rowGroup.AsSpan(offset, batch.RowCount));
            for (int k = 0; k < keyVectors.Length; k++)
            {
                if (keyVectors[k].Validity is not { } validity) continue;
                for (int i = 0; i < batch.RowCount; i++)
                {
                    if (!validity.IsValid(i))
                    {
                        rowGroup[offset + i] = -1;
                        HasNullKey = true;
                    }
                }
            }
            offset += batch.RowCount;
        }

        Head = new int[Math.Max(1, _keys.Count)];
        Array.Fill(Head, -1);
        NextRow = new int[n];
        for (int r = n - 1; r >= 0; r--)
        {
            int g = rowGroup[r];
            if (g < 0)
            {
                NextRow[r] = -1;
                continue;
            }
            NextRow[r] = Head[g];
            Head[g] = r;
        }
        if (keyColumns.Count == 0 && n == 0) Head[0] = -1;
        Matched = new bool[n];
        if (keyColumns.Count == 1 && _keys.Count > 0)
        {
            _direct = DirectKeyIndex.TryCreate(_keys.KeyVectors(0, _keys.Count)[0]);
            if (_direct is not null)
            {
                context.Memory.Reserve(_direct.Bytes, "a hash join build side");
                ReservedBytes += _direct.Bytes;
            }
        }
    }

    private readonly DirectKeyIndex? _direct;

    public IReadOnlyList<SqlType> Types { get; }

    public IReadOnlyList<CompiledExpression> KeyColumns { get; }

    /// <summary>All build rows, in build order.</summary>
    public Batch Rows { get; }

    public int RowCount => Rows.RowCount;

    /// <summary>True when some build row has a NULL key (NOT IN and IN need it for three-valued results).</summary>
    public bool HasNullKey { get; }

    /// <summary>First build row of each key group, -1 when none.</summary>
    public int[] Head { get; }

    /// <summary>Next build row with the same key, -1 at the end of a chain.</summary>
    public int[] NextRow { get; }

    /// <summary>Build rows that found a partner (right/full joins); racing writes only ever store true.</summary>
    public bool[] Matched { get; }

    public long ReservedBytes { get; private set; }

    /// <summary>Group id of each probe row's key, -1 when absent or when the key has a NULL.</summary>
    public void Find(IReadOnlyList<ColumnVector> probeKeys, int rowCount, Span<int> groups, KeyTableScratch scratch)
    {
        if (KeyColumns.Count == 0)
        {
            groups[..rowCount].Fill(RowCount == 0 ? -1 : 0);
            return;
        }
        if (_direct is null || !_direct.TryFind(probeKeys[0], rowCount, groups)) _keys.Find(probeKeys, rowCount, groups, scratch);
        foreach (var key in probeKeys)
        {
            if (key.Validity is not { } validity) continue;
            for (int i = 0; i < rowCount; i++)
                if (!validity.IsValid(i)) groups[i] = -1;
        }
    }

    /// <summary>Called by each probe partition when it is done; true for the last one (it emits unmatched build rows).</summary>
    public bool FinishProbe() => Interlocked.Decrement(ref _pendingProbers) == 0;
}
