using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Types;

/// <summary>
/// PostgreSQL text input for every type. <see cref="Parse"/> returns the boxed physical value (literals,
/// tests); the <c>TryParse…</c> span methods allocate nothing and report a <see cref="ParseStatus"/>
/// (the COPY reader's fast path); <see cref="Error"/> turns a failed status into PostgreSQL's error.
/// </summary>
public static class ValueParser
{
    /// <summary>Parses text into the physical value of <paramref name="type"/>; throws 22P02/22007/22008/22003/22001.</summary>
    public static object Parse(string text, SqlType type)
    {
        switch (type.Id)
        {
            case TypeId.Boolean:
                return TryParseBoolean(text, out bool b) ? b : throw DataErrors.InvalidText(type, text);
            case TypeId.SmallInt:
                return Check(NumberParsing.TryParseInt16(text, out short s), text, type) ? s : default;
            case TypeId.Integer:
                return Check(NumberParsing.TryParseInt32(text, out int i), text, type) ? i : default;
            case TypeId.BigInt:
                return Check(NumberParsing.TryParseInt64(text, out long l), text, type) ? l : default;
            case TypeId.Decimal:
                var (precision, scale) = DecimalShape(type);
                Check(NumberParsing.TryParseDecimal(text, precision, scale, out Int128 wide), text, type);
                return type.IsWideDecimal ? (object)wide : (long)wide;
            case TypeId.Real:
                return Check(NumberParsing.TryParseReal(text, out float f), text, type) ? f : default;
            case TypeId.Double:
                return Check(NumberParsing.TryParseDouble(text, out double d), text, type) ? d : default;
            case TypeId.Char or TypeId.Varchar:
                return ParseString(text, type, isExplicit: false);
            case TypeId.Unknown:
                return text;
            case TypeId.Date:
                return Check(DateTimeParsing.TryParseDate(text, out int days), text, type) ? days : default;
            case TypeId.Timestamp:
                return Check(DateTimeParsing.TryParseTimestamp(text, out long ts), text, type) ? ts : default;
            case TypeId.TimestampTz:
                return Check(DateTimeParsing.TryParseTimestampTz(text, out long tz), text, type) ? tz : default;
            case TypeId.Interval:
                return ParseInterval(text, null);
            default:
                throw SqlException.NotSupported($"input of type {type}");
        }
    }

    /// <summary>Interval input with an optional qualifier ("MINUTE", "DAY TO SECOND") giving a bare number its unit.</summary>
    public static Interval ParseInterval(string text, string? unit)
    {
        var status = IntervalParsing.TryParse(text, unit, out var value);
        if (status != ParseStatus.Ok) throw Error(status, text, SqlType.Interval);
        return value;
    }

    /// <summary>
    /// CHAR/VARCHAR input: CHAR drops trailing blanks (they are insignificant); text longer than the
    /// declared length is an error (22001) unless the excess is blanks, or the cast is explicit (then truncated).
    /// </summary>
    public static string ParseString(string text, SqlType type, bool isExplicit)
    {
        string value = type.Id == TypeId.Char ? text.TrimEnd(' ') : text;
        int limit = type.Length;
        if (limit > 0 && value.Length > limit)
        {
            if (!isExplicit && value.AsSpan(limit).IndexOfAnyExcept(' ') >= 0) throw DataErrors.StringTooLong(type);
            value = value[..limit];
            if (type.Id == TypeId.Char) value = value.TrimEnd(' ');
        }
        return value;
    }

    /// <summary>t/true/y/yes/on/1 and f/false/n/no/off/0, case-insensitive, surrounding blanks ignored (unique prefixes too).</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        value = false;
        if (text.IsEmpty || text.Length > 5) return false;
        Span<char> lower = stackalloc char[text.Length];
        text.ToLowerInvariant(lower);
        if (lower is "1" || IsPrefixOf(lower, "true", 1) || IsPrefixOf(lower, "yes", 1) || lower is "on") { value = true; return true; }
        if (lower is "0" || IsPrefixOf(lower, "false", 1) || IsPrefixOf(lower, "no", 1) || lower is "off" or "of") { value = false; return true; }
        return false;
    }

    private static bool IsPrefixOf(ReadOnlySpan<char> text, string word, int minimum) =>
        text.Length >= minimum && text.Length <= word.Length && word.AsSpan().StartsWith(text);

    public static ParseStatus TryParseInt16(ReadOnlySpan<char> text, out short value) => NumberParsing.TryParseInt16(text, out value);

    public static ParseStatus TryParseInt32(ReadOnlySpan<char> text, out int value) => NumberParsing.TryParseInt32(text, out value);

    public static ParseStatus TryParseInt64(ReadOnlySpan<char> text, out long value) => NumberParsing.TryParseInt64(text, out value);

    /// <summary>DECIMAL(p ≤ 18, s) input straight into the scaled 64-bit value.</summary>
    public static ParseStatus TryParseDecimal(ReadOnlySpan<char> text, int precision, int scale, out long unscaled) =>
        NumberParsing.TryParseDecimal(text, precision, scale, out unscaled);

    /// <summary>DECIMAL(p, s) input into the scaled 128-bit value.</summary>
    public static ParseStatus TryParseDecimal(ReadOnlySpan<char> text, int precision, int scale, out Int128 unscaled) =>
        NumberParsing.TryParseDecimal(text, precision, scale, out unscaled);

    public static ParseStatus TryParseDouble(ReadOnlySpan<char> text, out double value) => NumberParsing.TryParseDouble(text, out value);

    public static ParseStatus TryParseReal(ReadOnlySpan<char> text, out float value) => NumberParsing.TryParseReal(text, out value);

    public static ParseStatus TryParseDate(ReadOnlySpan<char> text, out int days) => DateTimeParsing.TryParseDate(text, out days);

    public static ParseStatus TryParseTimestamp(ReadOnlySpan<char> text, out long micros) => DateTimeParsing.TryParseTimestamp(text, out micros);

    public static ParseStatus TryParseTimestampTz(ReadOnlySpan<char> text, out long micros) => DateTimeParsing.TryParseTimestampTz(text, out micros);

    /// <summary>The PostgreSQL error for a failed parse of <paramref name="text"/> as <paramref name="type"/>.</summary>
    public static SqlException Error(ParseStatus status, string text, SqlType type)
    {
        bool temporal = type.IsTemporal || type.Id == TypeId.Interval;
        if (status == ParseStatus.OutOfRange)
        {
            if (temporal) return DataErrors.DatetimeOverflow(text);
            if (type.Id == TypeId.Decimal) return DataErrors.OutOfRange(type);
            // PostgreSQL words float range errors without the leading "value".
            if (type.IsFloat) return new SqlException(SqlState.NumericValueOutOfRange, $"\"{text}\" is out of range for type {type}");
            return DataErrors.OutOfRangeForType(type, text);
        }
        return temporal ? DataErrors.InvalidDatetime(type, text) : DataErrors.InvalidText(type, text);
    }

    private static bool Check(ParseStatus status, string text, SqlType type) =>
        status == ParseStatus.Ok ? true : throw Error(status, text, type);

    /// <summary>Precision and scale of a DECIMAL, defaulting an unspecified precision to Redshift's (18, 0).</summary>
    public static (int Precision, int Scale) DecimalShape(SqlType type) =>
        type.Precision > 0 ? (type.Precision, type.Scale) : (18, type.Scale);
}
