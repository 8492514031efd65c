namespace ActorWarehouse.Engine.Types;

/// <summary>
/// Allocation-free date and timestamp input in the spellings PostgreSQL accepts most often:
/// ISO 'YYYY-MM-DD' (also 'YYYYMMDD', 'YYYY/MM/DD', 'MM/DD/YYYY' as DateStyle MDY, month names
/// 'Jan 8 1999' / '8-Jan-1999' / '1999-Jan-08'), an optional time 'HH:MM[:SS[.ffffff]]' after a blank
/// or 'T', an optional zone ('Z', '+HH', '+HH:MM', '+HHMM', 'UTC', 'GMT'), an optional 'BC'/'AD'.
/// </summary>
public static class DateTimeParsing
{
    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static ParseStatus TryParseDate(ReadOnlySpan<char> text, out int days)
    {
        var status = TryParseParts(text, out var parts);
        days = 0;
        if (status != ParseStatus.Ok) return status;
        days = (int)parts.Days;
        return ParseStatus.Ok;
    }

    /// <summary>Parses a timestamp; a zone in the text is ignored (PostgreSQL does the same for timestamp without time zone).</summary>
    public static ParseStatus TryParseTimestamp(ReadOnlySpan<char> text, out long micros)
    {
        var status = TryParseParts(text, out var parts);
        micros = 0;
        if (status != ParseStatus.Ok) return status;
        micros = parts.Days * Interval.MicrosPerDay + parts.MicrosOfDay;
        return ParseStatus.Ok;
    }

    /// <summary>Parses a timestamptz into a UTC instant; text without a zone is read in <paramref name="defaultOffsetSeconds"/>.</summary>
    public static ParseStatus TryParseTimestampTz(ReadOnlySpan<char> text, out long micros, int defaultOffsetSeconds = 0)
    {
        var status = TryParseParts(text, out var parts);
        micros = 0;
        if (status != ParseStatus.Ok) return status;
        int offset = parts.HasZone ? parts.OffsetSeconds : defaultOffsetSeconds;
        micros = parts.Days * Interval.MicrosPerDay + parts.MicrosOfDay - offset * Interval.MicrosPerSecond;
        return ParseStatus.Ok;
    }

    internal struct Parts
    {
        public long Days;
        public long MicrosOfDay;
        public bool HasZone;
        public int OffsetSeconds;
    }

    internal static ParseStatus TryParseParts(ReadOnlySpan<char> text, out Parts parts)
    {
        parts = default;
        text = text.Trim();
        if (text.IsEmpty) return ParseStatus.InvalidSyntax;
        if (text.Equals("epoch", StringComparison.OrdinalIgnoreCase)) return ParseStatus.Ok;
        if (TryRelativeWord(text, out parts)) return ParseStatus.Ok;

        bool bc = false;
        if (EndsWithWord(text, "BC")) { bc = true; text = text[..^2].TrimEnd(); }
        else if (EndsWithWord(text, "AD")) text = text[..^2].TrimEnd();

        int pos = 0;
        var status = ParseDatePart(text, ref pos, out int year, out int month, out int day);
        if (status != ParseStatus.Ok) return status;
        if (bc) year = 1 - year;

        long timeMicros = 0;
        if (pos < text.Length)
        {
            if (text[pos] is 'T' or 't' || char.IsWhiteSpace(text[pos]))
            {
                pos++;
                while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
            }
            if (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                status = ParseTime(text, ref pos, out timeMicros);
                if (status != ParseStatus.Ok) return status;
            }
            while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
            if (pos < text.Length)
            {
                status = ParseZone(text[pos..], out parts.OffsetSeconds);
                if (status == ParseStatus.InvalidSyntax && char.IsAsciiLetter(text[pos]))
                {
                    // A zone name ('America/New_York', 'EST'): its offset at this wall-clock time.
                    TimeZones.Zone zone;
                    try { zone = TimeZones.Find(text[pos..].ToString()); }
                    catch (Errors.SqlException) { return ParseStatus.InvalidSyntax; }
                    if (!CivilCalendar.IsValid(year, month, day)) return ParseStatus.OutOfRange;
                    long local = CivilCalendar.ToDays(year, month, day) * Interval.MicrosPerDay + timeMicros;
                    parts.OffsetSeconds = (int)(zone.OffsetAtLocal(local) / Interval.MicrosPerSecond);
                    status = ParseStatus.Ok;
                }
                if (status != ParseStatus.Ok) return status;
                parts.HasZone = true;
            }
        }
        if (!CivilCalendar.IsValid(year, month, day)) return ParseStatus.OutOfRange;
        if (year is > 294276 or < -4713) return ParseStatus.OutOfRange;
        parts.Days = CivilCalendar.ToDays(year, month, day);
        parts.MicrosOfDay = timeMicros;
        return ParseStatus.Ok;
    }

