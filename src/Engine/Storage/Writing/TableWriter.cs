using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Storage.Writing;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Appends rows to a table and produces the next manifest. Batches given to <see cref="Append"/> are
/// distributed to slices by the layout's DISTSTYLE; <see cref="Commit"/> sorts each slice's new rows by the
/// compound SORTKEY, cuts them into row groups of up to <see cref="RowGroup.MaxRows"/>, encodes one block per
/// column and returns the new manifest (the base manifest is untouched, so an aborted transaction just
/// drops the result). To bound memory, a slice whose pending rows reach <see cref="FlushThreshold"/>, or whose
/// pending strings of one column would pass <see cref="FlushBytes"/>, is sorted and encoded early, so a huge
/// append is stored as sorted runs.
/// One writer per statement; not thread-safe.
/// </summary>
public sealed class TableWriter
{
    private readonly IBlockStore _store;
    private readonly TableLayout _layout;
    private readonly TableManifest _base;
    private readonly ColumnBuilder[][] _slices;
    private readonly List<RowGroup>[] _flushed;
    private long _flushedRows;
    private long _nextGroupId;
    private long _evenCursor;
    private bool _committed;

    public TableWriter(IBlockStore store, TableLayout layout, TableManifest baseManifest)
    {
        _store = store;
        _layout = layout;
        _base = baseManifest;
        if (baseManifest.SliceCount != layout.SliceCount)
            throw new ArgumentException($"manifest has {baseManifest.SliceCount} slices, layout {layout.SliceCount}", nameof(baseManifest));
        _slices = new ColumnBuilder[layout.SliceCount][];
        for (int s = 0; s < _slices.Length; s++) _slices[s] = NewBuilders();
        _flushed = new List<RowGroup>[layout.SliceCount];
        for (int s = 0; s < _flushed.Length; s++) _flushed[s] = new List<RowGroup>();
        _evenCursor = baseManifest.EvenCursor;
        _nextGroupId = baseManifest.NextRowGroupId;
    }

    /// <summary>Pending rows per slice that trigger an early sort-and-encode (default 8 row groups).</summary>
    public int FlushThreshold { get; init; } = 8 * RowGroup.MaxRows;

    /// <summary>
    /// Pending string bytes of one column per slice that trigger an early sort-and-encode. Pending strings sit in one
    /// buffer capped near 2 GB (<see cref="StringDataLimit"/>); 256 MiB keeps far below the cap whatever one batch
    /// adds, bounds a row group's string block (and the vector a scan decodes from it) and the writer's memory per
    /// slice and text column, yet values averaging up to 2 KiB still fill a whole 128 Ki-row group first.
    /// </summary>
    public long FlushBytes { get; init; } = 256L << 20;

    /// <summary>Rows appended so far (not yet committed).</summary>
    public long PendingRows
    {
        get
        {
            long total = _flushedRows;
            foreach (var slice in _slices) total += slice.Length == 0 ? 0 : slice[0].Count;
            return total;
        }
    }

    private bool Replicated => _base.IsReplicated;

    /// <summary>Adds a batch whose columns are the table's columns, in order, with the layout's types.</summary>
    public void Append(Batch batch)
    {
        if (_committed) throw new InvalidOperationException("writer already committed");
        if (batch.ColumnCount != _layout.ColumnCount)
            throw new ArgumentException($"batch has {batch.ColumnCount} columns, table has {_layout.ColumnCount}", nameof(batch));
        for (int c = 0; c < batch.ColumnCount; c++)
            if (batch[c].Type.Id != _layout.ColumnType(c).Id)
                throw new ArgumentException($"column {_layout.Columns[c].Name} is {batch[c].Type}, table expects {_layout.ColumnType(c)}", nameof(batch));
        int rows = batch.RowCount;
        if (rows == 0) return;
        FlushSlicesWithoutRoomFor(batch);

        if (Replicated || _layout.SliceCount == 1)
        {
            for (int c = 0; c < batch.ColumnCount; c++) _slices[0][c].AppendRange(batch[c], 0, rows);
            FlushFullSlices();
            return;
        }

        var sliceOfRow = new int[rows];
        if (_layout.DistStyle == DistStyle.Key)
        {
            var hashes = new ulong[rows];
            SliceHash.HashColumn(batch[_layout.DistKeyOrdinal], rows, hashes);
            for (int i = 0; i < rows; i++) sliceOfRow[i] = SliceHash.SliceOf(hashes[i], _layout.SliceCount);
        }
        else
        {
            for (int i = 0; i < rows; i++) sliceOfRow[i] = (int)((_evenCursor + i) % _layout.SliceCount);
            _evenCursor += rows;
        }
        Scatter(batch.Columns, rows, sliceOfRow);
        FlushFullSlices();
    }

