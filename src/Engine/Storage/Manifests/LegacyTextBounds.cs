namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Text zone maps of manifest format 1 chose min/max in .NET ordinal (UTF-16 code unit) order; later formats
/// compare in code point order (<see cref="ZoneValue.Compare"/>). The orders differ only where, at the first
/// position two strings differ, one has a surrogate (U+D800..U+DFFF) and the other a char in U+E000..U+FFFF.
/// So an old bound with no char at or above U+D800 is still a bound in code point order: at its first
/// difference from any value its char is below U+D800, where both orders agree (and a prefix sorts first in
/// both). A bound with such a char may be wrong and would prune a block that matches: it is dropped — the
/// minimum becomes "" (below every string) and the maximum unbounded. Pruning only loses precision.
/// </summary>
internal static class LegacyTextBounds
{
    public static ZoneMap ToCodePointOrder(ZoneMap zone)
    {
        if (!zone.HasRange || zone.Min.Text is not { } min) return zone; // not text, or only NULLs
        bool minHolds = BelowSurrogates(min);
        bool maxHolds = zone.MaxUnbounded || BelowSurrogates(zone.Max.Text ?? "");
        if (minHolds && maxHolds) return zone;
        return zone with
        {
            Min = minHolds ? zone.Min : ZoneValue.OfText(""),
            Max = maxHolds ? zone.Max : ZoneValue.OfText(""),
            MaxUnbounded = !maxHolds || zone.MaxUnbounded,
        };
    }

    private static bool BelowSurrogates(string text) => text.AsSpan().IndexOfAnyInRange('\uD800', '\uFFFF') < 0;
}
