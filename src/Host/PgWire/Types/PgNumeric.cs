using System.Globalization;
using System.Text;
using ActorWarehouse.Host.PgWire.Buffers;
using ActorWarehouse.Host.PgWire.Protocol;

namespace ActorWarehouse.Host.PgWire.Types;

/// <summary>
/// PostgreSQL's binary numeric: Int16 ndigits, Int16 weight (power of 10000 of the first digit), Int16 sign
/// (0x0000 positive, 0x4000 negative, 0xC000 NaN), Int16 dscale (decimal digits after the point), then ndigits
/// base-10000 digits, most significant first, without leading or trailing zero digits (numeric.c, numeric_send).
/// </summary>
internal static class PgNumeric
{
    private const short Positive = 0x0000;
    private const short Negative = 0x4000;
    private const ushort NaN = 0xC000;

    /// <summary>More base-10000 digits than any numeric the engine (38 digits) or PostgreSQL (131072 + 16383) can hold.</summary>
    private const int MaxDigits = 10_000;

    /// <summary>Writes <paramref name="unscaled"/> × 10^-<paramref name="scale"/> as a DataRow field (length included).</summary>
    public static void Write(MessageWriter writer, Int128 unscaled, int scale)
    {
        bool negative = unscaled < 0;
        Span<char> digits = stackalloc char[48];
        // |Int128.MinValue| is outside every DECIMAL(38); the engine never produces it.
        (negative ? -unscaled : unscaled).TryFormat(digits, out int n, default, CultureInfo.InvariantCulture);
        int intLength = n - scale;
        // Power of ten of digit i is intLength - 1 - i; base-10000 group g covers powers 4g .. 4g+3.
        int topGroup = FloorDiv(Math.Max(intLength, 1) - 1, 4);
        int bottomGroup = FloorDiv(-scale, 4);
        Span<short> groups = stackalloc short[topGroup - bottomGroup + 1];
        groups.Clear();
        for (int i = 0; i < n; i++)
        {
            int power = intLength - 1 - i;
            int g = FloorDiv(power, 4);
            groups[topGroup - g] += (short)((digits[i] - '0') * Pow10(power - 4 * g));
        }
        int first = 0, last = groups.Length - 1;
        while (first <= last && groups[first] == 0) first++;
        while (last >= first && groups[last] == 0) last--;
        int count = last - first + 1;
        writer.WriteInt32(8 + 2 * count);
        writer.WriteInt16((short)count);
        writer.WriteInt16((short)(count == 0 ? 0 : topGroup - first));
        writer.WriteInt16(negative && count > 0 ? Negative : Positive);
        writer.WriteInt16((short)scale);
        for (int i = first; i <= last; i++) writer.WriteInt16(groups[i]);
    }

    /// <summary>Decodes a binary numeric parameter to its text form ("-12.340"), for the engine's text input.</summary>
    public static string ToText(ReadOnlySpan<byte> value)
    {
        var reader = new BodyReader(value);
        int count = reader.ReadInt16();
        int weight = reader.ReadInt16();
        ushort sign = (ushort)reader.ReadInt16();
        int scale = reader.ReadInt16();
        if (count < 0 || count > MaxDigits || scale < 0) throw Invalid();
        if (sign == NaN) return "NaN";
        if (sign != Positive && sign != Negative) throw Invalid();
        Span<short> groups = count <= 64 ? stackalloc short[count] : new short[count];
        for (int i = 0; i < count; i++)
        {
            groups[i] = reader.ReadInt16();
            if (groups[i] is < 0 or > 9999) throw Invalid();
        }
        if (reader.Remaining != 0) throw Invalid();
        var text = new StringBuilder(16 + 4 * count);
        if (sign == Negative) text.Append('-');
        if (weight < 0) text.Append('0');
        for (int g = 0; g <= weight; g++)
        {
            short group = g < count ? groups[g] : (short)0;
            text.Append(group.ToString(g == 0 ? "D1" : "D4", CultureInfo.InvariantCulture));
        }
        if (scale > 0)
        {
            text.Append('.');
            int fractionStart = text.Length;
            for (int g = weight + 1; text.Length - fractionStart < scale; g++)
            {
                short group = g >= 0 && g < count ? groups[g] : (short)0;
                text.Append(group.ToString("D4", CultureInfo.InvariantCulture));
            }
            text.Length = fractionStart + scale;
        }
        return text.ToString();
    }

    private static PgProtocolException Invalid() =>
        new("invalid binary data format for type numeric", WireSqlState.InvalidBinaryRepresentation);

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static short Pow10(int exponent) => exponent switch { 0 => 1, 1 => 10, 2 => 100, _ => 1000 };
}