    private void FlushFullSlices()
    {
        for (int s = 0; s < _slices.Length; s++)
            if (_slices[s].Length > 0 && _slices[s][0].Count >= FlushThreshold) FlushSlice(s);
    }

    /// <summary>
    /// Flushes first every slice whose pending strings in some column plus that column's bytes in
    /// <paramref name="batch"/> (a bound on any one slice's share) would pass <see cref="FlushBytes"/>, so pending
    /// strings never exceed the larger of <see cref="FlushBytes"/> and one batch's column.
    /// </summary>
    private void FlushSlicesWithoutRoomFor(Batch batch)
    {
        for (int c = 0; c < batch.ColumnCount; c++)
        {
            if (batch[c] is not StringVector strings) continue;
            long incoming = strings.DataLength;
            for (int s = 0; s < _slices.Length; s++)
                if (_slices[s][c].Count > 0 && _slices[s][c].PendingBytes + incoming > FlushBytes) FlushSlice(s);
        }
    }

    private void FlushSlice(int s)
    {
        _flushedRows += _slices[s][0].Count;
        _flushed[s].AddRange(BuildRowGroups(_slices[s], ref _nextGroupId));
        _slices[s] = NewBuilders();
    }

    /// <summary>Encodes the pending rows and returns the manifest that includes them.</summary>
    public TableManifest Commit()
    {
        if (_committed) throw new InvalidOperationException("writer already committed");
        _committed = true;
        var manifest = _base;
        if (Replicated && _layout.DistStyle == DistStyle.Auto && _base.RowCount + PendingRows > TableLayout.AutoAllRowLimit)
            return SwitchAutoToEven();

        long nextGroupId = _nextGroupId;
        var slices = manifest.Slices.ToArray();
        for (int s = 0; s < _slices.Length; s++)
        {
            var groups = _flushed[s].Concat(BuildRowGroups(_slices[s], ref nextGroupId)).ToList();
            if (groups.Count == 0) continue;
            slices[s] = new SliceManifest(s, slices[s].RowGroups.Concat(groups).ToArray());
        }
        return manifest with { Slices = slices, EvenCursor = _evenCursor, NextRowGroupId = nextGroupId };
    }

    /// <summary>
    /// DISTSTYLE AUTO outgrew ALL: the existing copy and the new rows are redistributed round-robin, and the
    /// manifest stops being replicated.
    /// </summary>
    private TableManifest SwitchAutoToEven()
    {
        var pending = _slices[0];
        var all = Enumerable.Range(0, _layout.ColumnCount).ToArray();
        var scanner = new TableScanner(_store, _layout);
        var restart = TableManifest.Empty(_layout.SliceCount, replicated: false) with { NextRowGroupId = _nextGroupId };
        var writer = new TableWriter(_store, _layout, restart) { FlushThreshold = FlushThreshold, FlushBytes = FlushBytes };
        var existing = _base.WithSlice(new SliceManifest(0, _base.Slices[0].RowGroups.Concat(_flushed[0]).ToArray()));
        foreach (var batch in scanner.Scan(existing, 0, all)) writer.Append(batch);
        int count = pending[0].Count;
        for (int start = 0; start < count; start += Batch.DefaultCapacity)
        {
            int n = Math.Min(Batch.DefaultCapacity, count - start);
            var rows = Enumerable.Range(start, n).ToArray();
            writer.Append(new Batch(pending.Select(b => b.Gather(rows)).ToArray(), n));
        }
        return writer.Commit();
    }

    private List<RowGroup> BuildRowGroups(ColumnBuilder[] builders, ref long nextGroupId)
    {
        var groups = new List<RowGroup>();
        if (builders.Length == 0 || builders[0].Count == 0) return groups;
        int count = builders[0].Count;
        var sortColumns = _layout.SortKeyOrdinals.Select(o => builders[o]).ToArray();
        var permutation = SortPermutation.Compute(sortColumns, count);
        for (int start = 0; start < count; start += RowGroup.MaxRows)
        {
            int n = Math.Min(RowGroup.MaxRows, count - start);
            var rows = permutation.AsMemory(start, n);
            var blocks = new BlockRef[builders.Length];
            Parallel.For(0, builders.Length, c =>
            {
                var vector = builders[c].Gather(rows.Span);
                blocks[c] = RowGroupEncoder.EncodeColumn(_store, _layout.Columns[c], vector);
            });
            groups.Add(new RowGroup(nextGroupId++, n, blocks));
        }
        return groups;
    }

