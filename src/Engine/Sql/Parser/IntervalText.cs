using System.Globalization;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>Interval qualifier fields, largest first.</summary>
internal enum IntervalField { Year, Month, Day, Hour, Minute, Second }

/// <summary>
/// Evaluates interval literal text the way PostgreSQL reads it (postgres style input):
/// <c>'3 months'</c>, <c>'1 year 2 mons'</c>, <c>'1 day 02:03:04.5'</c>, <c>'-1 week'</c>, <c>'2 hours ago'</c>,
/// <c>'1-2'</c> (years-months), <c>'10:00'</c>, and a bare number whose unit comes from the qualifier
/// (<c>interval '90' day</c>) or is seconds. Fractions spill into smaller units (a month is 30 days,
/// a day 24 hours). With a qualifier, fields below its last field are cleared.
/// </summary>
internal static class IntervalText
{
    /// <summary>Returns false when the text is not a valid interval.</summary>
    public static bool TryParse(string text, IntervalField? from, IntervalField? to, out Interval value)
    {
        value = default;
        IntervalField? last = to ?? from;
        string s = text.Trim();
        if (s.StartsWith('@'))
        {
            s = s[1..].TrimStart();
        }
        if (s.Length == 0)
        {
            return false;
        }
        double months = 0, days = 0, micros = 0;
        bool any = false;
        bool ago = false;
        int i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }
            if (i >= s.Length)
            {
                break;
            }
            int tokenStart = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]))
            {
                i++;
            }
            string token = s[tokenStart..i];
            if (token.Equals("ago", StringComparison.OrdinalIgnoreCase))
            {
                ago = true;
                continue;
            }
            if (token.Contains(':'))
            {
                if (!TryParseTime(token, last, out double timeMicros))
                {
                    return false;
                }
                micros += timeMicros;
                any = true;
                continue;
            }
            if (TryParseYearMonth(token, out int ym))
            {
                months += ym;
                any = true;
                continue;
            }
            // number, optionally glued to its unit ("3days" is accepted by PostgreSQL too).
            int unitStart = 0;
            while (unitStart < token.Length && (char.IsAsciiDigit(token[unitStart]) || token[unitStart] is '.' or '+' or '-'))
            {
                unitStart++;
            }
            if (unitStart == 0 || !double.TryParse(token.AsSpan(0, unitStart), NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                return false;
            }
            string unit = token[unitStart..];
            if (unit.Length == 0)
            {
                // unit in the next word, or none
                int j = i;
                while (j < s.Length && char.IsWhiteSpace(s[j]))
                {
                    j++;
                }
                int k = j;
                while (k < s.Length && char.IsAsciiLetter(s[k]))
                {
                    k++;
                }
                string next = s[j..k];
                if (next.Length > 0 && !next.Equals("ago", StringComparison.OrdinalIgnoreCase) && (k == s.Length || char.IsWhiteSpace(s[k])))
                {
                    unit = next;
                    i = k;
                }
            }
            if (unit.Length == 0)
            {
                // SQL-standard "d h[:m[:s]]" under DAY TO ...: a leading bare number is the start field;
                // otherwise a bare number takes the qualifier's last field (or seconds).
                bool moreFollows = s.AsSpan(i).Trim().Length > 0;
                IntervalField f = from is { } first && to is not null && moreFollows && !any ? first : last ?? IntervalField.Second;
                unit = f.ToString();
            }
            if (!Apply(unit.ToLowerInvariant(), number, ref months, ref days, ref micros))
            {
                return false;
            }
            any = true;
        }
        if (!any)
        {
            return false;
        }
        if (ago)
        {
            months = -months;
            days = -days;
            micros = -micros;
        }
        // Spill fractions downward as PostgreSQL does.
        double wholeMonths = Math.Truncate(months);
        days += (months - wholeMonths) * 30;
        double wholeDays = Math.Truncate(days);
        micros += (days - wholeDays) * Interval.MicrosPerDay;
        if (Math.Abs(wholeMonths) > int.MaxValue || Math.Abs(wholeDays) > int.MaxValue || Math.Abs(micros) > 9.2e18)
        {
            return false;
        }
        var result = new Interval((int)wholeMonths, (int)wholeDays, (long)Math.Round(micros));
        value = last is null ? result : Truncate(result, last.Value);
        return true;
    }

    private static Interval Truncate(Interval v, IntervalField last) => last switch
    {
        IntervalField.Year => new Interval(v.Months / 12 * 12, 0, 0),
        IntervalField.Month => new Interval(v.Months, 0, 0),
        IntervalField.Day => new Interval(v.Months, v.Days, 0),
        IntervalField.Hour => new Interval(v.Months, v.Days, v.Micros / Interval.MicrosPerHour * Interval.MicrosPerHour),
        IntervalField.Minute => new Interval(v.Months, v.Days, v.Micros / Interval.MicrosPerMinute * Interval.MicrosPerMinute),
        _ => v,
    };

    private static bool Apply(string unit, double n, ref double months, ref double days, ref double micros)
    {
        switch (unit)
        {
            case "millennium" or "millennia" or "millenniums" or "mil" or "mils":
                months += n * 12000;
                return true;
            case "century" or "centuries" or "cent" or "c":
                months += n * 1200;
                return true;
            case "decade" or "decades" or "dec" or "decs":
                months += n * 120;
                return true;
            case "year" or "years" or "y" or "yr" or "yrs":
                months += n * 12;
                return true;
            case "month" or "months" or "mon" or "mons":
                months += n;
                return true;
            case "week" or "weeks" or "w":
                days += n * 7;
                return true;
            case "day" or "days" or "d":
                days += n;
                return true;
            case "hour" or "hours" or "h" or "hr" or "hrs":
                micros += n * Interval.MicrosPerHour;
                return true;
            case "minute" or "minutes" or "m" or "min" or "mins":
                micros += n * Interval.MicrosPerMinute;
                return true;
            case "second" or "seconds" or "s" or "sec" or "secs":
                micros += n * Interval.MicrosPerSecond;
                return true;
            case "millisecond" or "milliseconds" or "ms" or "msec" or "msecs":
                micros += n * 1000;
                return true;
            case "microsecond" or "microseconds" or "us" or "usec" or "usecs":
                micros += n;
                return true;
            default:
                return false;
        }
    }

    /// <summary>[-]h:m[:s[.f]]; with a MINUTE TO SECOND qualifier "m:s" is minutes and seconds.</summary>
    private static bool TryParseTime(string token, IntervalField? last, out double micros)
    {
        micros = 0;
        bool negative = token.StartsWith('-');
        string body = negative || token.StartsWith('+') ? token[1..] : token;
        string[] parts = body.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }
        var values = new double[parts.Length];
        for (int k = 0; k < parts.Length; k++)
        {
            if (parts[k].Length == 0 || !double.TryParse(parts[k], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out values[k]))
            {
                return false;
            }
            if (k < parts.Length - 1 && parts[k].Contains('.'))
            {
                return false;
            }
        }
        if (parts.Length == 2 && last == IntervalField.Second)
        {
            micros = values[0] * Interval.MicrosPerMinute + values[1] * Interval.MicrosPerSecond;
        }
        else
        {
            micros = values[0] * Interval.MicrosPerHour + values[1] * Interval.MicrosPerMinute
                + (parts.Length == 3 ? values[2] * Interval.MicrosPerSecond : 0);
        }
        if (negative)
        {
            micros = -micros;
        }
        return true;
    }

    /// <summary>"y-m" years and months.</summary>
    private static bool TryParseYearMonth(string token, out int months)
    {
        months = 0;
        bool negative = token.StartsWith('-');
        string body = negative ? token[1..] : token;
        int dash = body.IndexOf('-');
        if (dash <= 0 || dash == body.Length - 1)
        {
            return false;
        }
        if (!int.TryParse(body.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int y)
            || !int.TryParse(body.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int m))
        {
            return false;
        }
        months = (y * 12 + m) * (negative ? -1 : 1);
        return true;
    }
}
