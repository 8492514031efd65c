namespace ActorWarehouse.Engine.Storage;

/// <summary>One column block of a row group: its address, the encoding actually used, its size and zone map.</summary>
public sealed record BlockRef(BlockId Id, ColumnEncoding Encoding, int ByteLength, ZoneMap Zone);

/// <summary>
/// Up to <see cref="MaxRows"/> rows of one slice, one block per column (same order as the table's columns),
/// plus the rows deleted since. <see cref="Id"/> is unique within the table and part of every <see cref="RowId"/>.
/// A row group with fewer blocks than the table has columns predates an ADD COLUMN; the missing columns read as NULL.
/// </summary>
public sealed record RowGroup(long Id, int RowCount, IReadOnlyList<BlockRef> Blocks, DeleteVector? Deletes = null)
{
    /// <summary>Rows per row group (Redshift's 1 MB blocks hold about this many narrow values).</summary>
    public const int MaxRows = 128 * 1024;

    public int LiveRowCount => RowCount - (Deletes?.DeletedCount ?? 0);
}

/// <summary>The row groups stored on one slice, in append order.</summary>
public sealed record SliceManifest(int Slice, IReadOnlyList<RowGroup> RowGroups)
{
    public long RowCount
    {
        get
        {
            long total = 0;
            foreach (var group in RowGroups) total += group.LiveRowCount;
            return total;
        }
    }
}

/// <summary>
/// A table's data at one catalog version: immutable, so a snapshot is just a reference to a manifest.
/// <see cref="IsReplicated"/> (DISTSTYLE ALL, and AUTO while small): the rows are stored once, on slice 0,
/// and stand for the full copy every node holds — a scan that must see the whole table on every slice
/// (DS_DIST_ALL_NONE) reads slice 0; a scan that must see every row once reads only slice 0 as well.
/// <see cref="EvenCursor"/> is where EVEN's round-robin continues at the next append.
/// </summary>
public sealed record TableManifest(int SliceCount, bool IsReplicated, long EvenCursor, long NextRowGroupId, IReadOnlyList<SliceManifest> Slices)
{
    public static TableManifest Empty(TableLayout layout) => Empty(layout.SliceCount, layout.DistStyle is DistStyle.All or DistStyle.Auto);

    public static TableManifest Empty(int sliceCount, bool replicated)
    {
        var slices = new SliceManifest[sliceCount];
        for (int i = 0; i < sliceCount; i++) slices[i] = new SliceManifest(i, Array.Empty<RowGroup>());
        return new TableManifest(sliceCount, replicated, 0, 0, slices);
    }

    /// <summary>Live (not deleted) rows; a replicated table counts its single copy.</summary>
    public long RowCount
    {
        get
        {
            long total = 0;
            foreach (var slice in Slices) total += slice.RowCount;
            return total;
        }
    }

    /// <summary>Every block this manifest references (to keep them alive in garbage collection).</summary>
    public IEnumerable<BlockId> BlockIds()
    {
        foreach (var slice in Slices)
            foreach (var group in slice.RowGroups)
                foreach (var block in group.Blocks)
                    yield return block.Id;
    }

    public TableManifest WithSlice(SliceManifest slice)
    {
        var slices = Slices.ToArray();
        slices[slice.Slice] = slice;
        return this with { Slices = slices };
    }
}
