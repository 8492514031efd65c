using System.Globalization;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Loading;

/// <summary>The COPY reader's own span parsers (PostgreSQL/Redshift input spellings, leading/trailing blanks ignored).</summary>
internal sealed class BuiltInCopyValueParser : ICopyValueParser
{
    public static readonly BuiltInCopyValueParser Instance = new();

    private static readonly Int128[] PowersOfTen = BuildPowers();

    public FieldStatus TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        value = false;
        if (text.Equals("t", StringComparison.OrdinalIgnoreCase) || text.Equals("true", StringComparison.OrdinalIgnoreCase)
            || text.Equals("1", StringComparison.Ordinal) || text.Equals("y", StringComparison.OrdinalIgnoreCase)
            || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("on", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return FieldStatus.Ok;
        }
        if (text.Equals("f", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase)
            || text.Equals("0", StringComparison.Ordinal) || text.Equals("n", StringComparison.OrdinalIgnoreCase)
            || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.Equals("off", StringComparison.OrdinalIgnoreCase))
            return FieldStatus.Ok;
        return FieldStatus.Invalid;
    }

    public FieldStatus TryParseInt16(ReadOnlySpan<char> text, out short value)
    {
        var status = TryParseInt64(text, out long wide);
        value = (short)wide;
        return status != FieldStatus.Ok ? status : wide == value ? FieldStatus.Ok : FieldStatus.OutOfRange;
    }

    public FieldStatus TryParseInt32(ReadOnlySpan<char> text, out int value)
    {
        var status = TryParseInt64(text, out long wide);
        value = (int)wide;
        return status != FieldStatus.Ok ? status : wide == value ? FieldStatus.Ok : FieldStatus.OutOfRange;
    }