    private void Scatter(IReadOnlyList<ColumnVector> columns, int rows, int[] sliceOfRow)
    {
        int sliceCount = _layout.SliceCount;
        var counts = new int[sliceCount + 1];
        foreach (int s in sliceOfRow) counts[s + 1]++;
        for (int s = 0; s < sliceCount; s++) counts[s + 1] += counts[s];
        var order = new int[rows];
        var next = (int[])counts.Clone();
        for (int i = 0; i < rows; i++) order[next[sliceOfRow[i]]++] = i;
        for (int s = 0; s < sliceCount; s++)
        {
            var rowsOfSlice = order.AsSpan(counts[s], counts[s + 1] - counts[s]);
            if (rowsOfSlice.IsEmpty) continue;
            for (int c = 0; c < columns.Count; c++) _slices[s][c].AppendRows(columns[c], rowsOfSlice);
        }
    }

    private ColumnBuilder[] NewBuilders()
    {
        var builders = new ColumnBuilder[_layout.ColumnCount];
        for (int c = 0; c < builders.Length; c++) builders[c] = ColumnBuilder.Create(_layout.ColumnType(c));
        return builders;
    }

    /// <summary>Marks rows deleted (by <see cref="RowId"/>); returns the new manifest. Unknown row ids raise XX000.</summary>
    public static TableManifest DeleteRows(TableManifest manifest, IEnumerable<long> rowIds)
    {
        var byGroup = new Dictionary<long, List<int>>();
        foreach (long rowId in rowIds)
        {
            long group = RowId.RowGroupOf(rowId);
            if (!byGroup.TryGetValue(group, out var list)) byGroup[group] = list = new List<int>();
            list.Add(RowId.OffsetOf(rowId));
        }
        if (byGroup.Count == 0) return manifest;
        var slices = manifest.Slices.ToArray();
        int found = 0;
        for (int s = 0; s < slices.Length; s++)
        {
            var groups = slices[s].RowGroups;
            RowGroup[]? changed = null;
            for (int g = 0; g < groups.Count; g++)
            {
                if (!byGroup.TryGetValue(groups[g].Id, out var offsets)) continue;
                changed ??= groups.ToArray();
                changed[g] = groups[g] with { Deletes = DeleteVector.With(groups[g].Deletes, groups[g].RowCount, offsets) };
                found++;
            }
            if (changed is not null) slices[s] = slices[s] with { RowGroups = changed };
        }
        if (found != byGroup.Count)
            throw new SqlException(SqlState.InternalError, "DELETE refers to rows of a row group that is not in the table's manifest");
        return manifest with { Slices = slices };
    }

    /// <summary>
    /// Replaces row groups of one slice (UPDATE/DELETE rewrites, VACUUM): removes those with ids in
    /// <paramref name="removeIds"/> and appends <paramref name="add"/>.
    /// </summary>
    public static TableManifest ReplaceRowGroups(TableManifest manifest, int slice, IReadOnlySet<long> removeIds, IReadOnlyList<RowGroup> add)
    {
        var kept = manifest.Slices[slice].RowGroups.Where(g => !removeIds.Contains(g.Id)).Concat(add).ToArray();
        return manifest.WithSlice(new SliceManifest(slice, kept));
    }

    /// <summary>
    /// VACUUM FULL: rewrites every slice that has deleted rows or more than one row group, dropping deleted
    /// rows and re-sorting the slice as a whole by the sort key. Old blocks become garbage for
    /// <see cref="BlockGarbageCollector"/>.
    /// </summary>
    public static TableManifest Vacuum(IBlockStore store, TableLayout layout, TableManifest manifest)
    {
        var scanner = new TableScanner(store, layout);
        var all = Enumerable.Range(0, layout.ColumnCount).ToArray();
        long nextGroupId = manifest.NextRowGroupId;
        var slices = manifest.Slices.ToArray();
        for (int s = 0; s < slices.Length; s++)
        {
            var groups = slices[s].RowGroups;
            bool needs = groups.Count > 1 || groups.Any(g => g.Deletes is { DeletedCount: > 0 } || g.Blocks.Count < layout.ColumnCount);
            if (!needs) continue;
            var builders = new ColumnBuilder[layout.ColumnCount];
            for (int c = 0; c < builders.Length; c++) builders[c] = ColumnBuilder.Create(layout.ColumnType(c));
            foreach (var batch in scanner.Scan(manifest, s, all))
                for (int c = 0; c < builders.Length; c++) builders[c].AppendRange(batch[c], 0, batch.RowCount);
            var helper = new TableWriter(store, layout, manifest);
            slices[s] = new SliceManifest(s, helper.BuildRowGroups(builders, ref nextGroupId));
        }
        return manifest with { Slices = slices, NextRowGroupId = nextGroupId };
    }
}
