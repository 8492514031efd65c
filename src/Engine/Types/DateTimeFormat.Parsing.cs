using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Types;

/// <summary>to_date, to_timestamp and COPY DATEFORMAT/TIMEFORMAT: text read with the compiled template.</summary>
public sealed partial class DateTimeFormat
{
    /// <summary>Reads a timestamp. Literal characters in the template skip one input character; blanks skip blanks.</summary>
    public ParseStatus TryParse(ReadOnlySpan<char> text, out long micros)
    {
        micros = 0;
        switch (_special)
        {
            case Special.Auto:
                return DateTimeParsing.TryParseTimestamp(text, out micros);
            case Special.EpochSeconds or Special.EpochMilliseconds:
            {
                var status = NumberParsing.TryParseDecimal(text, 38, 6, out Int128 value);
                if (status != ParseStatus.Ok) return status;
                var scaled = _special == Special.EpochSeconds ? value : value / 1000;
                if (scaled > long.MaxValue || scaled < long.MinValue) return ParseStatus.OutOfRange;
                micros = (long)scaled;
                return ParseStatus.Ok;
            }
        }
        int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, dayOfYear = 0;
        long fraction = 0;
        bool pm = false, hasMeridiem = false, hour12 = false, bc = false;
        int pos = 0;
        for (int k = 0; k < _tokens.Length; k++)
        {
            var t = _tokens[k];
            bool last = k == _tokens.Length - 1;
            switch (t.Field)
            {
                case Field.Space:
                    while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
                    continue;
                case Field.Literal:
                    for (int c = 0; c < t.Text.Length && pos < text.Length; c++)
                    {
                        if (char.IsWhiteSpace(t.Text[c])) { while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++; continue; }
                        pos++;
                    }
                    continue;
            }
            while (pos < text.Length && char.IsWhiteSpace(text[pos]) && t.Field is not (Field.MonthName or Field.DayName)) pos++;
            int value;
            switch (t.Field)
            {
                case Field.MonthAbbrev or Field.MonthName:
                    if (!ReadName(text, ref pos, MonthNames, t.Field == Field.MonthAbbrev, out value)) return ParseStatus.InvalidSyntax;
                    month = value + 1;
                    continue;
                case Field.DayAbbrev or Field.DayName:
                    if (!ReadName(text, ref pos, DayNames, t.Field == Field.DayAbbrev, out _)) return ParseStatus.InvalidSyntax;
                    continue;
                case Field.Meridiem or Field.MeridiemDots:
                {
                    hasMeridiem = true;
                    if (pos >= text.Length) return ParseStatus.InvalidSyntax;
                    char first = char.ToUpperInvariant(text[pos]);
                    if (first is not ('A' or 'P')) return ParseStatus.InvalidSyntax;
                    pm = first == 'P';
                    pos += Math.Min(t.Field == Field.MeridiemDots ? 4 : 2, text.Length - pos);
                    continue;
                }
            }
            int width = t.Field switch
            {
                Field.Year4 or Field.IsoYear => last || NextIsLiteral(k) ? 9 : 4,
                Field.Julian or Field.SecondsOfDay => 9,
                _ => t.Width,
            };
            if (!ReadDigits(text, ref pos, width, out value, out int digitCount)) return ParseStatus.InvalidSyntax;
            if (t.Ordinal) pos = Math.Min(pos + 2, text.Length);
            switch (t.Field)
            {
                case Field.Year4 or Field.IsoYear: year = value; break;
                case Field.Year3: year = 2000 + value; break;
                case Field.Year2: year = value < 70 ? 2000 + value : 1900 + value; break;
                case Field.Year1: year = 2000 + value; break;
                case Field.Month: month = value; break;
                case Field.Day: day = value; break;
                case Field.DayOfYear: dayOfYear = value; break;
                case Field.Hour12: hour = value; hour12 = true; break;
                case Field.Hour24: hour = value; break;
                case Field.Minute: minute = value; break;
                case Field.Second:
                    second = value;
                    // COPY time formats often omit the fraction from the template: accept '.ffffff' after SS.
                    if (pos < text.Length && text[pos] == '.' && (last || _tokens[k + 1].Field is not (Field.Literal or Field.Millisecond or Field.Microsecond or Field.Fraction)))
                    {
                        pos++;
                        if (!ReadDigits(text, ref pos, 6, out int f, out int n)) return ParseStatus.InvalidSyntax;
                        fraction = f * DecimalMath.Pow10Long[6 - n];
                    }
                    break;
                case Field.Millisecond: fraction = value * 1000L; break;
                case Field.Microsecond or Field.Fraction: fraction = value * DecimalMath.Pow10Long[Math.Max(0, 6 - digitCount)]; break;
                case Field.Julian: { var (jy, jm, jd) = CivilCalendar.FromDays(value - 2440588); year = jy; month = jm; day = jd; break; }
                case Field.SecondsOfDay: hour = value / 3600; minute = value / 60 % 60; second = value % 60; break;
            }
        }
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
        if (pos < text.Length)
        {
            var rest = text[pos..];
            if (rest.Equals("BC", StringComparison.OrdinalIgnoreCase)) bc = true;
            else if (!rest.Equals("AD", StringComparison.OrdinalIgnoreCase)) return ParseStatus.InvalidSyntax;
        }
        if (hour12 || hasMeridiem)
        {
            if (hour is < 1 or > 12) return ParseStatus.OutOfRange;
            if (hasMeridiem) hour = pm ? hour % 12 + 12 : hour % 12;
        }
        if (bc) year = 1 - year;
        if (year is > 294276 or < -4713) return ParseStatus.OutOfRange;
        int days;
        if (dayOfYear > 0)
        {
            if (dayOfYear > (CivilCalendar.IsLeapYear(year) ? 366 : 365)) return ParseStatus.OutOfRange;
            days = CivilCalendar.ToDays(year, 1, 1) + dayOfYear - 1;
        }
        else
        {
            if (!CivilCalendar.IsValid(year, month, day)) return ParseStatus.OutOfRange;
            days = CivilCalendar.ToDays(year, month, day);
        }
        if (hour > 24 || minute > 59 || second > 60) return ParseStatus.OutOfRange;
        micros = days * Interval.MicrosPerDay + hour * Interval.MicrosPerHour + minute * Interval.MicrosPerMinute + second * Interval.MicrosPerSecond + fraction;
        return ParseStatus.Ok;
    }