    public FieldStatus TryParseInt64(ReadOnlySpan<char> text, out long value)
    {
        text = text.Trim(' ');
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
        if (i == text.Length) return FieldStatus.Invalid;
        ulong magnitude = 0;
        for (; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit > 9) return FieldStatus.Invalid;
            if (magnitude > (ulong.MaxValue - digit) / 10) return FieldStatus.OutOfRange;
            magnitude = magnitude * 10 + digit;
        }
        if (negative)
        {
            if (magnitude > 1UL << 63) return FieldStatus.OutOfRange;
            value = unchecked(-(long)magnitude);
        }
        else
        {
            if (magnitude > long.MaxValue) return FieldStatus.OutOfRange;
            value = (long)magnitude;
        }
        return FieldStatus.Ok;
    }

    public FieldStatus TryParseDecimal(ReadOnlySpan<char> text, int precision, int scale, bool round, out Int128 unscaled)
    {
        text = text.Trim(' ');
        unscaled = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
        Int128 integerPart = 0;
        int integerDigits = 0, fractionDigits = 0;
        bool anyDigit = false;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
        {
            anyDigit = true;
            if (integerDigits > 0 || text[i] != '0') integerDigits++;
            if (integerDigits > precision) return FieldStatus.OutOfRange;
            integerPart = integerPart * 10 + (text[i] - '0');
        }
        Int128 fraction = 0;
        bool roundUp = false;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                anyDigit = true;
                if (fractionDigits < scale)
                {
                    fraction = fraction * 10 + (text[i] - '0');
                    fractionDigits++;
                }
                else if (fractionDigits == scale)
                {
                    roundUp = round && text[i] >= '5';
                    fractionDigits++;
                }
            }
        }
        if (!anyDigit || i != text.Length) return FieldStatus.Invalid;
        int kept = Math.Min(fractionDigits, scale);
        fraction *= PowersOfTen[scale - kept];
        if (integerDigits > precision - scale) return FieldStatus.OutOfRange;
        Int128 result = integerPart * PowersOfTen[scale] + fraction + (roundUp ? 1 : 0);
        if (result >= PowersOfTen[precision]) return FieldStatus.OutOfRange;
        unscaled = negative ? -result : result;
        return FieldStatus.Ok;
    }

    public FieldStatus TryParseDouble(ReadOnlySpan<char> text, out double value)
    {
        text = text.Trim(' ');
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return FieldStatus.Ok;
        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase)) { value = double.NaN; return FieldStatus.Ok; }
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("infinity", StringComparison.OrdinalIgnoreCase)
            || text.Equals("+infinity", StringComparison.OrdinalIgnoreCase)) { value = double.PositiveInfinity; return FieldStatus.Ok; }
        if (text.Equals("-inf", StringComparison.OrdinalIgnoreCase) || text.Equals("-infinity", StringComparison.OrdinalIgnoreCase))
        { value = double.NegativeInfinity; return FieldStatus.Ok; }
        return FieldStatus.Invalid;
    }

    public FieldStatus TryParseReal(ReadOnlySpan<char> text, out float value)
    {
        var status = TryParseDouble(text, out double wide);
        value = (float)wide;
        return status == FieldStatus.Ok && float.IsInfinity(value) && !double.IsInfinity(wide) ? FieldStatus.OutOfRange : status;
    }

    public FieldStatus TryParseDate(ReadOnlySpan<char> text, out int days)
    {
        text = text.Trim(' ');
        days = 0;
        int position = 0;
        if (!TryParseDatePart(text, ref position, out int y, out int m, out int d) || position != text.Length) return FieldStatus.Invalid;
        return DateFormatPattern.TryMakeDays(y, m, d, out days) ? FieldStatus.Ok : FieldStatus.OutOfRange;
    }

    public FieldStatus TryParseTimestamp(ReadOnlySpan<char> text, bool withTimeZone, out long micros)
    {
        text = text.Trim(' ');
        micros = 0;
        int p = 0;
        if (!TryParseDatePart(text, ref p, out int y, out int mo, out int d)) return FieldStatus.Invalid;
        if (!DateFormatPattern.TryMakeDays(y, mo, d, out int days)) return FieldStatus.OutOfRange;
        long timeMicros = 0;
        if (p < text.Length && (text[p] == ' ' || text[p] == 'T'))
        {
            p++;
            if (!TryTwoDigits(text, ref p, out int hh) || p >= text.Length || text[p++] != ':' || !TryTwoDigits(text, ref p, out int mi))
                return FieldStatus.Invalid;
            int ss = 0;
            long fraction = 0;
            if (p < text.Length && text[p] == ':')
            {
                p++;
                if (!TryTwoDigits(text, ref p, out ss)) return FieldStatus.Invalid;
                if (p < text.Length && text[p] == '.')
                {
                    p++;
                    int digits = 0;
                    for (; p < text.Length && char.IsAsciiDigit(text[p]); p++, digits++)
                        if (digits < 6) fraction = fraction * 10 + (text[p] - '0');
                    if (digits == 0) return FieldStatus.Invalid;
                    for (int k = Math.Min(digits, 6); k < 6; k++) fraction *= 10;
                }
            }
            if (hh > 24 || mi > 59 || ss > 60 || (hh == 24 && (mi | ss) != 0 || hh == 24 && fraction != 0)) return FieldStatus.OutOfRange;
            timeMicros = ((hh * 60L + mi) * 60 + ss) * 1_000_000 + fraction;
        }
        while (p < text.Length && text[p] == ' ') p++;
        long offsetSeconds = 0;
        if (p < text.Length)
        {
            if (text[p] is 'Z' or 'z' && p + 1 == text.Length) p++;
            else if (text[p] is '+' or '-')
            {
                int sign = text[p++] == '-' ? -1 : 1;
                if (!TryTwoDigits(text, ref p, out int oh)) return FieldStatus.Invalid;
                int om = 0;
                if (p < text.Length && text[p] == ':') p++;
                if (p < text.Length && !TryTwoDigits(text, ref p, out om)) return FieldStatus.Invalid;
                offsetSeconds = sign * (oh * 3600L + om * 60L);
            }
            if (p != text.Length) return FieldStatus.Invalid;
            if (!withTimeZone) offsetSeconds = 0; // TIMESTAMP ignores a zone, as PostgreSQL does
        }
        micros = days * 86_400_000_000L + timeMicros - offsetSeconds * 1_000_000;
        return FieldStatus.Ok;
    }

    public FieldStatus TryParseInterval(ReadOnlySpan<char> text, out Interval value)
    {
        value = default;
        text = text.Trim(' ');
        if (text.IsEmpty) return FieldStatus.Invalid;
        int months = 0, days = 0;
        long micros = 0;
        int p = 0;
        while (p < text.Length)
        {
            while (p < text.Length && text[p] == ' ') p++;
            if (p >= text.Length) break;
            int start = p;
            if (text[p] is '-' or '+') p++;
            while (p < text.Length && (char.IsAsciiDigit(text[p]) || text[p] == '.' || text[p] == ':')) p++;
            var number = text.Slice(start, p - start);
            while (p < text.Length && text[p] == ' ') p++;
            int unitStart = p;
            while (p < text.Length && char.IsAsciiLetter(text[p])) p++;
            var unit = text.Slice(unitStart, p - unitStart).ToString().ToLowerInvariant();
            if (number.Contains(':'))
            {
                if (unit.Length != 0 || !TryClock(number, out long clock)) return FieldStatus.Invalid;
                micros += clock;
                continue;
            }
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount)) return FieldStatus.Invalid;
            switch (unit.TrimEnd('s'))
            {
                case "year" or "yr" or "y": months += (int)(amount * 12); break;
                case "mon" or "month": months += (int)amount; break;
                case "week" or "w": days += (int)(amount * 7); break;
                case "day" or "d": days += (int)amount; break;
                case "hour" or "hr" or "h": micros += (long)(amount * 3_600_000_000L); break;
                case "minute" or "min" or "m": micros += (long)(amount * 60_000_000L); break;
                case "second" or "sec" or "" : micros += (long)Math.Round(amount * 1_000_000); break;
                default: return FieldStatus.Invalid;
            }
        }
        value = new Interval(months, days, micros);
        return FieldStatus.Ok;
    }

    private static bool TryClock(ReadOnlySpan<char> text, out long micros)
    {
        micros = 0;
        bool negative = text.Length > 0 && text[0] == '-';
        if (negative || (text.Length > 0 && text[0] == '+')) text = text.Slice(1);
        var parts = text.ToString().Split(':');
        if (parts.Length is < 2 or > 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long h)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long m)) return false;
        double s = 0;
        if (parts.Length == 3 && !double.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out s)) return false;
        micros = (h * 3600 + m * 60) * 1_000_000 + (long)Math.Round(s * 1_000_000);
        if (negative) micros = -micros;
        return true;
    }

    /// <summary>YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD or MM/DD/YYYY; advances <paramref name="p"/>.</summary>
    private static bool TryParseDatePart(ReadOnlySpan<char> text, ref int p, out int year, out int month, out int day)
    {
        year = month = day = 0;
        int start = p;
        int digits = 0;
        while (p + digits < text.Length && char.IsAsciiDigit(text[p + digits])) digits++;
        if (digits == 8)
        {
            year = Number(text.Slice(p, 4)); month = Number(text.Slice(p + 4, 2)); day = Number(text.Slice(p + 6, 2));
            p += 8;
            return true;
        }
        if (digits == 4 && p + 4 < text.Length && text[p + 4] is '-' or '/' or '.')
        {
            char sep = text[p + 4];
            year = Number(text.Slice(p, 4));
            p += 5;
            if (!TryOneOrTwoDigits(text, ref p, out month) || p >= text.Length || text[p++] != sep || !TryOneOrTwoDigits(text, ref p, out day))
                return false;
            return true;
        }
        if (digits is 1 or 2 && p + digits < text.Length && text[p + digits] == '/')
        {
            if (!TryOneOrTwoDigits(text, ref p, out month) || text[p++] != '/' || !TryOneOrTwoDigits(text, ref p, out day)
                || p >= text.Length || text[p++] != '/') return false;
            int yearStart = p;
            while (p < text.Length && char.IsAsciiDigit(text[p])) p++;
            if (p - yearStart != 4) return false;
            year = Number(text.Slice(yearStart, 4));
            return true;
        }
        p = start;
        return false;
    }

    private static bool TryOneOrTwoDigits(ReadOnlySpan<char> text, ref int p, out int value)
    {
        value = 0;
        int start = p;
        while (p < text.Length && p - start < 2 && char.IsAsciiDigit(text[p])) value = value * 10 + (text[p++] - '0');
        return p > start;
    }

    private static bool TryTwoDigits(ReadOnlySpan<char> text, ref int p, out int value)
    {
        value = 0;
        if (p + 2 > text.Length || !char.IsAsciiDigit(text[p]) || !char.IsAsciiDigit(text[p + 1])) return false;
        value = (text[p] - '0') * 10 + (text[p + 1] - '0');
        p += 2;
        return true;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        int value = 0;
        foreach (char c in digits) value = value * 10 + (c - '0');
        return value;
    }

    private static Int128[] BuildPowers()
    {
        var powers = new Int128[39];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10;
        return powers;
    }
}
