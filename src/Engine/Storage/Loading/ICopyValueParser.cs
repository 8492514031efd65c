using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Loading;

/// <summary>Outcome of parsing one field.</summary>
internal enum FieldStatus : byte
{
    Ok,
    Invalid,
    OutOfRange,
}

/// <summary>
/// Allocation-free text → physical value conversions COPY needs (fields arrive as chars widened from ASCII).
/// One seam so the engine-wide parsers of Types/ can replace the built-in ones without touching the reader.
/// </summary>
internal interface ICopyValueParser
{
    FieldStatus TryParseBoolean(ReadOnlySpan<char> text, out bool value);
    FieldStatus TryParseInt16(ReadOnlySpan<char> text, out short value);
    FieldStatus TryParseInt32(ReadOnlySpan<char> text, out int value);
    FieldStatus TryParseInt64(ReadOnlySpan<char> text, out long value);
    /// <summary>Scaled by 10^scale; extra fraction digits are truncated, or rounded half away from zero when <paramref name="round"/>.</summary>
    FieldStatus TryParseDecimal(ReadOnlySpan<char> text, int precision, int scale, bool round, out Int128 unscaled);
    FieldStatus TryParseDouble(ReadOnlySpan<char> text, out double value);
    FieldStatus TryParseReal(ReadOnlySpan<char> text, out float value);
    /// <summary>DATEFORMAT 'auto': days since 1970-01-01.</summary>
    FieldStatus TryParseDate(ReadOnlySpan<char> text, out int days);
    /// <summary>TIMEFORMAT 'auto': microseconds since the epoch (UTC for TIMESTAMPTZ; offsets honoured there).</summary>
    FieldStatus TryParseTimestamp(ReadOnlySpan<char> text, bool withTimeZone, out long micros);
    FieldStatus TryParseInterval(ReadOnlySpan<char> text, out Interval value);
}