    /// <summary>Reads a date (the time part of the template, if any, is read and dropped).</summary>
    public ParseStatus TryParseDate(ReadOnlySpan<char> text, out int days)
    {
        days = 0;
        if (_special == Special.Auto) return DateTimeParsing.TryParseDate(text, out days);
        var status = TryParse(text, out long micros);
        if (status == ParseStatus.Ok) days = CivilCalendar.SplitTimestamp(micros).Days;
        return status;
    }

    private bool NextIsLiteral(int k) => k + 1 < _tokens.Length && _tokens[k + 1].Field is Field.Literal or Field.Space;

    private static bool ReadDigits(ReadOnlySpan<char> text, ref int pos, int width, out int value, out int count)
    {
        value = 0;
        count = 0;
        bool negative = false;
        if (pos < text.Length && text[pos] == '-' && width >= 4) { negative = true; pos++; }
        while (pos < text.Length && count < width && char.IsAsciiDigit(text[pos]))
        {
            value = value * 10 + (text[pos] - '0');
            pos++;
            count++;
        }
        if (negative) value = -value;
        return count > 0;
    }

    private static bool ReadName(ReadOnlySpan<char> text, ref int pos, string[] names, bool abbreviation, out int index)
    {
        for (index = 0; index < names.Length; index++)
        {
            var candidate = abbreviation ? names[index].AsSpan(0, 3) : names[index].AsSpan();
            if (text[pos..].StartsWith(candidate, StringComparison.OrdinalIgnoreCase))
            {
                pos += candidate.Length;
                return true;
            }
        }
        // Full-name templates also accept abbreviations.
        if (!abbreviation) return ReadName(text, ref pos, names, true, out index);
        return false;
    }

    /// <summary>The PostgreSQL-style error for text that does not fit the template.</summary>
    public SqlException Error(ParseStatus status, string text, SqlType type) =>
        status == ParseStatus.OutOfRange
            ? DataErrors.DatetimeOverflow(text)
            : new SqlException(SqlState.InvalidDatetimeFormat, $"invalid value \"{text}\" for \"{Pattern}\"", detail: $"Value does not match the format for type {type}.");
}
