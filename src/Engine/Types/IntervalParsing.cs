using System.Globalization;

namespace ActorWarehouse.Engine.Types;

/// <summary>
/// PostgreSQL interval input: '1 day', '3 months', '1 year 2 mons', '-1 day +02:00:00', '01:02:03',
/// '@ 1 hour ago', fractional units that spill into smaller fields ('1.5 days' = 1 day 12:00:00),
/// ISO 8601 'P1Y2M3DT4H5M6S', SQL-standard '1-2' (years-months) and '4 05:06:07' (days and time).
/// A bare number takes the unit of the qualifier (INTERVAL '90' MINUTE) or seconds.
/// </summary>
public static class IntervalParsing
{
    private enum Unit { None, Microsecond, Millisecond, Second, Minute, Hour, Day, Week, Month, Year, Decade, Century, Millennium }

    public static ParseStatus TryParse(ReadOnlySpan<char> text, string? qualifier, out Interval value)
    {
        try
        {
            return TryParseCore(text, qualifier, out value);
        }
        catch (OverflowException)
        {
            // decimal arithmetic on absurdly large amounts ('1e27 hours')
            value = default;
            return ParseStatus.OutOfRange;
        }
    }

    private static ParseStatus TryParseCore(ReadOnlySpan<char> text, string? qualifier, out Interval value)
    {
        value = default;
        text = text.Trim();
        if (text.IsEmpty) return ParseStatus.InvalidSyntax;
        if (text[0] is 'P' or 'p' && text.Length > 1 && !char.IsAsciiLetter(text[1]) || text.Equals("P", StringComparison.OrdinalIgnoreCase))
            return TryParseIso(text[1..], out value);
        var qualifierUnit = QualifierUnit(qualifier);
        if (qualifier is not null && qualifierUnit == Unit.None) return ParseStatus.InvalidSyntax;

        decimal months = 0, days = 0, micros = 0;
        bool ago = false;
        int pos = 0;
        if (text[0] == '@') pos = 1;
        bool any = false;
        while (true)
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
            if (pos >= text.Length) break;
            if (char.IsAsciiLetter(text[pos]))
            {
                int start = pos;
                while (pos < text.Length && char.IsAsciiLetter(text[pos])) pos++;
                if (text[start..pos].Equals("ago", StringComparison.OrdinalIgnoreCase) && !ago) { ago = true; continue; }
                return ParseStatus.InvalidSyntax;
            }
            // A signed number, then a unit, a time, a '-' (year-month), or nothing.
            int numberStart = pos;
            if (text[pos] is '+' or '-') pos++;
            int digitsStart = pos;
            while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '.')) pos++;
            if (pos == digitsStart) return ParseStatus.InvalidSyntax;
            if (pos < text.Length && text[pos] == ':')
            {
                var status = ParseTimeToken(text, numberStart, ref pos, out decimal timeMicros);
                if (status != ParseStatus.Ok) return status;
                micros += timeMicros;
                any = true;
                continue;
            }
            if (!decimal.TryParse(text[numberStart..pos], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
                return ParseStatus.InvalidSyntax;
            if (pos < text.Length && text[pos] == '-' && pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1]))
            {
                // SQL standard 'Y-M'
                pos++;
                int monthStart = pos;
                while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
                int monthPart = int.Parse(text[monthStart..pos], CultureInfo.InvariantCulture);
                months += number * 12 + (number < 0 ? -monthPart : monthPart);
                any = true;
                continue;
            }
            while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
            Unit unit = Unit.None;
            if (pos < text.Length && char.IsAsciiLetter(text[pos]))
            {
                int unitStart = pos;
                while (pos < text.Length && char.IsAsciiLetter(text[pos])) pos++;
                var word = text[unitStart..pos];
                if (word.Equals("ago", StringComparison.OrdinalIgnoreCase)) pos = unitStart;
                else
                {
                    unit = ParseUnit(word);
                    if (unit == Unit.None) return ParseStatus.InvalidSyntax;
                }
            }
            if (unit == Unit.None)
            {
                // '4 05:06:07' is days then a time; otherwise the qualifier's unit or seconds.
                if (pos < text.Length && char.IsAsciiDigit(text[pos]) && text[pos..].IndexOf(':') > 0) unit = Unit.Day;
                else unit = qualifierUnit == Unit.None ? Unit.Second : qualifierUnit;
            }
            Accumulate(unit, number, ref months, ref days, ref micros);
            any = true;
        }
        if (!any) return ParseStatus.InvalidSyntax;
        if (ago) { months = -months; days = -days; micros = -micros; }
        return Build(months, days, micros, qualifierUnit, out value);
    }

    private static ParseStatus ParseTimeToken(ReadOnlySpan<char> text, int start, ref int pos, out decimal micros)
    {
        micros = 0;
        bool negative = text[start] == '-';
        int p = text[start] is '+' or '-' ? start + 1 : start;
        var fields = new decimal[3];
        int count = 0;
        int fieldStart = p;
        while (true)
        {
            while (p < text.Length && (char.IsAsciiDigit(text[p]) || text[p] == '.')) p++;
            if (count >= 3) return ParseStatus.InvalidSyntax;
            if (!decimal.TryParse(text[fieldStart..p], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out fields[count++])) return ParseStatus.InvalidSyntax;
            if (p < text.Length && text[p] == ':') { p++; fieldStart = p; continue; }
            break;
        }
        pos = p;
        if (count < 2) return ParseStatus.InvalidSyntax;
        if (fields[1] >= 60 || (count == 3 && fields[2] >= 60)) return ParseStatus.OutOfRange;
        decimal total = fields[0] * Interval.MicrosPerHour + fields[1] * Interval.MicrosPerMinute + (count == 3 ? fields[2] * Interval.MicrosPerSecond : 0);
        micros = negative ? -total : total;
        return ParseStatus.Ok;
    }

    private static void Accumulate(Unit unit, decimal number, ref decimal months, ref decimal days, ref decimal micros)
    {
        switch (unit)
        {
            case Unit.Microsecond: micros += number; break;
            case Unit.Millisecond: micros += number * 1000; break;
            case Unit.Second: micros += number * Interval.MicrosPerSecond; break;
            case Unit.Minute: micros += number * Interval.MicrosPerMinute; break;
            case Unit.Hour: micros += number * Interval.MicrosPerHour; break;
            case Unit.Day: days += number; break;
            case Unit.Week: days += number * 7; break;
            case Unit.Month: months += number; break;
            case Unit.Year: months += number * 12; break;
            case Unit.Decade: months += number * 120; break;
            case Unit.Century: months += number * 1200; break;
            case Unit.Millennium: months += number * 12000; break;
        }
    }

    /// <summary>Spills fractional months into days (30 per month) and fractional days into microseconds, then applies the qualifier.</summary>
    private static ParseStatus Build(decimal months, decimal days, decimal micros, Unit qualifierUnit, out Interval value)
    {
        value = default;
        try
        {
            decimal wholeMonths = decimal.Truncate(months);
            days += (months - wholeMonths) * 30;
            decimal wholeDays = decimal.Truncate(days);
            micros += (days - wholeDays) * Interval.MicrosPerDay;
            long wholeMicros = (long)decimal.Round(micros, MidpointRounding.AwayFromZero);
            int m = checked((int)wholeMonths), d = checked((int)wholeDays);
            switch (qualifierUnit)
            {
                case Unit.Year: m = m / 12 * 12; d = 0; wholeMicros = 0; break;
                case Unit.Month: d = 0; wholeMicros = 0; break;
                case Unit.Day: wholeMicros = 0; break;
                case Unit.Hour: wholeMicros -= wholeMicros % Interval.MicrosPerHour; break;
                case Unit.Minute: wholeMicros -= wholeMicros % Interval.MicrosPerMinute; break;
            }
            value = new Interval(m, d, wholeMicros);
            return ParseStatus.Ok;
        }
        catch (OverflowException)
        {
            return ParseStatus.OutOfRange;
        }
    }

    private static ParseStatus TryParseIso(ReadOnlySpan<char> text, out Interval value)
    {
        value = default;
        decimal months = 0, days = 0, micros = 0;
        bool timePart = false;
        int pos = 0;
        bool any = false;
        while (pos < text.Length)
        {
            if (text[pos] is 'T' or 't') { timePart = true; pos++; continue; }
            int start = pos;
            if (text[pos] is '+' or '-') pos++;
            while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '.')) pos++;
            if (pos == start || pos >= text.Length) return ParseStatus.InvalidSyntax;
            if (!decimal.TryParse(text[start..pos], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal n))
                return ParseStatus.InvalidSyntax;
            char designator = char.ToUpperInvariant(text[pos++]);
            Unit unit = (designator, timePart) switch
            {
                ('Y', false) => Unit.Year,
                ('M', false) => Unit.Month,
                ('W', false) => Unit.Week,
                ('D', false) => Unit.Day,
                ('H', true) => Unit.Hour,
                ('M', true) => Unit.Minute,
                ('S', true) => Unit.Second,
                _ => Unit.None,
            };
            if (unit == Unit.None) return ParseStatus.InvalidSyntax;
            Accumulate(unit, n, ref months, ref days, ref micros);
            any = true;
        }
        return any ? Build(months, days, micros, Unit.None, out value) : ParseStatus.InvalidSyntax;
    }

    private static Unit ParseUnit(ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[Math.Min(word.Length, 16)];
        if (word.Length > 16) return Unit.None;
        word.ToLowerInvariant(lower);
        return lower switch
        {
            "us" or "usec" or "usecs" or "microsecond" or "microseconds" or "microsecon" => Unit.Microsecond,
            "ms" or "msec" or "msecs" or "millisecond" or "milliseconds" or "millisecon" => Unit.Millisecond,
            "s" or "sec" or "secs" or "second" or "seconds" => Unit.Second,
            "m" or "min" or "mins" or "minute" or "minutes" => Unit.Minute,
            "h" or "hr" or "hrs" or "hour" or "hours" => Unit.Hour,
            "d" or "day" or "days" => Unit.Day,
            "w" or "week" or "weeks" => Unit.Week,
            "mon" or "mons" or "month" or "months" => Unit.Month,
            "y" or "yr" or "yrs" or "year" or "years" => Unit.Year,
            "dec" or "decade" or "decades" or "decs" => Unit.Decade,
            "c" or "cent" or "century" or "centuries" => Unit.Century,
            "mil" or "millennium" or "millennia" or "mils" => Unit.Millennium,
            _ => Unit.None,
        };
    }

    /// <summary>The finest field of a qualifier such as "MINUTE", "DAY TO SECOND", "YEAR TO MONTH".</summary>
    private static Unit QualifierUnit(string? qualifier)
    {
        if (string.IsNullOrWhiteSpace(qualifier)) return Unit.None;
        var words = qualifier.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = words[^1].ToLowerInvariant();
        if (last.StartsWith("second", StringComparison.Ordinal)) return Unit.Second; // SECOND(p)
        return last switch
        {
            "year" => Unit.Year,
            "month" => Unit.Month,
            "day" => Unit.Day,
            "hour" => Unit.Hour,
            "minute" => Unit.Minute,
            _ => Unit.None,
        };
    }
}
