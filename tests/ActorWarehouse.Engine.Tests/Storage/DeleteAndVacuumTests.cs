using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Storage.StorageTestData;

namespace ActorWarehouse.Engine.Tests.Storage;

public sealed class DeleteAndVacuumTests
{
    private static readonly (string, SqlType)[] Columns = { ("id", SqlType.Integer), ("s", SqlType.Text) };

    private static (InMemoryBlockStore, TableLayout, TableManifest) Table(int rows, int slices = 2)
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, sortKey: new[] { 0 }, slices: slices, columns: Columns);
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        var ids = Enumerable.Range(0, rows).ToArray();
        writer.Append(new Batch(new ColumnVector[] { Ints(ids), Strings(ids.Select(i => "s" + i).ToArray()) }, rows));
        return (store, layout, writer.Commit());
    }

    private static List<long> RowIdsWhere(IBlockStore store, TableLayout layout, TableManifest manifest, Func<int, bool> predicate)
    {
        var scanner = new TableScanner(store, layout);
        var result = new List<long>();
        for (int s = 0; s < manifest.SliceCount; s++)
            foreach (var batch in scanner.Scan(manifest, s, new[] { 0 }, includeRowIds: true))
            {
                var ids = (ColumnVector<int>)batch[0];
                var rowIds = (ColumnVector<long>)batch[1];
                for (int r = 0; r < batch.RowCount; r++)
                    if (predicate(ids.Values[r])) result.Add(rowIds.Values[r]);
            }
        return result;
    }

    [Fact]
    public void Deleted_rows_disappear_from_scans_and_counts()
    {
        var (store, layout, manifest) = Table(10_000);
        var deleted = TableWriter.DeleteRows(manifest, RowIdsWhere(store, layout, manifest, id => id % 3 == 0));
        var ids = ReadAll(store, layout, deleted).Select(r => (int)r[0]!).OrderBy(i => i).ToArray();
        Assert.Equal(Enumerable.Range(0, 10_000).Where(i => i % 3 != 0), ids);
        Assert.Equal(ids.Length, deleted.RowCount);
        Assert.Equal(10_000, manifest.RowCount); // the old snapshot still sees every row
    }

    [Fact]
    public void Deleting_twice_accumulates_in_the_delete_vector()
    {
        var (store, layout, manifest) = Table(100, slices: 1);
        var once = TableWriter.DeleteRows(manifest, RowIdsWhere(store, layout, manifest, id => id < 10));
        var twice = TableWriter.DeleteRows(once, RowIdsWhere(store, layout, once, id => id >= 90));
        Assert.Equal(80, twice.RowCount);
    }

    [Fact]
    public void Vacuum_rewrites_slices_without_deleted_rows_and_keeps_the_rest()
    {
        var (store, layout, manifest) = Table(5000);
        var deleted = TableWriter.DeleteRows(manifest, RowIdsWhere(store, layout, manifest, id => id >= 100));
        var vacuumed = TableWriter.Vacuum(store, layout, deleted);
        Assert.All(vacuumed.Slices.SelectMany(s => s.RowGroups), g => Assert.Null(g.Deletes));
        Assert.Equal(Enumerable.Range(0, 100), ReadAll(store, layout, vacuumed).Select(r => (int)r[0]!).OrderBy(i => i));
        Assert.True(vacuumed.Slices.SelectMany(s => s.RowGroups).All(g => g.Id >= manifest.NextRowGroupId));
    }

    [Fact]
    public void Vacuum_merges_several_appends_into_one_sorted_run_per_slice()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, sortKey: new[] { 0 }, slices: 1, columns: Columns);
        var manifest = TableManifest.Empty(layout);
        foreach (var ids in new[] { new[] { 5, 1, 9 }, new[] { 4, 8, 0 } })
        {
            var writer = new TableWriter(store, layout, manifest);
            writer.Append(new Batch(new ColumnVector[] { Ints(ids), Strings(ids.Select(i => "x").ToArray()) }, ids.Length));
            manifest = writer.Commit();
        }
        var vacuumed = TableWriter.Vacuum(store, layout, manifest);
        Assert.Single(vacuumed.Slices[0].RowGroups);
        Assert.Equal(new[] { 0, 1, 4, 5, 8, 9 }, ReadAll(store, layout, vacuumed).Select(r => (int)r[0]!));
    }

    [Fact]
    public void Replacing_row_groups_swaps_them_in_the_manifest()
    {
        var (store, layout, manifest) = Table(10, slices: 1);
        var old = manifest.Slices[0].RowGroups[0];
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout) with { NextRowGroupId = manifest.NextRowGroupId });
        writer.Append(new Batch(new ColumnVector[] { Ints(42), Strings("new") }, 1));
        var replacement = writer.Commit().Slices[0].RowGroups;
        var swapped = TableWriter.ReplaceRowGroups(manifest, 0, new HashSet<long> { old.Id }, replacement);
        Assert.Equal(new object?[] { 42, "new" }, Assert.Single(ReadAll(store, layout, swapped)));
    }

    [Fact]
    public void Row_groups_written_before_an_added_column_read_it_as_null()
    {
        var (store, layout, manifest) = Table(3, slices: 1);
        var wider = new TableLayout(layout.Columns.Append(new ColumnLayout("added", SqlType.BigInt)).ToArray(), DistStyle.Even, sliceCount: 1);
        var rows = ReadAll(store, wider, manifest);
        Assert.All(rows, r => Assert.Null(r[2]));
        var nullOnly = new TableScanner(store, wider).Scan(manifest, 0, new[] { 2 }, ZonePredicate.Of(new ZoneTerm(2, ZoneOp.Equal, 1L)));
        Assert.Empty(nullOnly);
    }

    [Fact]
    public void Garbage_collection_removes_blocks_no_live_manifest_references()
    {
        var (store, layout, manifest) = Table(1000);
        var deleted = TableWriter.DeleteRows(manifest, RowIdsWhere(store, layout, manifest, id => id % 2 == 0));
        var vacuumed = TableWriter.Vacuum(store, layout, deleted);
        int before = store.Count;
        int removed = BlockGarbageCollector.Collect(store, new[] { vacuumed });
        Assert.True(removed > 0);
        Assert.Equal(before - removed, store.Count);
        Assert.Equal(500, ReadAll(store, layout, vacuumed).Count);
        Assert.All(vacuumed.BlockIds(), id => Assert.True(store.Contains(id)));
    }
}
