using System.Globalization;
using System.Numerics;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Host.SqlLogic;

/// <summary>
/// Turns a text-format result value and its RowDescription type OID into the <see cref="SltValue"/> the
/// embedded runner would have produced: integers, floats, booleans and numerics become the engine's
/// physical values (so the I/R renderings truncate and round the same way); every value keeps the
/// server's text. OIDs are PostgreSQL's (shared/docs/pgwire-notes.md 1.9).
/// </summary>
public static class WireTypes
{
    /// <summary>Stands in for temporal and other non-numeric, non-text values: rendered from their text.</summary>
    private sealed record TextOnly(string Text);

    public static SqlType SqlTypeOf(uint oid) => oid switch
    {
        16 => SqlType.Boolean,
        21 => SqlType.SmallInt,
        23 => SqlType.Integer,
        20 => SqlType.BigInt,
        700 => SqlType.Real,
        701 => SqlType.Double,
        1700 => SqlType.Decimal(38, 0),
        1082 => SqlType.Date,
        1114 => SqlType.Timestamp,
        1184 => SqlType.TimestampTz,
        1186 => SqlType.Interval,
        1042 => SqlType.Char(0),
        _ => SqlType.Text,
    };

    public static SltValue Value(string text, uint oid)
    {
        switch (oid)
        {
            case 16: return new SltValue(text is "t" or "true", SqlType.Boolean, text);
            case 21 when short.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out short s): return new SltValue(s, SqlType.SmallInt, text);
            case 23 when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i): return new SltValue(i, SqlType.Integer, text);
            case 20 when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l): return new SltValue(l, SqlType.BigInt, text);
            case 700: return new SltValue(ParseFloat(text) is { } f ? (float)f : text, SqlType.Real, text);
            case 701: return new SltValue(ParseFloat(text) is { } d ? d : text, SqlType.Double, text);
            case 1700: return Numeric(text);
            case 1082 or 1114 or 1184 or 1186 or 1083 or 1266: return new SltValue(new TextOnly(text), SqlTypeOf(oid), text);
            default: return new SltValue(text, SqlTypeOf(oid), text);
        }
    }

    private static double? ParseFloat(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null,
    };

    /// <summary>A numeric as the engine holds a decimal: the unscaled integer (long up to 18 digits, else Int128) and its scale.</summary>
    private static SltValue Numeric(string text)
    {
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        int scale = dot < 0 ? 0 : text.Length - dot - 1;
        string digits = dot < 0 ? text : string.Concat(text.AsSpan(0, dot), text.AsSpan(dot + 1));
        if (!BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unscaled)
            || BigInteger.Abs(unscaled) >= BigInteger.Pow(10, 38) || scale > 38)
            return new SltValue(text, SqlType.Text, text); // NaN or beyond DECIMAL(38): rendered from the text
        if (BigInteger.Abs(unscaled) < BigInteger.Pow(10, 18))
            return new SltValue((long)unscaled, SqlType.Decimal(18, scale), text);
        return new SltValue((Int128)unscaled, SqlType.Decimal(38, scale), text);
    }
}
