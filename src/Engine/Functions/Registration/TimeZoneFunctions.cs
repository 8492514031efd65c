using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>
/// timezone(zone, ts) (AT TIME ZONE), convert_timezone([source,] target, ts), age, justify_hours/days/interval, date(x).
/// </summary>
internal static class TimeZoneFunctions
{
    private static readonly TypeId T = TypeId.Varchar;

    public static void Register(FunctionCatalog catalog)
    {
        // timestamp AT TIME ZONE z: the wall-clock time in z, as an instant; timestamptz AT TIME ZONE z: the wall clock in z.
        catalog.Add("timezone", [T, TypeId.Timestamp], SqlType.TimestampTz, Zoned(toUtc: true, SqlType.TimestampTz));
        catalog.Add("timezone", [T, TypeId.TimestampTz], SqlType.Timestamp, Zoned(toUtc: false, SqlType.Timestamp));
        catalog.Add("convert_timezone", [T, TypeId.Timestamp], SqlType.Timestamp, Zoned(toUtc: false, SqlType.Timestamp));
        catalog.Add("convert_timezone", [T, T, TypeId.Timestamp], SqlType.Timestamp, (args, rows, _) =>
            KernelTemplates.RowWise<long>(args, rows, SqlType.Timestamp, (ColumnVector[] a, int[] ix, out long r) =>
            {
                var source = TimeZones.Find(((ColumnVector<string>)a[0]).Values[ix[0]]);
                var target = TimeZones.Find(((ColumnVector<string>)a[1]).Values[ix[1]]);
                r = target.ToLocal(source.ToUtc(((ColumnVector<long>)a[2]).Values[ix[2]]));
                return true;
            }));

        catalog.Add("age", [TypeId.Timestamp, TypeId.Timestamp], SqlType.Interval, (args, rows, _) =>
            KernelTemplates.Binary<long, long, Interval, Age>(args, rows, SqlType.Interval));
        catalog.Add("age", [TypeId.TimestampTz, TypeId.TimestampTz], SqlType.Interval, (args, rows, _) =>
            KernelTemplates.Binary<long, long, Interval, Age>(args, rows, SqlType.Interval));
        catalog.Add("justify_hours", [TypeId.Interval], SqlType.Interval, (args, rows, _) => KernelTemplates.Unary<Interval, Interval, JustifyHours>(args, rows, SqlType.Interval));
        catalog.Add("justify_days", [TypeId.Interval], SqlType.Interval, (args, rows, _) => KernelTemplates.Unary<Interval, Interval, JustifyDays>(args, rows, SqlType.Interval));
        catalog.Add("justify_interval", [TypeId.Interval], SqlType.Interval, (args, rows, _) => KernelTemplates.Unary<Interval, Interval, JustifyInterval>(args, rows, SqlType.Interval));

        catalog.Add("date", [TypeId.Timestamp], types => new ResolvedFunction("date", SqlType.Date, types, (args, rows, _) => Casts.Cast(args[0], SqlType.Date, true)));
        catalog.Add("date", [T], types => new ResolvedFunction("date", SqlType.Date, [SqlType.Text], (args, rows, _) => Casts.Cast(args[0], SqlType.Date, true)));
    }

    private static ScalarKernel Zoned(bool toUtc, SqlType result) => (args, rows, _) =>
    {
        if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(result, rows);
        var validity = Broadcast.CombineValidity(args, rows);
        var names = ((ColumnVector<string>)args[0]).Values;
        bool constantZone = Broadcast.IsConstant(args[0], rows);
        var values = ((ColumnVector<long>)args[^1]).Values;
        bool constantValue = Broadcast.IsConstant(args[^1], rows);
        var zone = constantZone ? TimeZones.Find(names[0]) : null;
        var output = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            var z = zone ?? TimeZones.Find(names[i]);
            long v = values[constantValue ? 0 : i];
            output[i] = toUtc ? z.ToUtc(v) : z.ToLocal(v);
        }
        return new ColumnVector<long>(result, output, rows, validity);
    };

    /// <summary>PostgreSQL age(a, b): a − b in years, months and days (borrowing from the month before a), then time.</summary>
    private struct Age : IBinaryOp<long, long, Interval>
    {
        public static Interval Apply(long a, long b)
        {
            bool negative = a < b;
            if (negative) (a, b) = (b, a);
            var (da, ta) = CivilCalendar.SplitTimestamp(a);
            var (db, tb) = CivilCalendar.SplitTimestamp(b);
            var (ya, ma, dya) = CivilCalendar.FromDays(da);
            var (yb, mb, dyb) = CivilCalendar.FromDays(db);
            long micros = ta - tb;
            int days = dya - dyb;
            int months = (ya - yb) * 12 + (ma - mb);
            if (micros < 0) { micros += Interval.MicrosPerDay; days--; }
            if (days < 0)
            {
                // Borrow the length of the earlier timestamp's month, as PostgreSQL does.
                days += CivilCalendar.DaysInMonth(yb, mb);
                months--;
            }
            var result = new Interval(months, days, micros);
            return negative ? -result : result;
        }
    }

    private struct JustifyHours : IUnaryOp<Interval, Interval>
    {
        public static Interval Apply(Interval v)
        {
            long days = v.Micros / Interval.MicrosPerDay;
            long micros = v.Micros - days * Interval.MicrosPerDay;
            int totalDays = checked(v.Days + (int)days);
            if (totalDays > 0 && micros < 0) { micros += Interval.MicrosPerDay; totalDays--; }
            else if (totalDays < 0 && micros > 0) { micros -= Interval.MicrosPerDay; totalDays++; }
            return new Interval(v.Months, totalDays, micros);
        }
    }

    private struct JustifyDays : IUnaryOp<Interval, Interval>
    {
        public static Interval Apply(Interval v)
        {
            int months = checked(v.Months + v.Days / 30);
            int days = v.Days % 30;
            if (months > 0 && days < 0) { days += 30; months--; }
            else if (months < 0 && days > 0) { days -= 30; months++; }
            return new Interval(months, days, v.Micros);
        }
    }

    private struct JustifyInterval : IUnaryOp<Interval, Interval>
    {
        public static Interval Apply(Interval v) => JustifyDays.Apply(JustifyHours.Apply(v));
    }
}
