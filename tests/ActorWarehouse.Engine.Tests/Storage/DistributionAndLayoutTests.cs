using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Storage.StorageTestData;

namespace ActorWarehouse.Engine.Tests.Storage;

public sealed class DistributionAndLayoutTests
{
    private static Batch IdBatch(int from, int count, Func<int, int>? key = null)
    {
        var ids = Enumerable.Range(from, count).ToArray();
        var keys = ids.Select(i => key?.Invoke(i) ?? i).ToArray();
        return new Batch(new ColumnVector[] { Ints(ids), Ints(keys) }, count);
    }

    private static readonly (string, SqlType)[] IdKey = { ("id", SqlType.Integer), ("k", SqlType.Integer) };

    [Fact]
    public void Distkey_rows_with_equal_keys_land_on_the_same_slice_given_by_slicehash()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Key, distKey: 1, slices: 4, columns: IdKey);
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(IdBatch(0, 1000, i => i % 37));
        var manifest = writer.Commit();
        var scanner = new TableScanner(store, layout);
        for (int s = 0; s < 4; s++)
            foreach (var batch in scanner.Scan(manifest, s, new[] { 1 }))
                for (int r = 0; r < batch.RowCount; r++)
                    Assert.Equal(s, SliceHash.SliceOf(SliceHash.Hash(((ColumnVector<int>)batch[0]).Values[r]), 4));
        Assert.True(manifest.Slices.Count(sl => sl.RowCount > 0) >= 3, "37 keys should spread over the slices");
        Assert.Equal(1000, manifest.RowCount);
    }

    [Fact]
    public void Slicehash_is_stable_and_equal_for_equal_integers_of_different_widths()
    {
        Assert.Equal(SliceHash.Hash(42L), SliceHash.Hash((long)(int)42));
        Assert.Equal(SliceHash.Hash("abc"), SliceHash.Hash("abc"));
        Assert.NotEqual(SliceHash.Hash("abc"), SliceHash.Hash("abd"));
        Assert.Equal(SliceHash.Hash(0.0), SliceHash.Hash(-0.0));
        // Pinned value: stored KEY tables depend on this function never changing.
        Assert.Equal(SliceHash.Mix(1UL), SliceHash.Hash(1L));
        Assert.Equal(0xB456BCFC34C2CB2CUL, SliceHash.Mix(1UL));
    }

    [Fact]
    public void Even_distribution_round_robins_and_continues_across_appends()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, slices: 3, columns: IdKey);
        var first = new TableWriter(store, layout, TableManifest.Empty(layout));
        first.Append(IdBatch(0, 4));
        var m1 = first.Commit();
        Assert.Equal(new long[] { 2, 1, 1 }, m1.Slices.Select(s => s.RowCount));
        var second = new TableWriter(store, layout, m1);
        second.Append(IdBatch(4, 2));
        var m2 = second.Commit();
        Assert.Equal(new long[] { 2, 2, 2 }, m2.Slices.Select(s => s.RowCount));
    }

    [Fact]
    public void Diststyle_all_stores_one_replicated_copy_on_slice_zero()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.All, slices: 4, columns: IdKey);
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(IdBatch(0, 100));
        var manifest = writer.Commit();
        Assert.True(manifest.IsReplicated);
        Assert.Equal(100, manifest.Slices[0].RowCount);
        Assert.All(manifest.Slices.Skip(1), s => Assert.Equal(0, s.RowCount));
    }

    [Fact]
    public void Diststyle_auto_is_replicated_while_small_then_switches_to_even_keeping_every_row()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Auto, slices: 2, columns: IdKey);
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(IdBatch(0, 10));
        var small = writer.Commit();
        Assert.True(small.IsReplicated);

        var grow = new TableWriter(store, layout, small);
        for (int start = 10; start < TableLayout.AutoAllRowLimit + 10; start += 4096)
            grow.Append(IdBatch(start, (int)Math.Min(4096, TableLayout.AutoAllRowLimit + 10 - start)));
        var big = grow.Commit();
        Assert.False(big.IsReplicated);
        Assert.Equal(TableLayout.AutoAllRowLimit + 10, big.RowCount);
        Assert.True(Math.Abs(big.Slices[0].RowCount - big.Slices[1].RowCount) <= 1);
        var ids = ReadAll(store, layout, big).Select(r => (int)r[0]!).OrderBy(i => i).ToArray();
        Assert.Equal(Enumerable.Range(0, (int)TableLayout.AutoAllRowLimit + 10), ids);
    }

    [Fact]
    public void Rows_are_sorted_by_the_compound_sort_key_within_each_slice()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, sortKey: new[] { 1, 0 }, slices: 1, columns: IdKey);
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        var random = new Random(7);
        var ids = Enumerable.Range(0, 5000).OrderBy(_ => random.Next()).ToArray();
        writer.Append(new Batch(new ColumnVector[] { Ints(ids), Ints(ids.Select(i => i % 10).ToArray()) }, ids.Length));
        var rows = ReadAll(store, layout, writer.Commit());
        var keys = rows.Select(r => ((int)r[1]!, (int)r[0]!)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2), keys);
    }

    [Fact]
    public void Sort_key_with_nulls_puts_nulls_last()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, sortKey: new[] { 0 }, slices: 1, columns: new[] { ("s", SqlType.Text) });
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(new Batch(new ColumnVector[] { Vector<string>(SqlType.Text, "b", null, "a") }, 3));
        var rows = ReadAll(store, layout, writer.Commit());
        Assert.Equal(new object?[] { "a", "b", null }, rows.Select(r => r[0]));
    }

    [Fact]
    public void Large_appends_are_cut_into_row_groups_and_batches_of_at_most_4096_rows()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, slices: 1, columns: IdKey);
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        int total = RowGroup.MaxRows + 1000;
        for (int start = 0; start < total; start += 4096) writer.Append(IdBatch(start, Math.Min(4096, total - start)));
        var manifest = writer.Commit();
        Assert.Equal(2, manifest.Slices[0].RowGroups.Count);
        var batches = new TableScanner(store, layout).Scan(manifest, 0, new[] { 0 }).ToList();
        Assert.All(batches, b => Assert.True(b.RowCount <= Batch.DefaultCapacity));
        Assert.Equal(total, batches.Sum(b => b.RowCount));
    }

    [Fact]
    public void A_huge_append_is_flushed_early_as_sorted_runs_without_losing_rows()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, sortKey: new[] { 0 }, slices: 2, columns: IdKey);
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout)) { FlushThreshold = 1000 };
        var random = new Random(11);
        var ids = Enumerable.Range(0, 10_000).OrderBy(_ => random.Next()).ToArray();
        for (int start = 0; start < ids.Length; start += 700)
        {
            var part = ids.Skip(start).Take(700).ToArray();
            writer.Append(new Batch(new ColumnVector[] { Ints(part), Ints(part) }, part.Length));
        }
        Assert.Equal(10_000, writer.PendingRows);
        var manifest = writer.Commit();
        Assert.Equal(10_000, manifest.RowCount);
        Assert.True(manifest.Slices.All(s => s.RowGroups.Count >= 4), "each slice should hold several flushed runs");
        Assert.Equal(manifest.Slices.SelectMany(s => s.RowGroups).Count(), manifest.Slices.SelectMany(s => s.RowGroups).Select(g => g.Id).Distinct().Count());
        var scanner = new TableScanner(store, layout);
        foreach (var slice in manifest.Slices)
            foreach (var group in slice.RowGroups)
            {
                var values = ((ColumnVector<int>)scanner.ReadColumn(group, 0)).Values.Take(group.RowCount).ToArray();
                Assert.Equal(values.OrderBy(v => v), values);
            }
        Assert.Equal(Enumerable.Range(0, 10_000), ReadAll(store, layout, manifest).Select(r => (int)r[0]!).OrderBy(i => i));
    }

    [Fact]
    public void Auto_switching_to_even_keeps_rows_flushed_early()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Auto, slices: 2, columns: IdKey);
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout)) { FlushThreshold = 30_000 };
        int total = (int)TableLayout.AutoAllRowLimit + 5000;
        for (int start = 0; start < total; start += 4096) writer.Append(IdBatch(start, Math.Min(4096, total - start)));
        var manifest = writer.Commit();
        Assert.False(manifest.IsReplicated);
        Assert.Equal(Enumerable.Range(0, total), ReadAll(store, layout, manifest).Select(r => (int)r[0]!).OrderBy(i => i));
    }

    [Fact]
    public void Scans_return_only_the_requested_columns_in_the_requested_order()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, slices: 1, columns: new[] { ("a", SqlType.Integer), ("b", SqlType.Text), ("c", SqlType.Double) });
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(new Batch(new ColumnVector[] { Ints(1), Strings("x"), new ColumnVector<double>(SqlType.Double, new[] { 2.5 }, 1) }, 1));
        var manifest = writer.Commit();
        var batch = Assert.Single(new TableScanner(store, layout).Scan(manifest, 0, new[] { 2, 0 }));
        Assert.Equal(2, batch.ColumnCount);
        Assert.Equal(2.5, batch[0].GetBoxed(0));
        Assert.Equal(1, batch[1].GetBoxed(0));
        var countOnly = Assert.Single(new TableScanner(store, layout).Scan(manifest, 0, Array.Empty<int>()));
        Assert.Equal(1, countOnly.RowCount);
    }

    [Fact]
    public void Auto_encoding_picks_runlength_bytedict_az64_and_zstd_from_the_data()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, slices: 1, columns: new[]
        {
            ("runs", SqlType.Integer), ("few", SqlType.Text), ("sorted", SqlType.BigInt), ("text", SqlType.Text),
        });
        int n = 10_000;
        var random = new Random(3);
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(new Batch(new ColumnVector[]
        {
            Ints(Enumerable.Range(0, n).Select(i => i / 1000).ToArray()),
            Strings(Enumerable.Range(0, n).Select(i => "v" + random.Next(0, 30)).ToArray()),
            new ColumnVector<long>(SqlType.BigInt, Enumerable.Range(0, n).Select(i => 1_000_000L + i * 5 + random.Next(0, 3)).ToArray(), n),
            Strings(Enumerable.Range(0, n).Select(i => "free text " + random.Next() + " more").ToArray()),
        }, n));
        var group = Assert.Single(writer.Commit().Slices[0].RowGroups);
        Assert.Equal(new[] { ColumnEncoding.RunLength, ColumnEncoding.ByteDict, ColumnEncoding.Az64, ColumnEncoding.Zstd },
            group.Blocks.Select(b => b.Encoding));
    }

    [Fact]
    public void Declared_encodings_are_honoured()
    {
        var store = new InMemoryBlockStore();
        var layout = new TableLayout(new[] { new ColumnLayout("a", SqlType.Integer, ColumnEncoding.Delta), new ColumnLayout("b", SqlType.Integer, ColumnEncoding.Mostly8) },
            DistStyle.Even, sliceCount: 1);
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        writer.Append(new Batch(new ColumnVector[] { Ints(1, 2, 300), Ints(1, 2, 100_000) }, 3));
        var manifest = writer.Commit();
        var group = Assert.Single(manifest.Slices[0].RowGroups);
        Assert.Equal(new[] { ColumnEncoding.Delta, ColumnEncoding.Mostly8 }, group.Blocks.Select(b => b.Encoding));
        Assert.Equal(new[] { 1, 2, 300 }, ReadAll(store, layout, manifest).Select(r => (int)r[0]!));
        Assert.Equal(new[] { 1, 2, 100_000 }, ReadAll(store, layout, manifest).Select(r => (int)r[1]!));
    }
}
