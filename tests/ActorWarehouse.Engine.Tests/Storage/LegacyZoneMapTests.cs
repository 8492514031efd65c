using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Storage.StorageTestData;

namespace ActorWarehouse.Engine.Tests.Storage;

/// <summary>
/// Manifests of format 1 hold text zone maps chosen in UTF-16 order; read now, where bounds compare in code point
/// order, they must never prune a row group that matches.
/// </summary>
public sealed class LegacyZoneMapTests
{
    private const string Halfwidth = "\uFF71";       // U+FF71: above the surrogates in UTF-16 order
    private const string Emoji = "\U0001F600";       // U+1F600: D83D DE00 in UTF-16, so below U+FF71 there

    private static readonly TableLayout Words = Layout(DistStyle.Even, slices: 1, columns: new[] { ("id", SqlType.Integer), ("word", SqlType.Text) });

    /// <summary>One row group of <paramref name="words"/> whose text zone map is replaced by <paramref name="zone"/>, read back from <paramref name="format"/>.</summary>
    private static RowGroup Reload(string[] words, Func<ZoneMap, ZoneMap> zone, byte format)
    {
        var writer = new TableWriter(new InMemoryBlockStore(), Words, TableManifest.Empty(Words));
        writer.Append(new Batch(new ColumnVector[] { Ints(Enumerable.Range(0, words.Length).ToArray()), Strings(words) }, words.Length));
        var manifest = writer.Commit();
        var group = manifest.Slices[0].RowGroups[0];
        var blocks = group.Blocks.ToArray();
        blocks[1] = blocks[1] with { Zone = zone(blocks[1].Zone) };
        var bytes = ManifestSerializer.Serialize(manifest.WithSlice(new SliceManifest(0, [group with { Blocks = blocks }])));
        bytes[4] = format; // the version byte after the magic number
        return ManifestSerializer.Deserialize(bytes).Slices[0].RowGroups[0];
    }

    private static bool MayMatch(RowGroup group, ZoneOp op, string constant) =>
        new ZonePruner(ZonePredicate.Of(new ZoneTerm(1, op, constant)), Words).MayMatch(group);

    /// <summary>What an old build wrote for { U+FF71, U+1F600 }: ordinal UTF-16 order puts the emoji first.</summary>
    private static ZoneMap Utf16Order(ZoneMap zone) => zone with { Min = ZoneValue.OfText(Emoji), Max = ZoneValue.OfText(Halfwidth) };

    [Fact]
    public void A_format_1_text_zone_map_with_supplementary_characters_does_not_prune_a_matching_row_group()
    {
        var old = Reload([Halfwidth, Emoji], Utf16Order, format: 1);
        Assert.True(MayMatch(old, ZoneOp.Equal, Emoji));
        Assert.True(MayMatch(old, ZoneOp.GreaterOrEqual, Emoji));
        Assert.True(MayMatch(old, ZoneOp.LessOrEqual, Halfwidth));
        Assert.Equal(2, old.Blocks[1].Zone.RowCount); // null counts and row counts stay usable
    }

    [Fact]
    public void The_same_bounds_in_the_current_format_are_trusted()
    {
        // Shows what the format-1 reading guards against: taken as code point order these bounds exclude the emoji.
        var current = Reload([Halfwidth, Emoji], Utf16Order, format: 2);
        Assert.False(MayMatch(current, ZoneOp.Equal, Emoji));
        var written = Reload([Halfwidth, Emoji], z => z, format: 2);
        Assert.True(MayMatch(written, ZoneOp.Equal, Emoji));
        Assert.False(MayMatch(written, ZoneOp.Less, Halfwidth));
    }

    [Fact]
    public void Format_1_bounds_below_the_surrogates_still_prune()
    {
        var old = Reload(["apple", "pear"], z => z, format: 1);
        Assert.False(MayMatch(old, ZoneOp.Equal, "zebra"));
        Assert.False(MayMatch(old, ZoneOp.Less, "apple"));
        Assert.True(MayMatch(old, ZoneOp.Equal, "kiwi"));
    }

    [Fact]
    public void Only_the_bound_holding_a_high_character_is_dropped()
    {
        // Min "a" is safe in both orders; max U+FF71 may be too low in code point order (an emoji sorts above it).
        var old = Reload(["a", Halfwidth], z => z, format: 1);
        Assert.False(MayMatch(old, ZoneOp.Less, "a"));
        Assert.True(MayMatch(old, ZoneOp.Equal, Emoji));
        Assert.True(old.Blocks[1].Zone.MaxUnbounded);
    }
}
