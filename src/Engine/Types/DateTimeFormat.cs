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
public sealed partial class DateTimeFormat
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
}
