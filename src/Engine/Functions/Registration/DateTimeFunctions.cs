using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>
/// extract, date_part, date_trunc, dateadd, datediff, add_months, last_day, months_between, trunc(timestamp),
/// to_timestamp(epoch), and the statement clock: current_date, now(), current_timestamp, getdate(), sysdate,
/// localtimestamp, statement_timestamp(), transaction_timestamp(), clock_timestamp().
/// </summary>
internal static class DateTimeFunctions
{
    private static readonly TypeId T = TypeId.Varchar;
    private static readonly TypeId[] Sources = [TypeId.Date, TypeId.Timestamp, TypeId.TimestampTz, TypeId.Interval];

    public static void Register(FunctionCatalog catalog)
    {
        foreach (var source in Sources)
        {
            catalog.Add("date_part", [T, source], types =>
                new ResolvedFunction("date_part", SqlType.Double, [SqlType.Text, types[1]], DateTimeKernels.DatePart(types[1])));
            catalog.AddWithConstants("extract", [T, source], (types, constants) => Extract(types[1], constants));
        }

        catalog.Add("date_trunc", [T, TypeId.Timestamp], types => Trunc(types[1], SqlType.Timestamp));
        catalog.Add("date_trunc", [T, TypeId.TimestampTz], types => Trunc(types[1], SqlType.TimestampTz));
        catalog.Add("date_trunc", [T, TypeId.Date], types => Trunc(types[1], SqlType.Timestamp));
        catalog.Add("date_trunc", [T, TypeId.Interval], SqlType.Interval, DateTimeKernels.IntervalTrunc());

        foreach (var source in new[] { TypeId.Date, TypeId.Timestamp, TypeId.TimestampTz })
        {
            var result = source == TypeId.TimestampTz ? SqlType.TimestampTz : SqlType.Timestamp;
            catalog.Add("dateadd", [T, TypeId.BigInt, source], types =>
                new ResolvedFunction("dateadd", result, [SqlType.Text, SqlType.BigInt, types[2]], DateTimeKernels.DateAdd(types[2], result)));
            catalog.Add("datediff", [T, source, source], types =>
                new ResolvedFunction("datediff", SqlType.BigInt, [SqlType.Text, types[1], types[2]], DateTimeKernels.DateDiff(types[1])));
            catalog.Add("add_months", [source, TypeId.BigInt], types =>
                new ResolvedFunction("add_months", result, [types[0], SqlType.BigInt], AddMonths(result)));
        }

        catalog.Add("last_day", [TypeId.Date], SqlType.Date, (args, rows, _) => KernelTemplates.Unary<int, int, LastDay>(args, rows, SqlType.Date));
        catalog.Add("last_day", [TypeId.Timestamp], SqlType.Date, (args, rows, _) => KernelTemplates.Unary<long, int, LastDayOfTimestamp>(args, rows, SqlType.Date));
        catalog.Add("months_between", [TypeId.Date, TypeId.Date], SqlType.Double, (args, rows, _) => KernelTemplates.Binary<int, int, double, MonthsBetween>(args, rows, SqlType.Double));
        catalog.Add("trunc", [TypeId.Timestamp], SqlType.Date, (args, rows, _) => KernelTemplates.Unary<long, int, TimestampToDate>(args, rows, SqlType.Date));
        catalog.Add("to_timestamp", [TypeId.Double], SqlType.TimestampTz, (args, rows, _) =>
        {
            try { return KernelTemplates.Unary<double, long, EpochToTimestamp>(args, rows, SqlType.TimestampTz); }
            catch (OverflowException) { throw DataErrors.OutOfRange(SqlType.TimestampTz); }
        });

        Clock(catalog, "current_date", SqlType.Date, ctx => CivilCalendar.SplitTimestamp(ctx.LocalStatementTimestampMicros).Days);
        Clock(catalog, "now", SqlType.TimestampTz, ctx => ctx.StatementTimestampMicros);
        Clock(catalog, "current_timestamp", SqlType.TimestampTz, ctx => ctx.StatementTimestampMicros);
        Clock(catalog, "transaction_timestamp", SqlType.TimestampTz, ctx => ctx.StatementTimestampMicros);
        Clock(catalog, "statement_timestamp", SqlType.TimestampTz, ctx => ctx.StatementTimestampMicros);
        Clock(catalog, "localtimestamp", SqlType.Timestamp, ctx => ctx.LocalStatementTimestampMicros);
        Clock(catalog, "sysdate", SqlType.Timestamp, ctx => ctx.LocalStatementTimestampMicros);
        // Redshift's GETDATE() has whole-second precision.
        Clock(catalog, "getdate", SqlType.Timestamp, ctx => ctx.LocalStatementTimestampMicros / Interval.MicrosPerSecond * Interval.MicrosPerSecond);
        catalog.Add("clock_timestamp", [], types => new ResolvedFunction("clock_timestamp", SqlType.TimestampTz, types, (_, rows, _) =>
            Filled(SqlType.TimestampTz, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10, rows)) { IsVolatile = true });
    }

