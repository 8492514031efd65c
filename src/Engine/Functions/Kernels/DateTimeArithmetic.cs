using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// Date, timestamp and interval arithmetic with PostgreSQL's rules: date ± integer days, date − date in days,
/// adding an interval applies months (clamping the day to the month's end), then days, then time;
/// timestamp − timestamp is an interval of days plus a time under 24 hours.
/// </summary>
internal static class DateTimeArithmetic
{
    public static long AddInterval(long micros, Interval interval)
    {
        if (interval.Months != 0)
        {
            var (days, ofDay) = CivilCalendar.SplitTimestamp(micros);
            micros = CivilCalendar.AddMonths(days, interval.Months) * Interval.MicrosPerDay + ofDay;
        }
        return checked(micros + interval.Days * Interval.MicrosPerDay + interval.Micros);
    }

    public static Interval Difference(long a, long b)
    {
        long diff = checked(a - b);
        long days = diff / Interval.MicrosPerDay;
        return new Interval(0, checked((int)days), diff - days * Interval.MicrosPerDay);
    }

    /// <summary>interval × factor, spilling fractional months into days (30 per month) and fractional days into time.</summary>
    public static Interval Multiply(Interval interval, double factor)
    {
        if (double.IsNaN(factor) || double.IsInfinity(factor)) throw new OverflowException();
        double months = interval.Months * factor;
        double wholeMonths = Math.Truncate(months);
        double days = interval.Days * factor + (months - wholeMonths) * 30;
        double wholeDays = Math.Truncate(days);
        double micros = interval.Micros * factor + (days - wholeDays) * Interval.MicrosPerDay;
        if (Math.Abs(wholeMonths) > int.MaxValue || Math.Abs(wholeDays) > int.MaxValue || Math.Abs(micros) > long.MaxValue)
            throw new OverflowException();
        return new Interval((int)wholeMonths, (int)wholeDays, (long)Math.Round(micros, MidpointRounding.ToEven));
    }

    public struct DatePlusDays : IBinaryOp<int, int, int>
    {
        public static int Apply(int date, int days) => CheckDate(checked(date + days));
    }

    public struct DaysPlusDate : IBinaryOp<int, int, int>
    {
        public static int Apply(int days, int date) => CheckDate(checked(date + days));
    }

    public struct DateMinusDays : IBinaryOp<int, int, int>
    {
        public static int Apply(int date, int days) => CheckDate(checked(date - days));
    }

    public struct DateMinusDate : IBinaryOp<int, int, int>
    {
        public static int Apply(int a, int b) => checked(a - b);
    }

    public struct DatePlusInterval : IBinaryOp<int, Interval, long>
    {
        public static long Apply(int date, Interval i) => AddInterval(date * Interval.MicrosPerDay, i);
    }

    public struct IntervalPlusDate : IBinaryOp<Interval, int, long>
    {
        public static long Apply(Interval i, int date) => AddInterval(date * Interval.MicrosPerDay, i);
    }

    public struct DateMinusInterval : IBinaryOp<int, Interval, long>
    {
        public static long Apply(int date, Interval i) => AddInterval(date * Interval.MicrosPerDay, -i);
    }

    public struct TimestampPlusInterval : IBinaryOp<long, Interval, long>
    {
        public static long Apply(long ts, Interval i) => AddInterval(ts, i);
    }

    public struct IntervalPlusTimestamp : IBinaryOp<Interval, long, long>
    {
        public static long Apply(Interval i, long ts) => AddInterval(ts, i);
    }

    public struct TimestampMinusInterval : IBinaryOp<long, Interval, long>
    {
        public static long Apply(long ts, Interval i) => AddInterval(ts, -i);
    }

    public struct TimestampMinusTimestamp : IBinaryOp<long, long, Interval>
    {
        public static Interval Apply(long a, long b) => Difference(a, b);
    }

    public struct IntervalPlusInterval : IBinaryOp<Interval, Interval, Interval>
    {
        public static Interval Apply(Interval a, Interval b) =>
            new(checked(a.Months + b.Months), checked(a.Days + b.Days), checked(a.Micros + b.Micros));
    }

    public struct IntervalMinusInterval : IBinaryOp<Interval, Interval, Interval>
    {
        public static Interval Apply(Interval a, Interval b) =>
            new(checked(a.Months - b.Months), checked(a.Days - b.Days), checked(a.Micros - b.Micros));
    }

    public struct IntervalTimesNumber : IBinaryOp<Interval, double, Interval>
    {
        public static Interval Apply(Interval i, double f) => Multiply(i, f);
    }

    public struct NumberTimesInterval : IBinaryOp<double, Interval, Interval>
    {
        public static Interval Apply(double f, Interval i) => Multiply(i, f);
    }

    public struct IntervalDividedByNumber : IBinaryOp<Interval, double, Interval>
    {
        public static Interval Apply(Interval i, double f) => f == 0 ? throw DataErrors.DivisionByZero() : Multiply(i, 1.0 / f);
    }

    public struct NegateInterval : IUnaryOp<Interval, Interval>
    {
        public static Interval Apply(Interval i) => new(checked(-i.Months), checked(-i.Days), checked(-i.Micros));
    }

    /// <summary>Dates stay within PostgreSQL's range (4713 BC .. 5874897 AD).</summary>
    private static int CheckDate(int days) => days is < -2451545 or > 2145031948 ? throw new OverflowException() : days;

    public static ScalarKernel Kernel<TA, TB, TR, TOp>(SqlType result) where TOp : IBinaryOp<TA, TB, TR> => (args, rows, _) =>
    {
        try { return KernelTemplates.Binary<TA, TB, TR, TOp>(args, rows, result); }
        catch (OverflowException) { throw DataErrors.OutOfRange(result); }
    };
}
