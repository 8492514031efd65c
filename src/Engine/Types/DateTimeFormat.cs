using System.Globalization;
using System.Text;
using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Types;

/// <summary>
/// A compiled PostgreSQL/Redshift date-time template ('YYYY-MM-DD HH24:MI:SS', 'Mon DD, YYYY', 'MM/DD/YYYY')
/// used by to_char (formatting), to_date/to_timestamp and COPY DATEFORMAT/TIMEFORMAT (parsing).
/// Patterns: YYYY YYY YY Y IYYY MM MON Mon mon MONTH Month month DD DDD D ID DY Dy dy DAY Day day
/// HH HH12 HH24 MI SS MS US FF1–FF6 AM PM A.M. P.M. Q WW IW CC J SSSS, FM (no padding) prefix,
/// TH/th ordinal suffix, "quoted text", and any other character as itself.
/// The special patterns 'auto', 'epochsecs' and 'epochmillisecs' (COPY) read any ISO-like spelling or epoch numbers.
/// </summary>
public sealed class DateTimeFormat
{
    private enum Field
    {
        Literal, Year4, Year3, Year2, Year1, IsoYear, Month, MonthAbbrev, MonthName, Day, DayOfYear, DayOfWeek, IsoDayOfWeek,
        DayAbbrev, DayName, Hour12, Hour24, Minute, Second, Millisecond, Microsecond, Fraction, Meridiem, MeridiemDots,
        Quarter, WeekOfYear, IsoWeek, Century, Julian, SecondsOfDay, Space,
    }

    private enum Case { Upper, Capital, Lower }

    private readonly record struct Token(Field Field, string Text = "", bool FillMode = false, bool Ordinal = false, Case Case = Case.Upper, int Width = 0, bool LowerOrdinal = false);

    private static readonly string[] MonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private readonly Token[] _tokens;
    private readonly Special _special;

    private enum Special { None, Auto, EpochSeconds, EpochMilliseconds }

    private DateTimeFormat(Token[] tokens, Special special)
    {
        _tokens = tokens;
        _special = special;
    }

    public string Pattern { get; private init; } = "";

    public static DateTimeFormat Compile(string pattern)
    {
        string trimmed = pattern.Trim();
        if (trimmed.Equals("auto", StringComparison.OrdinalIgnoreCase)) return new([], Special.Auto) { Pattern = pattern };
        if (trimmed.Equals("epochsecs", StringComparison.OrdinalIgnoreCase)) return new([], Special.EpochSeconds) { Pattern = pattern };
        if (trimmed.Equals("epochmillisecs", StringComparison.OrdinalIgnoreCase)) return new([], Special.EpochMilliseconds) { Pattern = pattern };
        return new(Tokenize(pattern), Special.None) { Pattern = pattern };
    }

