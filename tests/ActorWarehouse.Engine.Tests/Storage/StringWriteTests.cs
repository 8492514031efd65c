using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Storage.StorageTestData;

namespace ActorWarehouse.Engine.Tests.Storage;

/// <summary>How the table writer holds pending strings: bounded in bytes, NULL slots empty.</summary>
public sealed class StringWriteTests
{
    private static readonly TableLayout Documents = Layout(DistStyle.Key, distKey: 0, sortKey: new[] { 0 }, slices: 2,
        columns: new[] { ("id", SqlType.Integer), ("body", SqlType.Text) });

    private static Batch DocumentBatch(int from, int count, int width) => new(new ColumnVector[]
    {
        Ints(Enumerable.Range(from, count).ToArray()),
        Strings(Enumerable.Range(from, count).Select(i => i.ToString("D8").PadRight(width, 'x')).ToArray()),
    }, count);

    [Fact]
    public void Wide_text_is_flushed_early_so_no_column_outgrows_one_string_vector()
    {
        var store = new InMemoryBlockStore();
        var batches = Enumerable.Range(0, 20).Select(b => DocumentBatch(b * 100, 100, 100)).ToArray(); // 10 KB of text each
        var writer = new TableWriter(store, Documents, TableManifest.Empty(Documents)) { FlushBytes = 20_000 };
        TableManifest manifest;
        // A slice's pending text would reach ~100 KB; with this limit only the byte-based early flush lets the write through.
        using (StringDataLimit.LowerForTests(30_000))
        {
            foreach (var batch in batches) writer.Append(batch);
            manifest = writer.Commit();
        }
        Assert.True(manifest.Slices.All(s => s.RowGroups.Count >= 4), "each slice should hold several runs cut by bytes");
        var rows = ReadAll(store, Documents, manifest).OrderBy(r => (int)r[0]!).ToList();
        Assert.Equal(Enumerable.Range(0, 2000), rows.Select(r => (int)r[0]!));
        Assert.Equal("00001999".PadRight(100, 'x'), rows[^1][1]);
    }

    [Fact]
    public void Null_rows_are_stored_as_zero_bytes_whatever_their_slot_held()
    {
        // Row 1 is NULL but its slot still holds "junk" (as COPY's rejected rows or Arrow input may leave it).
        var validity = new ValidityBitmap(3);
        validity.SetNull(1);
        var body = new StringVector(SqlType.Text, [0, 1, 5, 6], "ajunkb"u8.ToArray(), 3, validity);
        var layout = Layout(DistStyle.Even, sortKey: new[] { 1 }, slices: 1, columns: new[] { ("id", SqlType.Integer), ("body", SqlType.Text) });
        var store = new InMemoryBlockStore();
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(new Batch(new ColumnVector[] { Ints(0, 1, 2), body }, 3));
        var group = writer.Commit().Slices[0].RowGroups[0];
        var stored = (StringVector)new TableScanner(store, layout).ReadColumn(group, 1);
        Assert.Equal(2, stored.DataLength); // "a" and "b"; the NULL (sorted last) holds nothing
        Assert.True(stored.IsNull(2));
        Assert.Equal(0, stored.ByteLength(2));
    }
}