    /// <summary>PostgreSQL's special inputs 'now', 'today', 'tomorrow', 'yesterday' (UTC wall clock).</summary>
    private static bool TryRelativeWord(ReadOnlySpan<char> text, out Parts parts)
    {
        parts = default;
        int offsetDays;
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase)) offsetDays = int.MinValue;
        else if (text.Equals("today", StringComparison.OrdinalIgnoreCase)) offsetDays = 0;
        else if (text.Equals("tomorrow", StringComparison.OrdinalIgnoreCase)) offsetDays = 1;
        else if (text.Equals("yesterday", StringComparison.OrdinalIgnoreCase)) offsetDays = -1;
        else return false;
        long now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
        var (days, ofDay) = CivilCalendar.SplitTimestamp(now);
        parts.Days = offsetDays == int.MinValue ? days : days + offsetDays;
        parts.MicrosOfDay = offsetDays == int.MinValue ? ofDay : 0;
        parts.HasZone = true;
        return true;
    }

    private static bool EndsWithWord(ReadOnlySpan<char> text, string word) =>
        text.Length > word.Length && text.EndsWith(word, StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(text[^(word.Length + 1)]);

    private static ParseStatus ParseDatePart(ReadOnlySpan<char> text, ref int pos, out int year, out int month, out int day)
    {
        year = month = day = 0;
        // First field: digits or a month name.
        if (char.IsAsciiLetter(text[pos]))
        {
            // 'Jan 8 1999' or 'January 8, 1999'
            if (!ReadMonthName(text, ref pos, out month)) return ParseStatus.InvalidSyntax;
            SkipSeparators(text, ref pos, allowComma: true);
            if (!ReadNumber(text, ref pos, out day, out _)) return ParseStatus.InvalidSyntax;
            SkipSeparators(text, ref pos, allowComma: true);
            if (!ReadNumber(text, ref pos, out year, out _)) return ParseStatus.InvalidSyntax;
            return ParseStatus.Ok;
        }
        if (!ReadNumber(text, ref pos, out int first, out int firstLength)) return ParseStatus.InvalidSyntax;
        if (pos >= text.Length || text[pos] is ' ' or 'T' or 't')
        {
            // 'YYYYMMDD'
            if (firstLength != 8) return ParseStatus.InvalidSyntax;
            year = first / 10000; month = first / 100 % 100; day = first % 100;
            return ParseStatus.Ok;
        }
        char separator = text[pos];
        if (separator is not ('-' or '/' or '.' or ' ')) return ParseStatus.InvalidSyntax;
        pos++;
        int second;
        bool secondIsMonthName = false;
        if (pos < text.Length && char.IsAsciiLetter(text[pos]))
        {
            if (!ReadMonthName(text, ref pos, out second)) return ParseStatus.InvalidSyntax;
            secondIsMonthName = true;
        }
        else if (!ReadNumber(text, ref pos, out second, out _)) return ParseStatus.InvalidSyntax;
        if (pos >= text.Length || text[pos] != separator) return ParseStatus.InvalidSyntax;
        pos++;
        if (!ReadNumber(text, ref pos, out int third, out _)) return ParseStatus.InvalidSyntax;
        if (firstLength >= 3)
        {
            year = first; month = second; day = third; // Y-M-D
        }
        else if (secondIsMonthName)
        {
            day = first; month = second; year = third; // D-Mon-Y
        }
        else
        {
            month = first; day = second; year = third; // M/D/Y (DateStyle MDY)
        }
        return ParseStatus.Ok;
    }

    private static bool ReadMonthName(ReadOnlySpan<char> text, ref int pos, out int month)
    {
        month = 0;
        int start = pos;
        while (pos < text.Length && char.IsAsciiLetter(text[pos])) pos++;
        var word = text[start..pos];
        if (word.Length < 3) return false;
        for (int m = 0; m < 12; m++)
        {
            if (!word[..3].Equals(MonthNames[m], StringComparison.OrdinalIgnoreCase)) continue;
            if (word.Length > 3 && !FullMonthName(m).AsSpan().StartsWith(word, StringComparison.OrdinalIgnoreCase)) return false;
            month = m + 1;
            return true;
        }
        return false;
    }

    private static string FullMonthName(int m) => m switch
    {
        0 => "january", 1 => "february", 2 => "march", 3 => "april", 4 => "may", 5 => "june",
        6 => "july", 7 => "august", 8 => "september", 9 => "october", 10 => "november", _ => "december",
    };

    private static void SkipSeparators(ReadOnlySpan<char> text, ref int pos, bool allowComma)
    {
        while (pos < text.Length && (char.IsWhiteSpace(text[pos]) || text[pos] is '-' or '/' || (allowComma && text[pos] == ','))) pos++;
    }

    private static bool ReadNumber(ReadOnlySpan<char> text, ref int pos, out int value, out int length)
    {
        value = 0;
        int start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            if (pos - start >= 9) return Fail(out length);
            value = value * 10 + (text[pos] - '0');
            pos++;
        }
        length = pos - start;
        return length > 0;
    }

    private static bool Fail(out int length)
    {
        length = 0;
        return false;
    }

    /// <summary>HH:MM[:SS[.ffffff]]; fractions beyond microseconds round half up like PostgreSQL.</summary>
    internal static ParseStatus ParseTime(ReadOnlySpan<char> text, ref int pos, out long micros)
    {
        micros = 0;
        if (!ReadNumber(text, ref pos, out int hour, out _)) return ParseStatus.InvalidSyntax;
        if (pos >= text.Length || text[pos] != ':') return ParseStatus.InvalidSyntax;
        pos++;
        if (!ReadNumber(text, ref pos, out int minute, out int minuteLength) || minuteLength > 2) return ParseStatus.InvalidSyntax;
        int second = 0;
        long fraction = 0;
        if (pos < text.Length && text[pos] == ':')
        {
            pos++;
            if (!ReadNumber(text, ref pos, out second, out int secondLength) || secondLength > 2) return ParseStatus.InvalidSyntax;
            if (pos < text.Length && text[pos] == '.')
            {
                pos++;
                int digits = 0;
                int roundDigit = 0;
                while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                {
                    if (digits < 6) fraction = fraction * 10 + (text[pos] - '0');
                    else if (digits == 6) roundDigit = text[pos] - '0';
                    digits++;
                    pos++;
                }
                for (int d = digits; d < 6; d++) fraction *= 10;
                if (roundDigit >= 5) fraction++;
            }
        }
        if (hour > 24 || minute > 59 || second > 60) return ParseStatus.OutOfRange;
        long total = hour * Interval.MicrosPerHour + minute * Interval.MicrosPerMinute + second * Interval.MicrosPerSecond + fraction;
        if (total > Interval.MicrosPerDay) return ParseStatus.OutOfRange;
        micros = total;
        return ParseStatus.Ok;
    }

    private static ParseStatus ParseZone(ReadOnlySpan<char> zone, out int offsetSeconds)
    {
        offsetSeconds = 0;
        zone = zone.Trim();
        if (zone.Equals("Z", StringComparison.OrdinalIgnoreCase) || zone.Equals("UTC", StringComparison.OrdinalIgnoreCase)
            || zone.Equals("GMT", StringComparison.OrdinalIgnoreCase) || zone.Equals("UCT", StringComparison.OrdinalIgnoreCase))
            return ParseStatus.Ok;
        if (zone.Length < 2 || zone[0] is not ('+' or '-')) return ParseStatus.InvalidSyntax;
        int sign = zone[0] == '-' ? -1 : 1;
        var body = zone[1..];
        int hours, minutes = 0, seconds = 0;
        int colon = body.IndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(body[..colon], out hours)) return ParseStatus.InvalidSyntax;
            var rest = body[(colon + 1)..];
            int colon2 = rest.IndexOf(':');
            if (colon2 >= 0)
            {
                if (!int.TryParse(rest[..colon2], out minutes) || !int.TryParse(rest[(colon2 + 1)..], out seconds)) return ParseStatus.InvalidSyntax;
            }
            else if (!int.TryParse(rest, out minutes)) return ParseStatus.InvalidSyntax;
        }
        else
        {
            foreach (char c in body) if (!char.IsAsciiDigit(c)) return ParseStatus.InvalidSyntax;
            if (body.Length <= 2) hours = int.Parse(body);
            else if (body.Length == 4) { hours = int.Parse(body[..2]); minutes = int.Parse(body[2..]); }
            else return ParseStatus.InvalidSyntax;
        }
        if (hours > 15 || minutes > 59 || seconds > 59) return ParseStatus.OutOfRange;
        offsetSeconds = sign * (hours * 3600 + minutes * 60 + seconds);
        return ParseStatus.Ok;
    }
}
