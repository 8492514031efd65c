using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Storage.StorageTestData;

namespace ActorWarehouse.Engine.Tests.Storage;

public sealed class TableStatisticsTests
{
    private static readonly (string, SqlType)[] Columns = { ("id", SqlType.Integer) };

    private static TableManifest Append(IBlockStore store, TableLayout layout, TableManifest manifest, params int[] ids)
    {
        var writer = new TableWriter(store, layout, manifest);
        writer.Append(new Batch(new ColumnVector[] { Ints(ids) }, ids.Length));
        return writer.Commit();
    }

    [Fact]
    public void Appends_in_sort_order_are_sorted_and_an_out_of_order_append_counts_as_unsorted()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, sortKey: new[] { 0 }, slices: 1, columns: Columns);
        var manifest = Append(store, layout, TableManifest.Empty(layout), 1, 2, 3);
        manifest = Append(store, layout, manifest, 4, 5, 6);
        Assert.Equal(0, TableStatistics.Compute(manifest, layout).UnsortedPercent);
        manifest = Append(store, layout, manifest, 0, 10);
        var stats = TableStatistics.Compute(manifest, layout);
        Assert.Equal(100.0 * 2 / 8, stats.UnsortedPercent, 6);
        Assert.Equal(0, TableStatistics.Compute(TableWriter.Vacuum(store, layout, manifest), layout).UnsortedPercent);
    }

    [Fact]
    public void Rows_blocks_bytes_and_skew_are_summed_over_slices()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Key, distKey: 0, slices: 2, columns: Columns);
        int other = Enumerable.Range(8, 100).First(k => SliceHash.SliceOf(SliceHash.Hash(k), 2) != SliceHash.SliceOf(SliceHash.Hash(7), 2));
        var manifest = Append(store, layout, TableManifest.Empty(layout), Enumerable.Repeat(7, 30).Append(other).ToArray());
        var stats = TableStatistics.Compute(manifest, layout);
        Assert.Equal(31, stats.Rows);
        Assert.Equal(stats.RowGroups, stats.Blocks);
        Assert.True(stats.Bytes > 0);
        Assert.Equal(1, stats.SizeMegabytes);
        Assert.Equal(31, stats.RowsPerSlice.Sum());
        Assert.Equal(30.0, stats.SkewRows);
    }
}
