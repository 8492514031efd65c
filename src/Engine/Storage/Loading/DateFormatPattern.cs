namespace ActorWarehouse.Engine.Storage.Loading;

/// <summary>
/// An explicit DATEFORMAT/TIMEFORMAT pattern: YYYY, YY, MM, MON (month abbreviation), DD, HH24, HH/HH12, MI,
/// SS (optionally followed by a fraction in the data), US, MS, AM/PM; any other character must match itself.
/// Matching is case-insensitive for the pattern's keywords.
/// </summary>
internal sealed class DateFormatPattern
{
    private enum Part : byte { Literal, Year4, Year2, Month, MonthName, Day, Hour24, Hour12, Minute, Second, Micros, Millis, Meridiem }

    private static readonly string[] MonthNames = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
    private readonly List<(Part Part, char Literal)> _parts = new();

    public DateFormatPattern(string pattern)
    {
        var upper = pattern.ToUpperInvariant();
        int i = 0;
        while (i < upper.Length)
        {
            if (Take(upper, ref i, "YYYY")) _parts.Add((Part.Year4, '\0'));
            else if (Take(upper, ref i, "YY")) _parts.Add((Part.Year2, '\0'));
            else if (Take(upper, ref i, "MON")) _parts.Add((Part.MonthName, '\0'));
            else if (Take(upper, ref i, "MM")) _parts.Add((Part.Month, '\0'));
            else if (Take(upper, ref i, "DD")) _parts.Add((Part.Day, '\0'));
            else if (Take(upper, ref i, "HH24")) _parts.Add((Part.Hour24, '\0'));
            else if (Take(upper, ref i, "HH12") || Take(upper, ref i, "HH")) _parts.Add((Part.Hour12, '\0'));
            else if (Take(upper, ref i, "MI")) _parts.Add((Part.Minute, '\0'));
            else if (Take(upper, ref i, "SS")) _parts.Add((Part.Second, '\0'));
            else if (Take(upper, ref i, "US")) _parts.Add((Part.Micros, '\0'));
            else if (Take(upper, ref i, "MS")) _parts.Add((Part.Millis, '\0'));
            else if (Take(upper, ref i, "AM") || Take(upper, ref i, "PM")) _parts.Add((Part.Meridiem, '\0'));
            else _parts.Add((Part.Literal, pattern[i++]));
        }
    }

    public bool HasMeridiem => _parts.Exists(p => p.Part == Part.Meridiem);

    /// <summary>Parses to microseconds since the epoch (dates: midnight). False when the text does not fit.</summary>
    public FieldStatus TryParse(ReadOnlySpan<char> text, out long micros)
    {
        micros = 0;
        text = text.Trim(' ');
        int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
        long fraction = 0;
        bool pm = false, hasMeridiem = HasMeridiem;
        int p = 0;
        foreach (var (part, literal) in _parts)
        {
            switch (part)
            {
                case Part.Literal:
                    if (p >= text.Length || text[p] != literal) return FieldStatus.Invalid;
                    p++;
                    break;
                case Part.Year4: if (!Digits(text, ref p, 4, 4, out year)) return FieldStatus.Invalid; break;
                case Part.Year2:
                    if (!Digits(text, ref p, 2, 2, out year)) return FieldStatus.Invalid;
                    year += year < 70 ? 2000 : 1900;
                    break;
                case Part.Month: if (!Digits(text, ref p, 1, 2, out month)) return FieldStatus.Invalid; break;
                case Part.MonthName:
                    if (p + 3 > text.Length) return FieldStatus.Invalid;
                    month = Array.IndexOf(MonthNames, text.Slice(p, 3).ToString().ToUpperInvariant()) + 1;
                    if (month == 0) return FieldStatus.Invalid;
                    p += 3;
                    break;
                case Part.Day: if (!Digits(text, ref p, 1, 2, out day)) return FieldStatus.Invalid; break;
                case Part.Hour24: if (!Digits(text, ref p, 1, 2, out hour)) return FieldStatus.Invalid; break;
                case Part.Hour12: if (!Digits(text, ref p, 1, 2, out hour)) return FieldStatus.Invalid; break;
                case Part.Minute: if (!Digits(text, ref p, 1, 2, out minute)) return FieldStatus.Invalid; break;
                case Part.Second:
                    if (!Digits(text, ref p, 1, 2, out second)) return FieldStatus.Invalid;
                    if (p < text.Length && text[p] == '.' && (p + 1 < text.Length && char.IsAsciiDigit(text[p + 1])))
                    {
                        p++;
                        int digits = 0;
                        for (; p < text.Length && char.IsAsciiDigit(text[p]); p++, digits++)
                            if (digits < 6) fraction = fraction * 10 + (text[p] - '0');
                        for (int k = Math.Min(digits, 6); k < 6; k++) fraction *= 10;
                    }
                    break;
                case Part.Micros: if (!Digits(text, ref p, 1, 6, out int us)) return FieldStatus.Invalid; fraction = us; break;
                case Part.Millis: if (!Digits(text, ref p, 1, 3, out int ms)) return FieldStatus.Invalid; fraction = ms * 1000L; break;
                case Part.Meridiem:
                    if (p + 2 > text.Length) return FieldStatus.Invalid;
                    var m = text.Slice(p, 2);
                    if (m.Equals("PM", StringComparison.OrdinalIgnoreCase)) pm = true;
                    else if (!m.Equals("AM", StringComparison.OrdinalIgnoreCase)) return FieldStatus.Invalid;
                    p += 2;
                    break;
            }
        }
        if (p != text.Length) return FieldStatus.Invalid;
        if (hasMeridiem)
        {
            if (hour is < 1 or > 12) return FieldStatus.OutOfRange;
            hour = hour % 12 + (pm ? 12 : 0);
        }
        if (hour > 23 || minute > 59 || second > 59) return FieldStatus.OutOfRange;
        if (!TryMakeDays(year, month, day, out int days)) return FieldStatus.OutOfRange;
        micros = days * 86_400_000_000L + ((hour * 60L + minute) * 60 + second) * 1_000_000 + fraction;
        return FieldStatus.Ok;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date in years 1..9999.</summary>
    public static bool TryMakeDays(int year, int month, int day, out int days)
    {
        days = 0;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        days = new DateOnly(year, month, day).DayNumber - EpochDayNumber;
        return true;
    }

    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private static bool Take(string pattern, ref int i, string token)
    {
        if (string.CompareOrdinal(pattern, i, token, 0, token.Length) != 0) return false;
        i += token.Length;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, ref int p, int min, int max, out int value)
    {
        value = 0;
        int start = p;
        while (p < text.Length && p - start < max && char.IsAsciiDigit(text[p])) value = value * 10 + (text[p++] - '0');
        return p - start >= min;
    }
}
