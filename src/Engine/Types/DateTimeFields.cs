using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Types;

/// <summary>The date/time units accepted by extract, date_part, date_trunc, dateadd and datediff.</summary>
public enum DateTimeUnit
{
    Microsecond, Millisecond, Second, Minute, Hour, Day, Week, Month, Quarter, Year, Decade, Century, Millennium,
    DayOfWeek, IsoDayOfWeek, DayOfYear, Epoch, IsoYear, Julian, TimezoneOffset,
}

/// <summary>Unit names and abbreviations (PostgreSQL's and Redshift's), and field extraction.</summary>
public static class DateTimeFields
{
    /// <summary>Parses a unit name; unknown names raise 22023 like PostgreSQL ("unit ... not recognized for type ...").</summary>
    public static DateTimeUnit ParseUnit(string text, SqlType forType)
    {
        if (TryParseUnit(text, out var unit)) return unit;
        throw new SqlException(SqlState.InvalidParameterValue, $"unit \"{text.Trim().ToLowerInvariant()}\" not recognized for type {forType}");
    }

    public static bool TryParseUnit(string text, out DateTimeUnit unit)
    {
        unit = text.Trim().Trim('"').ToLowerInvariant() switch
        {
            "microsecond" or "microseconds" or "us" or "usec" or "usecs" or "microsec" or "microsecs" => DateTimeUnit.Microsecond,
            "millisecond" or "milliseconds" or "ms" or "msec" or "msecs" or "millisec" or "millisecs" or "msecond" or "mseconds" => DateTimeUnit.Millisecond,
            "second" or "seconds" or "s" or "sec" or "secs" => DateTimeUnit.Second,
            "minute" or "minutes" or "m" or "min" or "mins" => DateTimeUnit.Minute,
            "hour" or "hours" or "h" or "hr" or "hrs" => DateTimeUnit.Hour,
            "day" or "days" or "d" => DateTimeUnit.Day,
            "week" or "weeks" or "w" => DateTimeUnit.Week,
            "month" or "months" or "mon" or "mons" => DateTimeUnit.Month,
            "quarter" or "quarters" or "qtr" or "qtrs" => DateTimeUnit.Quarter,
            "year" or "years" or "y" or "yr" or "yrs" => DateTimeUnit.Year,
            "decade" or "decades" or "dec" or "decs" => DateTimeUnit.Decade,
            "century" or "centuries" or "c" or "cent" or "cents" => DateTimeUnit.Century,
            "millennium" or "millennia" or "millenniums" or "mil" or "mils" => DateTimeUnit.Millennium,
            "dow" or "dayofweek" or "dw" or "weekday" => DateTimeUnit.DayOfWeek,
            "isodow" => DateTimeUnit.IsoDayOfWeek,
            "doy" or "dayofyear" or "dy" or "yd" => DateTimeUnit.DayOfYear,
            "epoch" => DateTimeUnit.Epoch,
            "isoyear" => DateTimeUnit.IsoYear,
            "julian" => DateTimeUnit.Julian,
            "timezone" => DateTimeUnit.TimezoneOffset,
            _ => (DateTimeUnit)(-1),
        };
        return (int)unit >= 0;
    }

    /// <summary>True when extract(unit) of a timestamp can have a fractional part (second, millisecond, epoch).</summary>
    public static bool IsFractional(DateTimeUnit unit) => unit is DateTimeUnit.Second or DateTimeUnit.Millisecond or DateTimeUnit.Epoch or DateTimeUnit.Julian;

