using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage.Blocks;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Reads one slice of a manifest: for each row group that the zone-map predicate cannot rule out, decodes the
/// requested columns' blocks only and yields batches of at most <see cref="Batch.DefaultCapacity"/> rows with
/// deleted rows removed. Columns appear in the order requested; with <c>includeRowIds</c> a BIGINT column of
/// <see cref="RowId"/>s follows them (for DELETE/UPDATE). A zero-column request yields batches that only count rows.
/// </summary>
public sealed class TableScanner
{
    private readonly IBlockStore _store;
    private readonly TableLayout _layout;
    private readonly DecodedBlockCache? _cache;

    /// <param name="cache">Decoded blocks to reuse; <see cref="DecodedBlockCache.Shared"/> when omitted, none when null is passed explicitly via <see cref="WithoutCache"/>.</param>
    public TableScanner(IBlockStore store, TableLayout layout, DecodedBlockCache? cache = null)
    {
        _store = store;
        _layout = layout;
        _cache = cache ?? DecodedBlockCache.Shared;
    }

    private TableScanner(IBlockStore store, TableLayout layout, bool noCache)
    {
        _store = store;
        _layout = layout;
        _cache = noCache ? null : DecodedBlockCache.Shared;
    }

    /// <summary>A scanner that decodes every block afresh (for tests of on-disk state).</summary>
    public static TableScanner WithoutCache(IBlockStore store, TableLayout layout) => new(store, layout, noCache: true);

    /// <summary>Row groups read and skipped by the last scans (for EXPLAIN ANALYZE-style statistics).</summary>
    public int RowGroupsScanned { get; private set; }
    public int RowGroupsSkipped { get; private set; }

    public IEnumerable<Batch> Scan(TableManifest manifest, int slice, IReadOnlyList<int> columns, ZonePredicate? predicate = null,
        bool includeRowIds = false, CancellationToken cancellationToken = default)
    {
        foreach (int c in columns)
            if ((uint)c >= (uint)_layout.ColumnCount) throw new ArgumentOutOfRangeException(nameof(columns), c, "no such column");
        var pruner = predicate is null || predicate.Terms.Count == 0 ? null : new ZonePruner(predicate, _layout);
        foreach (var group in manifest.Slices[slice].RowGroups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (group.LiveRowCount == 0 || (pruner is not null && !pruner.MayMatch(group)))
            {
                RowGroupsSkipped++;
                continue;
            }
            RowGroupsScanned++;
            foreach (var batch in ScanGroup(group, slice, columns, includeRowIds, cancellationToken))
                yield return batch;
        }
    }

    /// <summary>
    /// Decodes a whole column of one row group (all rows, deleted ones included). The vector may be shared
    /// with the decoded-block cache: read it, never modify it.
    /// </summary>
    public ColumnVector ReadColumn(RowGroup group, int column, int slice = 0)
    {
        var type = _layout.ColumnType(column);
        if (column >= group.Blocks.Count) return ColumnVector.AllNull(type, group.RowCount);
        var block = group.Blocks[column];
        if (_cache is not null && _cache.TryGet(block.Id, type, out var cached) && cached.Length == group.RowCount) return cached;
        var bytes = _store.Get(block.Id);
        var vector = BlockCodec.Decode(bytes, type, $"column \"{_layout.Columns[column].Name}\", slice {slice}, row group {group.Id}, block {block.Id}");
        if (vector.Length != group.RowCount)
            throw new Errors.SqlException(Errors.SqlState.DataCorrupted,
                $"corrupt data block (column \"{_layout.Columns[column].Name}\", row group {group.Id}): {vector.Length} rows, manifest says {group.RowCount}");
        _cache?.Add(block.Id, type, vector);
        return vector;
    }

    private IEnumerable<Batch> ScanGroup(RowGroup group, int slice, IReadOnlyList<int> columns, bool includeRowIds, CancellationToken cancellationToken)
    {
        var decoded = new ColumnVector[columns.Count];
        for (int i = 0; i < columns.Count; i++) decoded[i] = ReadColumn(group, columns[i], slice);
        var deletes = group.Deletes is { DeletedCount: > 0 } d ? d : null;
        int outputColumns = columns.Count + (includeRowIds ? 1 : 0);
        var selection = new int[Batch.DefaultCapacity];

        for (int start = 0; start < group.RowCount; start += Batch.DefaultCapacity)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(Batch.DefaultCapacity, group.RowCount - start);
            var output = new ColumnVector[outputColumns];
            int live;
            if (deletes is null)
            {
                live = count;
                for (int i = 0; i < decoded.Length; i++) output[i] = VectorSelection.CopyRange(decoded[i], start, count);
                if (includeRowIds) output[^1] = RowIds(group.Id, start, count, default);
            }
            else
            {
                live = 0;
                for (int r = start; r < start + count; r++)
                    if (!deletes.IsDeleted(r)) selection[live++] = r;
                if (live == 0) continue;
                var rows = selection.AsSpan(0, live);
                for (int i = 0; i < decoded.Length; i++) output[i] = VectorSelection.Take(decoded[i], rows);
                if (includeRowIds) output[^1] = RowIds(group.Id, start, live, rows);
            }
            yield return new Batch(output, live);
        }
    }

    private static ColumnVector<long> RowIds(long groupId, int start, int count, ReadOnlySpan<int> rows)
    {
        var ids = new long[count];
        if (rows.IsEmpty) for (int i = 0; i < count; i++) ids[i] = RowId.Make(groupId, start + i);
        else for (int i = 0; i < count; i++) ids[i] = RowId.Make(groupId, rows[i]);
        return new ColumnVector<long>(SqlType.BigInt, ids, count);
    }
}