    private static Token[] Tokenize(string pattern)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < pattern.Length)
        {
            bool fill = false;
            if (Matches(pattern, i, "FM")) { fill = true; i += 2; if (i >= pattern.Length) break; }
            char c = pattern[i];
            if (c == '"')
            {
                int end = pattern.IndexOf('"', i + 1);
                if (end < 0) end = pattern.Length;
                tokens.Add(new Token(Field.Literal, pattern[(i + 1)..end]));
                i = Math.Min(end + 1, pattern.Length);
                continue;
            }
            if (c == '\\' && i + 1 < pattern.Length)
            {
                tokens.Add(new Token(Field.Literal, pattern[i + 1].ToString()));
                i += 2;
                continue;
            }
            var (field, length, width) = Recognize(pattern, i);
            if (field == Field.Literal)
            {
                tokens.Add(char.IsWhiteSpace(c) ? new Token(Field.Space, c.ToString()) : new Token(Field.Literal, c.ToString()));
                i++;
                continue;
            }
            var textCase = CaseOf(pattern, i, length);
            i += length;
            bool ordinal = false, lowerOrdinal = false;
            if (Matches(pattern, i, "TH")) { ordinal = true; lowerOrdinal = pattern[i] == 't'; i += 2; }
            tokens.Add(new Token(field, pattern.Substring(i - length - (ordinal ? 2 : 0), length), fill, ordinal, textCase, width, lowerOrdinal));
        }
        return [.. tokens];
    }

    private static bool Matches(string pattern, int at, string word) =>
        at + word.Length <= pattern.Length && string.Compare(pattern, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static Case CaseOf(string pattern, int at, int length)
    {
        if (length < 2) return Case.Upper;
        bool firstUpper = char.IsUpper(pattern[at]);
        bool secondUpper = char.IsUpper(pattern[at + 1]);
        return firstUpper && secondUpper ? Case.Upper : firstUpper ? Case.Capital : Case.Lower;
    }

    /// <summary>The longest template pattern at <paramref name="at"/> (longer spellings first).</summary>
    private static (Field Field, int Length, int Width) Recognize(string p, int at)
    {
        (string Word, Field Field, int Width)[] table =
        [
            ("A.M.", Field.MeridiemDots, 4), ("P.M.", Field.MeridiemDots, 4),
            ("HH24", Field.Hour24, 2), ("HH12", Field.Hour12, 2), ("IYYY", Field.IsoYear, 4), ("YYYY", Field.Year4, 4),
            ("SSSS", Field.SecondsOfDay, 5), ("MONTH", Field.MonthName, 9),
            ("FF1", Field.Fraction, 1), ("FF2", Field.Fraction, 2), ("FF3", Field.Fraction, 3),
            ("FF4", Field.Fraction, 4), ("FF5", Field.Fraction, 5), ("FF6", Field.Fraction, 6),
            ("YYY", Field.Year3, 3), ("MON", Field.MonthAbbrev, 3), ("DDD", Field.DayOfYear, 3), ("DAY", Field.DayName, 9),
            ("YY", Field.Year2, 2), ("MM", Field.Month, 2), ("DD", Field.Day, 2), ("DY", Field.DayAbbrev, 3), ("ID", Field.IsoDayOfWeek, 1),
            ("HH", Field.Hour12, 2), ("MI", Field.Minute, 2), ("SS", Field.Second, 2), ("MS", Field.Millisecond, 3), ("US", Field.Microsecond, 6),
            ("AM", Field.Meridiem, 2), ("PM", Field.Meridiem, 2), ("WW", Field.WeekOfYear, 2), ("IW", Field.IsoWeek, 2), ("CC", Field.Century, 2),
            ("Y", Field.Year1, 1), ("D", Field.DayOfWeek, 1), ("Q", Field.Quarter, 1), ("J", Field.Julian, 7),
        ];
        foreach (var (word, field, width) in table)
            if (Matches(p, at, word)) return (field, word.Length, width);
        return (Field.Literal, 1, 0);
    }

    // ------------------------------------------------------------------ formatting (to_char)

    /// <summary>Formats a timestamp (microseconds since the epoch) with the template.</summary>
    public string Format(long micros)
    {
        var (days, ofDay) = CivilCalendar.SplitTimestamp(micros);
        var (y, m, d) = CivilCalendar.FromDays(days);
        int hour = (int)(ofDay / Interval.MicrosPerHour);
        int minute = (int)(ofDay / Interval.MicrosPerMinute % 60);
        int second = (int)(ofDay / Interval.MicrosPerSecond % 60);
        int fraction = (int)(ofDay % Interval.MicrosPerSecond);
        int dow = CivilCalendar.IsoDayOfWeek(days) % 7; // 0 = Sunday
        var sb = new StringBuilder();
        foreach (var t in _tokens)
        {
            switch (t.Field)
            {
                case Field.Literal or Field.Space: sb.Append(t.Text); break;
                case Field.Year4: Number(sb, t, y, 4); break;
                case Field.Year3: Number(sb, t, y % 1000, 3); break;
                case Field.Year2: Number(sb, t, y % 100, 2); break;
                case Field.Year1: Number(sb, t, y % 10, 1); break;
                case Field.IsoYear: Number(sb, t, DateTimeFields.IsoWeek(days).Year, 4); break;
                case Field.Month: Number(sb, t, m, 2); break;
                case Field.MonthAbbrev: Name(sb, t, MonthNames[m - 1][..3], 0); break;
                case Field.MonthName: Name(sb, t, MonthNames[m - 1], 9); break;
                case Field.Day: Number(sb, t, d, 2); break;
                case Field.DayOfYear: Number(sb, t, CivilCalendar.DayOfYear(days), 3); break;
                case Field.DayOfWeek: Number(sb, t, dow + 1, 1); break;
                case Field.IsoDayOfWeek: Number(sb, t, CivilCalendar.IsoDayOfWeek(days), 1); break;
                case Field.DayAbbrev: Name(sb, t, DayNames[dow][..3], 0); break;
                case Field.DayName: Name(sb, t, DayNames[dow], 9); break;
                case Field.Hour12: Number(sb, t, hour % 12 == 0 ? 12 : hour % 12, 2); break;
                case Field.Hour24: Number(sb, t, hour, 2); break;
                case Field.Minute: Number(sb, t, minute, 2); break;
                case Field.Second: Number(sb, t, second, 2); break;
                case Field.Millisecond: Number(sb, t, fraction / 1000, 3); break;
                case Field.Microsecond: Number(sb, t, fraction, 6); break;
                case Field.Fraction: Number(sb, t, fraction / (int)DecimalMath.Pow10Long[6 - t.Width], t.Width); break;
                case Field.Meridiem: sb.Append(Cased(hour < 12 ? "AM" : "PM", t.Case == Case.Upper ? Case.Upper : Case.Lower)); break;
                case Field.MeridiemDots: sb.Append(Cased(hour < 12 ? "A.M." : "P.M.", t.Case == Case.Upper ? Case.Upper : Case.Lower)); break;
                case Field.Quarter: Number(sb, t, (m - 1) / 3 + 1, 1); break;
                case Field.WeekOfYear: Number(sb, t, (CivilCalendar.DayOfYear(days) - 1) / 7 + 1, 2); break;
                case Field.IsoWeek: Number(sb, t, DateTimeFields.IsoWeek(days).Week, 2); break;
                case Field.Century: Number(sb, t, y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100), 2); break;
                case Field.Julian: Number(sb, t, days + 2440588, 1); break;
                case Field.SecondsOfDay: Number(sb, t, (int)(ofDay / Interval.MicrosPerSecond), 1); break;
            }
        }
        return sb.ToString();
    }

    private static void Number(StringBuilder sb, Token t, int value, int width)
    {
        string digits = Math.Abs(value).ToString(CultureInfo.InvariantCulture);
        if (value < 0) sb.Append('-');
        if (!t.FillMode && digits.Length < width) sb.Append('0', width - digits.Length);
        sb.Append(digits);
        if (t.Ordinal) sb.Append(Cased(OrdinalSuffix(Math.Abs(value)), t.LowerOrdinal ? Case.Lower : Case.Upper));
    }

    private static string OrdinalSuffix(int n) =>
        (n % 100) is 11 or 12 or 13 ? "TH" : (n % 10) switch { 1 => "ST", 2 => "ND", 3 => "RD", _ => "TH" };

    private static void Name(StringBuilder sb, Token t, string name, int padTo)
    {
        string text = Cased(name, t.Case);
        sb.Append(text);
        if (!t.FillMode && text.Length < padTo) sb.Append(' ', padTo - text.Length);
    }

    private static string Cased(string text, Case textCase) => textCase switch
    {
        Case.Upper => text.ToUpperInvariant(),
        Case.Lower => text.ToLowerInvariant(),
        _ => char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant(),
    };

    // ------------------------------------------------------------------ parsing (to_date, to_timestamp, COPY)

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
            int start = pos;
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
                default: _ = start; break;
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
