namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Storage facts about a table at one manifest, for SVV_TABLE_INFO-style views: rows, blocks, bytes, skew and
/// how much of the data is outside the sorted order.
/// </summary>
public sealed record TableStatistics(
    long Rows,
    long DeletedRows,
    int RowGroups,
    int Blocks,
    long Bytes,
    IReadOnlyList<long> RowsPerSlice,
    double SkewRows,
    double UnsortedPercent)
{
    /// <summary>Size in Redshift's unit: 1 MB blocks, rounded up.</summary>
    public long SizeMegabytes => (Bytes + (1 << 20) - 1) >> 20;

    /// <summary>
    /// Computes the statistics. Skew is the largest slice's rows over the smallest non-empty slice's (1 when even;
    /// replicated tables count their single copy). A row group is "unsorted" when its first sort-key column's
    /// minimum lies below the maximum of an earlier row group on the same slice; with no sort key nothing is.
    /// </summary>
    public static TableStatistics Compute(TableManifest manifest, TableLayout layout)
    {
        long rows = 0, deleted = 0, bytes = 0, unsortedRows = 0;
        int groups = 0, blocks = 0;
        var perSlice = new long[manifest.SliceCount];
        int sortColumn = layout.SortKeyOrdinals.Count > 0 ? layout.SortKeyOrdinals[0] : -1;
        var kind = sortColumn >= 0 ? ZoneValue.KindOf(layout.ColumnType(sortColumn)) : ZoneKind.Integer;
        foreach (var slice in manifest.Slices)
        {
            bool haveMax = false;
            ZoneValue runningMax = default;
            foreach (var group in slice.RowGroups)
            {
                groups++;
                rows += group.LiveRowCount;
                deleted += group.Deletes?.DeletedCount ?? 0;
                perSlice[slice.Slice] += group.LiveRowCount;
                foreach (var block in group.Blocks)
                {
                    blocks++;
                    bytes += block.ByteLength;
                }
                if (sortColumn < 0 || sortColumn >= group.Blocks.Count) continue;
                var zone = group.Blocks[sortColumn].Zone;
                if (!zone.HasRange) continue;
                if (haveMax && ZoneValue.Compare(zone.Min, runningMax, kind) < 0) unsortedRows += group.LiveRowCount;
                if (zone.MaxUnbounded) continue;
                if (!haveMax || ZoneValue.Compare(zone.Max, runningMax, kind) > 0) runningMax = zone.Max;
                haveMax = true;
            }
        }
        long max = perSlice.Length == 0 ? 0 : perSlice.Max();
        long minNonEmpty = perSlice.Where(r => r > 0).DefaultIfEmpty(0).Min();
        double skew = manifest.IsReplicated || minNonEmpty == 0 ? 1.0 : (double)max / minNonEmpty;
        double unsorted = rows == 0 ? 0 : 100.0 * unsortedRows / rows;
        return new TableStatistics(rows, deleted, groups, blocks, bytes, perSlice, skew, unsorted);
    }
}
