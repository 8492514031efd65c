using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Storage.StorageTestData;

namespace ActorWarehouse.Engine.Tests.Storage;

public sealed class TableWriterScannerTests
{
    [Fact]
    public void Appended_rows_come_back_from_a_scan_with_nulls_intact()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, columns: new[] { ("id", SqlType.Integer), ("name", SqlType.Text) });
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(new Batch(new ColumnVector[] { Ints(1, 2, 3), Vector<string>(SqlType.Text, "a", null, "c") }, 3));
        var manifest = writer.Commit();

        var rows = ReadAll(store, layout, manifest).OrderBy(r => (int)r[0]!).ToList();
        Assert.Equal(3, manifest.RowCount);
        Assert.Equal(new object?[] { 1, "a" }, rows[0]);
        Assert.Equal(new object?[] { 2, null }, rows[1]);
        Assert.Equal(new object?[] { 3, "c" }, rows[2]);
    }

    [Fact]
    public void The_base_manifest_is_not_changed_by_a_commit()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, columns: new[] { ("id", SqlType.Integer) });
        var empty = TableManifest.Empty(layout);
        var writer = new TableWriter(store, layout, empty);
        writer.Append(new Batch(new ColumnVector[] { Ints(1, 2) }, 2));
        var next = writer.Commit();
        Assert.Equal(0, empty.RowCount);
        Assert.Equal(2, next.RowCount);
    }

    [Fact]
    public void Repeated_scans_reuse_decoded_blocks_and_are_not_affected_by_callers_modifying_batches()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, slices: 1, columns: new[] { ("id", SqlType.Integer) });
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(new Batch(new ColumnVector[] { Ints(1, 2, 3) }, 3));
        var manifest = writer.Commit();
        var cache = new DecodedBlockCache(1 << 20);
        var first = Assert.Single(new TableScanner(store, layout, cache).Scan(manifest, 0, new[] { 0 }));
        ((ColumnVector<int>)first[0]).Values[0] = 99;
        var second = Assert.Single(new TableScanner(store, layout, cache).Scan(manifest, 0, new[] { 0 }));
        Assert.Equal(1, second[0].GetBoxed(0));
        Assert.Equal(1, cache.Hits);
        Assert.Equal(1, cache.Misses);
    }

    [Fact]
    public void A_scanner_without_cache_always_reads_the_block_store()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, slices: 1, columns: new[] { ("id", SqlType.Integer) });
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(new Batch(new ColumnVector[] { Ints(1) }, 1));
        var manifest = writer.Commit();
        Assert.Single(TableScanner.WithoutCache(store, layout).Scan(manifest, 0, new[] { 0 }));
        foreach (var id in manifest.BlockIds()) store.Delete(id);
        Assert.Throws<ActorWarehouse.Engine.Errors.SqlException>(() => TableScanner.WithoutCache(store, layout).Scan(manifest, 0, new[] { 0 }).ToList());
    }
}