    private static void Clock<T>(FunctionCatalog catalog, string name, SqlType type, Func<FunctionContext, T> value) =>
        catalog.Add(name, [], types => new ResolvedFunction(name, type, types, (_, rows, ctx) => Filled(type, value(ctx), rows)) { IsStatementStable = true });

    private static ColumnVector Filled<T>(SqlType type, T value, int rows)
    {
        var values = new T[rows];
        Array.Fill(values, value);
        return new ColumnVector<T>(type, values, rows);
    }

    /// <summary>
    /// extract returns numeric like PostgreSQL 14: scale 0 for whole-number fields (extract(year …) prints 1995),
    /// 6 for second and epoch, 3 for millisecond. The unit must be a known constant for that; otherwise the
    /// result is double precision (PostgreSQL 13's type), which prints the same values without trailing zeros.
    /// </summary>
    private static ResolvedFunction Extract(SqlType source, IReadOnlyList<object?>? constants)
    {
        if (constants is { Count: > 0 } && constants[0] is string text && DateTimeFields.TryParseUnit(text, out var unit) && unit != DateTimeUnit.Julian)
        {
            int scale = unit switch
            {
                DateTimeUnit.Second => source.Id == TypeId.Date ? 0 : 6,
                DateTimeUnit.Epoch => source.Id == TypeId.Date ? 0 : 6,
                DateTimeUnit.Millisecond => source.Id == TypeId.Date ? 0 : 3,
                _ => 0,
            };
            var result = SqlType.Decimal(18, scale);
            return new ResolvedFunction("extract", result, [SqlType.Text, source], DateTimeKernels.ExtractNumeric(source, result));
        }
        return new ResolvedFunction("extract", SqlType.Double, [SqlType.Text, source], DateTimeKernels.DatePart(source));
    }

    private static ResolvedFunction Trunc(SqlType source, SqlType result) =>
        new("date_trunc", result, [SqlType.Text, source], DateTimeKernels.DateTrunc(source, result));

    /// <summary>Redshift ADD_MONTHS: the last day of a month maps to the last day of the target month.</summary>
    private static ScalarKernel AddMonths(SqlType result) => (args, rows, _) =>
    {
        if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(result, rows);
        var validity = Broadcast.CombineValidity(args, rows);
        var micros = DateTimeKernels.Micros(args[0]);
        var months = ((ColumnVector<long>)args[1]).Values;
        bool mc = Broadcast.IsConstant(args[0], rows), nc = Broadcast.IsConstant(args[1], rows);
        var output = new long[rows];
        try
        {
            for (int i = 0; i < rows; i++)
            {
                if (validity is not null && !validity.IsValid(i)) continue;
                var (days, ofDay) = CivilCalendar.SplitTimestamp(micros[mc ? 0 : i]);
                var (y, m, d) = CivilCalendar.FromDays(days);
                int moved = CivilCalendar.AddMonths(days, checked((int)months[nc ? 0 : i]));
                if (d == CivilCalendar.DaysInMonth(y, m)) moved = LastDay.Apply(moved);
                output[i] = moved * Interval.MicrosPerDay + ofDay;
            }
        }
        catch (OverflowException) { throw DataErrors.OutOfRange(result); }
        return new ColumnVector<long>(result, output, rows, validity);
    };

    private struct LastDay : IUnaryOp<int, int>
    {
        public static int Apply(int days)
        {
            var (y, m, _) = CivilCalendar.FromDays(days);
            return CivilCalendar.ToDays(y, m, CivilCalendar.DaysInMonth(y, m));
        }
    }

    private struct LastDayOfTimestamp : IUnaryOp<long, int>
    {
        public static int Apply(long micros) => LastDay.Apply(CivilCalendar.SplitTimestamp(micros).Days);
    }

    private struct TimestampToDate : IUnaryOp<long, int>
    {
        public static int Apply(long micros) => CivilCalendar.SplitTimestamp(micros).Days;
    }

    private struct EpochToTimestamp : IUnaryOp<double, long>
    {
        public static long Apply(double seconds)
        {
            if (double.IsNaN(seconds) || Math.Abs(seconds) > 9.2e12) throw new OverflowException();
            return (long)Math.Round(seconds * 1_000_000, MidpointRounding.ToEven);
        }
    }

    /// <summary>Oracle/Redshift MONTHS_BETWEEN: whole months when the days match or both are month ends, else a 31-day fraction.</summary>
    private struct MonthsBetween : IBinaryOp<int, int, double>
    {
        public static double Apply(int a, int b)
        {
            var (ya, ma, da) = CivilCalendar.FromDays(a);
            var (yb, mb, db) = CivilCalendar.FromDays(b);
            double months = (ya - yb) * 12 + (ma - mb);
            bool bothMonthEnds = da == CivilCalendar.DaysInMonth(ya, ma) && db == CivilCalendar.DaysInMonth(yb, mb);
            if (da == db || bothMonthEnds) return months;
            return months + (da - db) / 31.0;
        }
    }
}
