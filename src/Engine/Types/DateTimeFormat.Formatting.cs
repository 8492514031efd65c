using System.Globalization;
using System.Text;

namespace ActorWarehouse.Engine.Types;

/// <summary>to_char: timestamps rendered with the compiled template.</summary>
public sealed partial class DateTimeFormat
{
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
}
