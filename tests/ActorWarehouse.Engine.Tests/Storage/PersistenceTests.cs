using System.Text;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Storage.StorageTestData;

namespace ActorWarehouse.Engine.Tests.Storage;

public sealed class PersistenceTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "aw-storage-" + Guid.NewGuid().ToString("N"));

    public PersistenceTests() => Directory.CreateDirectory(_data);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private sealed class SimulatedCrash(string point) : Exception($"crash at {point}");

    private static TableLayout People => Layout(DistStyle.Key, distKey: 0, sortKey: new[] { 0 }, slices: 2,
        columns: new[] { ("id", SqlType.BigInt), ("name", SqlType.Text), ("born", SqlType.Date) });

    private static Batch PeopleBatch(int from, int count)
    {
        var ids = Enumerable.Range(from, count).Select(i => (long)i).ToArray();
        return new Batch(new ColumnVector[]
        {
            new ColumnVector<long>(SqlType.BigInt, ids, count),
            Vector<string>(SqlType.Text, ids.Select(i => i % 10 == 0 ? null : "p" + i).ToArray()),
            new ColumnVector<int>(SqlType.Date, ids.Select(i => (int)(i % 20000)).ToArray(), count),
        }, count);
    }

    [Fact]
    public void A_committed_manifest_reloads_from_disk_with_the_same_rows()
    {
        var layout = People;
        byte[] payload;
        List<object?[]> before;
        {
            var store = new FolderBlockStore(_data);
            var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
            writer.Append(PeopleBatch(0, 5000));
            var manifest = writer.Commit();
            before = ReadAll(store, layout, manifest);
            using var journal = new FileCatalogJournal(_data);
            journal.Commit(0, ManifestSerializer.Serialize(manifest));
        }
        {
            using var journal = new FileCatalogJournal(_data);
            var record = journal.ReadCurrent()!;
            Assert.Equal(1, record.Version);
            payload = record.Payload;
            var manifest = ManifestSerializer.Deserialize(payload);
            var store = new FolderBlockStore(_data);
            Assert.Equal(before, ReadAll(store, layout, manifest));
        }
    }

    [Fact]
    public void Manifest_serialization_round_trips_zone_maps_and_delete_vectors()
    {
        var store = new InMemoryBlockStore();
        var layout = People;
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(PeopleBatch(0, 300));
        var manifest = writer.Commit();
        var group = manifest.Slices[1].RowGroups[0];
        manifest = TableWriter.DeleteRows(manifest, new[] { RowId.Make(group.Id, 3), RowId.Make(group.Id, 7) });
        var copy = ManifestSerializer.Deserialize(ManifestSerializer.Serialize(manifest));
        Assert.Equal(manifest.RowCount, copy.RowCount);
        Assert.Equal(manifest.NextRowGroupId, copy.NextRowGroupId);
        var a = manifest.Slices[1].RowGroups[0];
        var b = copy.Slices[1].RowGroups[0];
        Assert.Equal(a.Blocks.Select(x => x.Id), b.Blocks.Select(x => x.Id));
        Assert.Equal(a.Blocks.Select(x => x.Zone), b.Blocks.Select(x => x.Zone));
        Assert.True(b.Deletes!.IsDeleted(3) && b.Deletes.IsDeleted(7) && !b.Deletes.IsDeleted(4));
        Assert.Equal(ReadAll(store, layout, manifest), ReadAll(store, layout, copy));
    }

    [Fact]
    public void A_damaged_manifest_is_reported_as_corruption()
    {
        var bytes = ManifestSerializer.Serialize(TableManifest.Empty(People));
        var e = Assert.Throws<SqlException>(() => ManifestSerializer.Deserialize(bytes.AsSpan(0, bytes.Length - 2)));
        Assert.Equal(SqlState.DataCorrupted, e.SqlState);
    }

    [Theory]
    [InlineData("version:temp-written")]
    [InlineData("version:renamed")]
    [InlineData("current:temp-written")]
    public void A_commit_interrupted_before_the_pointer_rename_leaves_the_previous_version(string crashPoint)
    {
        using (var journal = new FileCatalogJournal(_data))
        {
            journal.Commit(0, "v1"u8);
            journal.FaultInjection = point => { if (point == crashPoint) throw new SimulatedCrash(point); };
            Assert.Throws<SimulatedCrash>(() => journal.Commit(1, "v2"u8));
        }
        using (var reopened = new FileCatalogJournal(_data))
        {
            var record = reopened.ReadCurrent()!;
            Assert.Equal(1, record.Version);
            Assert.Equal("v1", Encoding.UTF8.GetString(record.Payload));
            Assert.Equal(new long[] { 1 }, reopened.Versions());
            Assert.Empty(Directory.EnumerateFiles(reopened.FolderPath, "*.tmp-*"));
            Assert.Equal(2, reopened.Commit(1, "v2 again"u8));
            Assert.Equal("v2 again", Encoding.UTF8.GetString(reopened.ReadCurrent()!.Payload));
        }
    }

    [Fact]
    public void A_commit_interrupted_after_the_pointer_rename_is_durable()
    {
        using (var journal = new FileCatalogJournal(_data))
        {
            journal.Commit(0, "v1"u8);
            journal.FaultInjection = point => { if (point == "current:renamed") throw new SimulatedCrash(point); };
            Assert.Throws<SimulatedCrash>(() => journal.Commit(1, "v2"u8));
        }
        using var reopened = new FileCatalogJournal(_data);
        Assert.Equal(2, reopened.CurrentVersion);
        Assert.Equal("v2", Encoding.UTF8.GetString(reopened.ReadCurrent()!.Payload));
    }

    [Fact]
    public void Files_a_kill_9_can_leave_behind_do_not_disturb_the_committed_version()
    {
        string folder;
        using (var journal = new FileCatalogJournal(_data))
        {
            journal.Commit(0, "v1"u8);
            folder = journal.FolderPath;
        }
        // Every state an abrupt kill can leave: a half-written temp of the next version, a half-written temp of
        // CURRENT, and a complete next version file whose CURRENT rename never happened.
        File.WriteAllBytes(Path.Combine(folder, "v00000000000000000002.cat.tmp-dead"), new byte[] { 1, 2, 3 });
        File.WriteAllBytes(Path.Combine(folder, "CURRENT.tmp-dead"), new byte[] { 9 });
        File.WriteAllBytes(Path.Combine(folder, "v00000000000000000002.cat"), new byte[] { 0x41, 0x57 });
        using var reopened = new FileCatalogJournal(_data);
        Assert.Equal("v1", Encoding.UTF8.GetString(reopened.ReadCurrent()!.Payload));
        Assert.Equal(new[] { "CURRENT", "v00000000000000000001.cat" }, Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal(2, reopened.Commit(1, "v2"u8));
    }

    [Fact]
    public void A_stale_expected_version_is_a_serialization_failure()
    {
        using var journal = new FileCatalogJournal(_data);
        journal.Commit(0, "a"u8);
        var e = Assert.Throws<SqlException>(() => journal.Commit(0, "b"u8));
        Assert.Equal(SqlState.SerializationFailure, e.SqlState);
        Assert.Equal(1, journal.CurrentVersion);
    }

    [Fact]
    public void Old_versions_stay_readable_until_pruned()
    {
        using var journal = new FileCatalogJournal(_data);
        for (int v = 0; v < 5; v++) journal.Commit(v, Encoding.UTF8.GetBytes("v" + (v + 1)));
        Assert.Equal("v2", Encoding.UTF8.GetString(journal.ReadVersion(2)!));
        journal.Prune(4);
        Assert.Null(journal.ReadVersion(2));
        Assert.Equal(new long[] { 4, 5 }, journal.Versions());
    }

    [Fact]
    public void A_damaged_version_file_is_reported_as_corruption()
    {
        string path;
        using (var journal = new FileCatalogJournal(_data))
        {
            journal.Commit(0, "payload"u8);
            path = Directory.EnumerateFiles(journal.FolderPath, "v*.cat").Single();
        }
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 1;
        File.WriteAllBytes(path, bytes);
        using var reopened = new FileCatalogJournal(_data);
        var e = Assert.Throws<SqlException>(() => reopened.ReadCurrent());
        Assert.Equal(SqlState.DataCorrupted, e.SqlState);
    }

    [Fact]
    public void In_memory_journal_follows_the_same_contract()
    {
        using var journal = new InMemoryCatalogJournal();
        Assert.Null(journal.ReadCurrent());
        Assert.Equal(1, journal.Commit(0, "x"u8));
        Assert.Throws<SqlException>(() => journal.Commit(0, "y"u8));
        Assert.Equal("x", Encoding.UTF8.GetString(journal.ReadCurrent()!.Payload));
    }

    [Fact]
    public void Folder_store_puts_are_content_addressed_and_idempotent()
    {
        var store = new FolderBlockStore(_data);
        var a = store.Put("hello"u8);
        var b = store.Put("hello"u8);
        Assert.Equal(a, b);
        Assert.Equal(a, BlockId.Of("hello"u8));
        string file = Path.Combine(_data, "blocks", a.Hex.Substring(0, 2), a.Hex.Substring(2));
        Assert.True(File.Exists(file));
        Assert.Equal(new[] { a }, store.List());
        store.ClearCache();
        Assert.Equal("hello"u8.ToArray(), store.Get(a));
        store.Delete(a);
        Assert.False(store.Contains(a));
    }

    [Fact]
    public void A_corrupted_block_file_fails_the_scan_with_xx001_naming_the_column()
    {
        var store = new FolderBlockStore(_data);
        var layout = People;
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(PeopleBatch(0, 1000));
        var manifest = writer.Commit();
        var block = manifest.Slices[0].RowGroups[0].Blocks[1];
        string file = store.PathOf(block.Id);
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(file, bytes);
        store.ClearCache();
        var e = Assert.Throws<SqlException>(() => TableScanner.WithoutCache(store, layout).Scan(manifest, 0, new[] { 1 }).ToList());
        Assert.Equal(SqlState.DataCorrupted, e.SqlState);
        Assert.Contains("\"name\"", e.Message);
    }

    [Fact]
    public void A_missing_block_fails_the_scan_with_xx001()
    {
        var store = new FolderBlockStore(_data);
        var layout = People;
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(PeopleBatch(0, 10));
        var manifest = writer.Commit();
        foreach (var id in manifest.BlockIds()) store.Delete(id);
        var e = Assert.Throws<SqlException>(() => ReadAll(store, layout, manifest));
        Assert.Equal(SqlState.DataCorrupted, e.SqlState);
    }

    [Fact]
    public void Stray_temp_files_from_an_interrupted_block_write_are_not_listed_and_can_be_removed()
    {
        var store = new FolderBlockStore(_data);
        var id = store.Put("data"u8);
        string stray = store.PathOf(id) + ".tmp-abc";
        File.WriteAllText(stray, "partial");
        Assert.Equal(new[] { id }, store.List());
        store.RemoveStrayTempFiles();
        Assert.False(File.Exists(stray));
    }
}