    /// <summary>The field of a timestamp (microseconds since the epoch) as PostgreSQL's date_part computes it.</summary>
    public static double Extract(long micros, DateTimeUnit unit)
    {
        var (days, ofDay) = CivilCalendar.SplitTimestamp(micros);
        var (y, m, d) = CivilCalendar.FromDays(days);
        return unit switch
        {
            DateTimeUnit.Microsecond => ofDay % Interval.MicrosPerMinute,
            DateTimeUnit.Millisecond => ofDay % Interval.MicrosPerMinute / 1000.0,
            DateTimeUnit.Second => ofDay % Interval.MicrosPerMinute / 1_000_000.0,
            DateTimeUnit.Minute => ofDay / Interval.MicrosPerMinute % 60,
            DateTimeUnit.Hour => ofDay / Interval.MicrosPerHour,
            DateTimeUnit.Day => d,
            DateTimeUnit.Month => m,
            DateTimeUnit.Quarter => (m - 1) / 3 + 1,
            DateTimeUnit.Year => y > 0 ? y : y - 1,
            DateTimeUnit.Decade => Math.Floor(y / 10.0),
            DateTimeUnit.Century => y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100),
            DateTimeUnit.Millennium => y > 0 ? (y + 999) / 1000 : -((999 - (y - 1)) / 1000),
            DateTimeUnit.Week => IsoWeek(days).Week,
            DateTimeUnit.IsoYear => IsoWeek(days).Year,
            DateTimeUnit.DayOfWeek => CivilCalendar.IsoDayOfWeek(days) % 7,
            DateTimeUnit.IsoDayOfWeek => CivilCalendar.IsoDayOfWeek(days),
            DateTimeUnit.DayOfYear => days - CivilCalendar.ToDays(y, 1, 1) + 1,
            DateTimeUnit.Epoch => micros / 1_000_000.0,
            DateTimeUnit.Julian => days + 2440588 + ofDay / (double)Interval.MicrosPerDay,
            DateTimeUnit.TimezoneOffset => 0,
            _ => 0,
        };
    }

    /// <summary>The field of an interval as PostgreSQL's interval_part computes it.</summary>
    public static double Extract(Interval value, DateTimeUnit unit) => unit switch
    {
        DateTimeUnit.Microsecond => value.Micros % Interval.MicrosPerMinute,
        DateTimeUnit.Millisecond => value.Micros % Interval.MicrosPerMinute / 1000.0,
        DateTimeUnit.Second => value.Micros % Interval.MicrosPerMinute / 1_000_000.0,
        DateTimeUnit.Minute => value.Micros / Interval.MicrosPerMinute % 60,
        DateTimeUnit.Hour => value.Micros / Interval.MicrosPerHour,
        DateTimeUnit.Day => value.Days,
        DateTimeUnit.Month => value.Months % 12,
        DateTimeUnit.Quarter => value.Months % 12 / 3 + 1,
        DateTimeUnit.Year => value.Months / 12,
        DateTimeUnit.Decade => value.Months / 120,
        DateTimeUnit.Century => value.Months / 1200,
        DateTimeUnit.Millennium => value.Months / 12000,
        DateTimeUnit.Epoch => value.Months / 12 * 365.25 * 86400 + value.Months % 12 * 30.0 * 86400 + value.Days * 86400.0 + value.Micros / 1_000_000.0,
        _ => throw new SqlException(SqlState.FeatureNotSupported, $"unit \"{unit.ToString().ToLowerInvariant()}\" not supported for type interval"),
    };

    /// <summary>ISO 8601 week number and week-numbering year (weeks start Monday; week 1 holds January 4th).</summary>
    public static (int Year, int Week) IsoWeek(int days)
    {
        int thursday = days - CivilCalendar.IsoDayOfWeek(days) + 4;
        var (year, _, _) = CivilCalendar.FromDays(thursday);
        int week = (thursday - CivilCalendar.ToDays(year, 1, 1)) / 7 + 1;
        return (year, week);
    }

    /// <summary>date_trunc: the timestamp truncated to the start of its unit (weeks start Monday).</summary>
    public static long Truncate(long micros, DateTimeUnit unit)
    {
        var (days, ofDay) = CivilCalendar.SplitTimestamp(micros);
        long dayStart = days * Interval.MicrosPerDay;
        switch (unit)
        {
            case DateTimeUnit.Microsecond: return micros;
            case DateTimeUnit.Millisecond: return dayStart + ofDay / 1000 * 1000;
            case DateTimeUnit.Second: return dayStart + ofDay / Interval.MicrosPerSecond * Interval.MicrosPerSecond;
            case DateTimeUnit.Minute: return dayStart + ofDay / Interval.MicrosPerMinute * Interval.MicrosPerMinute;
            case DateTimeUnit.Hour: return dayStart + ofDay / Interval.MicrosPerHour * Interval.MicrosPerHour;
            case DateTimeUnit.Day: return dayStart;
            case DateTimeUnit.Week: return (long)(days - CivilCalendar.IsoDayOfWeek(days) + 1) * Interval.MicrosPerDay;
        }
        var (y, m, _) = CivilCalendar.FromDays(days);
        int start = unit switch
        {
            DateTimeUnit.Month => CivilCalendar.ToDays(y, m, 1),
            DateTimeUnit.Quarter => CivilCalendar.ToDays(y, (m - 1) / 3 * 3 + 1, 1),
            DateTimeUnit.Year => CivilCalendar.ToDays(y, 1, 1),
            DateTimeUnit.Decade => CivilCalendar.ToDays(FloorTo(y, 10), 1, 1),
            DateTimeUnit.Century => CivilCalendar.ToDays(y > 0 ? (y - 1) / 100 * 100 + 1 : -((-y) / 100 * 100) - 99, 1, 1),
            DateTimeUnit.Millennium => CivilCalendar.ToDays(y > 0 ? (y - 1) / 1000 * 1000 + 1 : -((-y) / 1000 * 1000) - 999, 1, 1),
            _ => throw new SqlException(SqlState.FeatureNotSupported, $"unit \"{unit.ToString().ToLowerInvariant()}\" not supported for date_trunc"),
        };
        return start * Interval.MicrosPerDay;
    }

    private static int FloorTo(int value, int step) => (int)Math.Floor(value / (double)step) * step;

    /// <summary>Redshift DATEADD: n units added; months clamp the day to the month's end.</summary>
    public static long Add(long micros, DateTimeUnit unit, long n) => unit switch
    {
        DateTimeUnit.Microsecond => checked(micros + n),
        DateTimeUnit.Millisecond => checked(micros + n * 1000),
        DateTimeUnit.Second => checked(micros + n * Interval.MicrosPerSecond),
        DateTimeUnit.Minute => checked(micros + n * Interval.MicrosPerMinute),
        DateTimeUnit.Hour => checked(micros + n * Interval.MicrosPerHour),
        DateTimeUnit.Day => checked(micros + n * Interval.MicrosPerDay),
        DateTimeUnit.Week => checked(micros + n * 7 * Interval.MicrosPerDay),
        DateTimeUnit.Month => AddMonths(micros, checked((int)n)),
        DateTimeUnit.Quarter => AddMonths(micros, checked((int)n * 3)),
        DateTimeUnit.Year => AddMonths(micros, checked((int)n * 12)),
        DateTimeUnit.Decade => AddMonths(micros, checked((int)n * 120)),
        DateTimeUnit.Century => AddMonths(micros, checked((int)n * 1200)),
        DateTimeUnit.Millennium => AddMonths(micros, checked((int)n * 12000)),
        _ => throw new SqlException(SqlState.FeatureNotSupported, $"unit \"{unit.ToString().ToLowerInvariant()}\" not supported for dateadd"),
    };

    private static long AddMonths(long micros, int months)
    {
        var (days, ofDay) = CivilCalendar.SplitTimestamp(micros);
        return CivilCalendar.AddMonths(days, months) * Interval.MicrosPerDay + ofDay;
    }

    /// <summary>Redshift DATEDIFF: how many unit boundaries lie between a and b (negative when b is earlier).</summary>
    public static long Difference(long a, long b, DateTimeUnit unit)
    {
        switch (unit)
        {
            case DateTimeUnit.Microsecond: return checked(b - a);
            case DateTimeUnit.Millisecond: return FloorDiv(b, 1000) - FloorDiv(a, 1000);
            case DateTimeUnit.Second: return FloorDiv(b, Interval.MicrosPerSecond) - FloorDiv(a, Interval.MicrosPerSecond);
            case DateTimeUnit.Minute: return FloorDiv(b, Interval.MicrosPerMinute) - FloorDiv(a, Interval.MicrosPerMinute);
            case DateTimeUnit.Hour: return FloorDiv(b, Interval.MicrosPerHour) - FloorDiv(a, Interval.MicrosPerHour);
            case DateTimeUnit.Day: return FloorDiv(b, Interval.MicrosPerDay) - FloorDiv(a, Interval.MicrosPerDay);
            case DateTimeUnit.Week:
                return FloorDiv(Truncate(b, DateTimeUnit.Week), 7 * Interval.MicrosPerDay) - FloorDiv(Truncate(a, DateTimeUnit.Week), 7 * Interval.MicrosPerDay);
        }
        var (ya, ma, _) = CivilCalendar.FromDays(CivilCalendar.SplitTimestamp(a).Days);
        var (yb, mb, _) = CivilCalendar.FromDays(CivilCalendar.SplitTimestamp(b).Days);
        return unit switch
        {
            DateTimeUnit.Month => (yb * 12L + mb) - (ya * 12L + ma),
            DateTimeUnit.Quarter => (yb * 4L + (mb - 1) / 3) - (ya * 4L + (ma - 1) / 3),
            DateTimeUnit.Year => yb - ya,
            DateTimeUnit.Decade => FloorDiv(yb, 10) - FloorDiv(ya, 10),
            DateTimeUnit.Century => FloorDiv(yb - 1, 100) - FloorDiv(ya - 1, 100),
            DateTimeUnit.Millennium => FloorDiv(yb - 1, 1000) - FloorDiv(ya - 1, 1000),
            _ => throw new SqlException(SqlState.FeatureNotSupported, $"unit \"{unit.ToString().ToLowerInvariant()}\" not supported for datediff"),
        };
    }

    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        if (a % b != 0 && (a < 0) != (b < 0)) q--;
        return q;
    }
}
