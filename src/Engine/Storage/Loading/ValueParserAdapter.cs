using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Loading;

/// <summary>
/// COPY's default conversions: the engine-wide span parsers of <see cref="ValueParser"/> (PostgreSQL input
/// rules), with two COPY-specific differences. Decimals with more fraction digits than the scale are
/// truncated (or rounded with ROUNDEC), as Redshift's COPY does, so they use the built-in parser; and dates and
/// timestamps that PostgreSQL syntax rejects get a second chance with Redshift's extra 'auto' spellings
/// (YYYYMMDD, YYYY/MM/DD, MM/DD/YYYY, ...).
/// </summary>
internal sealed class ValueParserAdapter : ICopyValueParser
{
    public static readonly ValueParserAdapter Instance = new();
    private static readonly BuiltInCopyValueParser Fallback = BuiltInCopyValueParser.Instance;

    public FieldStatus TryParseBoolean(ReadOnlySpan<char> text, out bool value) =>
        ValueParser.TryParseBoolean(text, out value) ? FieldStatus.Ok : FieldStatus.Invalid;

    public FieldStatus TryParseInt16(ReadOnlySpan<char> text, out short value) => Map(ValueParser.TryParseInt16(text, out value));

    public FieldStatus TryParseInt32(ReadOnlySpan<char> text, out int value) => Map(ValueParser.TryParseInt32(text, out value));

    public FieldStatus TryParseInt64(ReadOnlySpan<char> text, out long value) => Map(ValueParser.TryParseInt64(text, out value));

    public FieldStatus TryParseDecimal(ReadOnlySpan<char> text, int precision, int scale, bool round, out Int128 unscaled) =>
        Fallback.TryParseDecimal(text, precision, scale, round, out unscaled);

    public FieldStatus TryParseDouble(ReadOnlySpan<char> text, out double value) => Map(ValueParser.TryParseDouble(text, out value));

    public FieldStatus TryParseReal(ReadOnlySpan<char> text, out float value) => Map(ValueParser.TryParseReal(text, out value));

    public FieldStatus TryParseDate(ReadOnlySpan<char> text, out int days)
    {
        var status = Map(ValueParser.TryParseDate(text, out days));
        return status == FieldStatus.Invalid ? Fallback.TryParseDate(text, out days) : status;
    }

    public FieldStatus TryParseTimestamp(ReadOnlySpan<char> text, bool withTimeZone, out long micros)
    {
        var status = Map(withTimeZone ? ValueParser.TryParseTimestampTz(text, out micros) : ValueParser.TryParseTimestamp(text, out micros));
        return status == FieldStatus.Invalid ? Fallback.TryParseTimestamp(text, withTimeZone, out micros) : status;
    }

    public FieldStatus TryParseInterval(ReadOnlySpan<char> text, out Interval value)
    {
        try
        {
            value = ValueParser.ParseInterval(text.ToString(), null);
            return FieldStatus.Ok;
        }
        catch (Errors.SqlException)
        {
            return Fallback.TryParseInterval(text, out value);
        }
    }

    private static FieldStatus Map(ParseStatus status) => status switch
    {
        ParseStatus.Ok => FieldStatus.Ok,
        ParseStatus.OutOfRange => FieldStatus.OutOfRange,
        _ => FieldStatus.Invalid,
    };
}
