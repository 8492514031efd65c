using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Storage.StorageTestData;

namespace ActorWarehouse.Engine.Tests.Storage;

public sealed class ZonePruningTests
{
    /// <summary>Four appends of 1000 sorted ids each: four row groups with ranges 0-999, 1000-1999, ...</summary>
    private static (InMemoryBlockStore, TableLayout, TableManifest) FourGroups()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, sortKey: new[] { 0 }, slices: 1, columns: new[] { ("id", SqlType.Integer), ("name", SqlType.Text), ("price", SqlType.Double) });
        var manifest = TableManifest.Empty(layout);
        for (int g = 0; g < 4; g++)
        {
            var writer = new TableWriter(store, layout, manifest);
            var ids = Enumerable.Range(g * 1000, 1000).ToArray();
            var names = Vector<string>(SqlType.Text, ids.Select(i => i % 100 == 0 && g == 3 ? null : $"n{g}").ToArray());
            var prices = new ColumnVector<double>(SqlType.Double, ids.Select(i => g == 2 && i % 2 == 0 ? double.NaN : i / 10.0).ToArray(), ids.Length);
            writer.Append(new Batch(new ColumnVector[] { Ints(ids), names, prices }, ids.Length));
            manifest = writer.Commit();
        }
        return (store, layout, manifest);
    }

    private static (int Scanned, int Skipped, int Rows) Run(ZonePredicate predicate)
    {
        var (store, layout, manifest) = FourGroups();
        var scanner = new TableScanner(store, layout);
        int rows = scanner.Scan(manifest, 0, new[] { 0 }, predicate).Sum(b => b.RowCount);
        return (scanner.RowGroupsScanned, scanner.RowGroupsSkipped, rows);
    }

    [Theory]
    [InlineData(ZoneOp.Equal, 1500, 1)]
    [InlineData(ZoneOp.Less, 1000, 1)]
    [InlineData(ZoneOp.LessOrEqual, 1000, 2)]
    [InlineData(ZoneOp.Greater, 2999, 1)]
    [InlineData(ZoneOp.GreaterOrEqual, 2999, 2)]
    [InlineData(ZoneOp.Equal, 99_999, 0)]
    [InlineData(ZoneOp.NotEqual, 5, 4)]
    public void Integer_comparisons_skip_row_groups_whose_range_cannot_match(ZoneOp op, int constant, int expectedScanned)
    {
        var (scanned, skipped, _) = Run(ZonePredicate.Of(new ZoneTerm(0, op, constant)));
        Assert.Equal(expectedScanned, scanned);
        Assert.Equal(4 - expectedScanned, skipped);
    }

    [Fact]
    public void Conjunctions_prune_by_every_term()
    {
        var (scanned, _, _) = Run(ZonePredicate.Of(new ZoneTerm(0, ZoneOp.GreaterOrEqual, 500), new ZoneTerm(1, ZoneOp.Equal, "n2")));
        Assert.Equal(1, scanned);
    }

    [Fact]
    public void Null_tests_use_the_null_counts()
    {
        Assert.Equal(1, Run(ZonePredicate.Of(new ZoneTerm(1, ZoneOp.IsNull))).Scanned);
        Assert.Equal(4, Run(ZonePredicate.Of(new ZoneTerm(1, ZoneOp.IsNotNull))).Scanned);
    }

    [Fact]
    public void A_constant_of_the_wrong_physical_type_prunes_nothing_instead_of_guessing()
    {
        Assert.Equal(4, Run(ZonePredicate.Of(new ZoneTerm(0, ZoneOp.Equal, 1500L))).Scanned);
        Assert.Equal(4, Run(ZonePredicate.Of(new ZoneTerm(1, ZoneOp.Equal, 5))).Scanned);
    }

    [Fact]
    public void A_null_constant_matches_nothing()
    {
        Assert.Equal(0, Run(ZonePredicate.Of(new ZoneTerm(0, ZoneOp.Equal, null))).Scanned);
    }

    [Fact]
    public void Nan_sorts_above_every_number_so_a_greater_than_search_keeps_the_group_with_nan()
    {
        var (scanned, _, _) = Run(ZonePredicate.Of(new ZoneTerm(2, ZoneOp.Greater, 1e12)));
        Assert.Equal(1, scanned);
    }

    [Fact]
    public void Pruning_returns_every_matching_row()
    {
        var (_, _, rows) = Run(ZonePredicate.Of(new ZoneTerm(0, ZoneOp.Less, 1000)));
        Assert.Equal(1000, rows); // the predicate only prunes groups; rows of a kept group are all returned
    }

    [Fact]
    public void Long_strings_keep_a_safe_lower_bound_and_no_upper_bound()
    {
        var store = new InMemoryBlockStore();
        var layout = Layout(DistStyle.Even, slices: 1, columns: new[] { ("s", SqlType.Text) });
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        string longMax = "z" + new string('y', 300);
        writer.Append(new Batch(new ColumnVector[] { Strings("b", longMax) }, 2));
        var manifest = writer.Commit();
        var zone = manifest.Slices[0].RowGroups[0].Blocks[0].Zone;
        Assert.True(zone.MaxUnbounded);
        var scanner = new TableScanner(store, layout);
        Assert.Single(scanner.Scan(manifest, 0, new[] { 0 }, ZonePredicate.Of(new ZoneTerm(0, ZoneOp.Equal, longMax))));
        Assert.Empty(scanner.Scan(manifest, 0, new[] { 0 }, ZonePredicate.Of(new ZoneTerm(0, ZoneOp.Less, "a"))));
    }

    [Fact]
    public void Zone_maps_record_typed_bounds_and_counts()
    {
        var (_, _, manifest) = FourGroups();
        var zone = manifest.Slices[0].RowGroups[3].Blocks[1].Zone;
        Assert.Equal(1000, zone.RowCount);
        Assert.Equal(10, zone.NullCount);
        Assert.Equal("n3", zone.Min.Text);
        var ids = manifest.Slices[0].RowGroups[1].Blocks[0].Zone;
        Assert.Equal((Int128)1000, ids.Min.Integer);
        Assert.Equal((Int128)1999, ids.Max.Integer);
    }
}
