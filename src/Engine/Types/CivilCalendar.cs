namespace ActorWarehouse.Engine.Types;

/// <summary>
/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), as PostgreSQL uses.
/// Years are astronomical: year 0 is 1 BC. The conversion counts whole 400-year eras, each 146097 days.
/// </summary>
public static class CivilCalendar
{
    private const int DaysPerEra = 146097;
    // Day number of 0000-03-01 relative to 1970-01-01: eras start in March so the leap day ends the year.
    private const int EpochShift = 719468;

    public static bool IsLeapYear(int year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    public static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    public static bool IsValid(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);

    public static int ToDays(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yearOfEra = y - era * 400;
        long monthFromMarch = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return checked((int)(era * DaysPerEra + dayOfEra - EpochShift));
    }

    public static (int Year, int Month, int Day) FromDays(int days)
    {
        long z = (long)days + EpochShift;
        long era = (z >= 0 ? z : z - DaysPerEra + 1) / DaysPerEra;
        long dayOfEra = z - era * DaysPerEra;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return ((int)year, month, day);
    }

    /// <summary>ISO day of week: Monday 1 … Sunday 7.</summary>
    public static int IsoDayOfWeek(int days)
    {
        int dow = (int)(((long)days + 3) % 7); // 1970-01-01 was a Thursday (ISO 4 → index 3)
        if (dow < 0) dow += 7;
        return dow + 1;
    }

    public static int DayOfYear(int days)
    {
        var (y, _, _) = FromDays(days);
        return days - ToDays(y, 1, 1) + 1;
    }

    /// <summary>Splits a microsecond timestamp into its day number and the microseconds into that day.</summary>
    public static (int Days, long MicrosOfDay) SplitTimestamp(long micros)
    {
        long days = Math.DivRem(micros, Interval.MicrosPerDay, out long rest);
        if (rest < 0) { days--; rest += Interval.MicrosPerDay; }
        return ((int)days, rest);
    }

    /// <summary>Adds months to a date, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29).</summary>
    public static int AddMonths(int days, int months)
    {
        var (y, m, d) = FromDays(days);
        long total = (long)y * 12 + (m - 1) + months;
        int ny = (int)Math.Floor(total / 12.0);
        int nm = (int)(total - (long)ny * 12) + 1;
        return ToDays(ny, nm, Math.Min(d, DaysInMonth(ny, nm)));
    }
}
