using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// Kernels for extract/date_part, date_trunc, dateadd and datediff. The unit argument is text; when it is
/// a constant (the usual case) it is parsed once per batch and the loop runs over the typed values.
/// Date arguments are read as midnight timestamps.
/// </summary>
internal static class DateTimeKernels
{
    /// <summary>Timestamps (microseconds) of a date/timestamp vector; dates are widened to midnight.</summary>
    public static long[] Micros(ColumnVector vector)
    {
        if (vector is ColumnVector<long> ts) return ts.Values;
        var days = ((ColumnVector<int>)vector).Values;
        var result = new long[vector.Length];
        for (int i = 0; i < result.Length; i++) result[i] = days[i] * Interval.MicrosPerDay;
        return result;
    }

    private static DateTimeUnit[] Units(ColumnVector unitVector, int rows, ValidityBitmap? validity, SqlType sourceType)
    {
        var texts = ((ColumnVector<string>)unitVector).Values;
        if (Broadcast.IsConstant(unitVector, rows))
        {
            var unit = DateTimeFields.ParseUnit(texts[0], sourceType);
            var all = new DateTimeUnit[rows];
            Array.Fill(all, unit);
            return all;
        }
        var units = new DateTimeUnit[rows];
        for (int i = 0; i < rows; i++)
            if (validity is null || validity.IsValid(i)) units[i] = DateTimeFields.ParseUnit(texts[i], sourceType);
        return units;
    }

    /// <summary>date_part(unit, source) → double precision (source: date, timestamp[tz] or interval).</summary>
    public static ScalarKernel DatePart(SqlType sourceType) => (args, rows, _) =>
    {
        if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(SqlType.Double, rows);
        var validity = Broadcast.CombineValidity(args, rows);
        var units = Units(args[0], rows, validity, sourceType);
        bool sourceConstant = Broadcast.IsConstant(args[1], rows);
        var result = new double[rows];
        if (sourceType.Id == TypeId.Interval)
        {
            var intervals = ((ColumnVector<Interval>)args[1]).Values;
            for (int i = 0; i < rows; i++)
                if (validity is null || validity.IsValid(i)) result[i] = DateTimeFields.Extract(intervals[sourceConstant ? 0 : i], units[i]);
        }
        else
        {
            var micros = Micros(args[1]);
            for (int i = 0; i < rows; i++)
                if (validity is null || validity.IsValid(i)) result[i] = DateTimeFields.Extract(micros[sourceConstant ? 0 : i], units[i]);
        }
        return new ColumnVector<double>(SqlType.Double, result, rows, validity);
    };

    /// <summary>extract(unit FROM source) as numeric at <paramref name="resultType"/>'s scale, exact for timestamps.</summary>
    public static ScalarKernel ExtractNumeric(SqlType sourceType, SqlType resultType) => (args, rows, _) =>
    {
        if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(resultType, rows);
        var validity = Broadcast.CombineValidity(args, rows);
        var units = Units(args[0], rows, validity, sourceType);
        bool sourceConstant = Broadcast.IsConstant(args[1], rows);
        int scale = resultType.Scale;
        var result = new long[rows];
        try
        {
            if (sourceType.Id == TypeId.Interval)
            {
                var intervals = ((ColumnVector<Interval>)args[1]).Values;
                for (int i = 0; i < rows; i++)
                    if (validity is null || validity.IsValid(i))
                        result[i] = checked((long)Math.Round(DateTimeFields.Extract(intervals[sourceConstant ? 0 : i], units[i]) * DecimalMath.Pow10Long[scale], MidpointRounding.AwayFromZero));
            }
            else
            {
                var micros = Micros(args[1]);
                for (int i = 0; i < rows; i++)
                    if (validity is null || validity.IsValid(i)) result[i] = ExactField(micros[sourceConstant ? 0 : i], units[i], scale);
            }
        }
        catch (OverflowException) { throw DataErrors.OutOfRange(resultType); }
        return new ColumnVector<long>(resultType, result, rows, validity);
    };

    /// <summary>The field as an unscaled decimal at <paramref name="scale"/>, computed from microseconds without rounding error.</summary>
    private static long ExactField(long micros, DateTimeUnit unit, int scale)
    {
        long ofMinute = CivilCalendar.SplitTimestamp(micros).MicrosOfDay % Interval.MicrosPerMinute;
        return unit switch
        {
            // value × 10^scale with value = micros / 10^6 (epoch, second) or micros / 10^3 (millisecond)
            DateTimeUnit.Epoch => Shift(micros, scale - 6),
            DateTimeUnit.Second => Shift(ofMinute, scale - 6),
            DateTimeUnit.Millisecond => Shift(ofMinute, scale - 3),
            _ => checked((long)Math.Round(DateTimeFields.Extract(micros, unit) * DecimalMath.Pow10Long[scale], MidpointRounding.AwayFromZero)),
        };
    }

    private static long Shift(long value, int digits) =>
        digits >= 0 ? checked(value * DecimalMath.Pow10Long[digits]) : DecimalMath.DivideRound(value, -digits);

    /// <summary>date_trunc(unit, timestamp) → same timestamp type (date input gives timestamp).</summary>
    public static ScalarKernel DateTrunc(SqlType sourceType, SqlType resultType) => (args, rows, _) =>
    {
        if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(resultType, rows);
        var validity = Broadcast.CombineValidity(args, rows);
        var units = Units(args[0], rows, validity, sourceType);
        bool sourceConstant = Broadcast.IsConstant(args[1], rows);
        var micros = Micros(args[1]);
        var result = new long[rows];
        for (int i = 0; i < rows; i++)
            if (validity is null || validity.IsValid(i)) result[i] = DateTimeFields.Truncate(micros[sourceConstant ? 0 : i], units[i]);
        return new ColumnVector<long>(resultType, result, rows, validity);
    };

    /// <summary>date_trunc(unit, interval): fields below the unit are zeroed.</summary>
    public static ScalarKernel IntervalTrunc() => (args, rows, _) =>
        KernelTemplates.RowWise<Interval>(args, rows, SqlType.Interval, (ColumnVector[] a, int[] ix, out Interval r) =>
        {
            var unit = DateTimeFields.ParseUnit(((ColumnVector<string>)a[0]).Values[ix[0]], SqlType.Interval);
            var v = ((ColumnVector<Interval>)a[1]).Values[ix[1]];
            r = unit switch
            {
                DateTimeUnit.Millennium => new Interval(v.Months / 12000 * 12000, 0, 0),
                DateTimeUnit.Century => new Interval(v.Months / 1200 * 1200, 0, 0),
                DateTimeUnit.Decade => new Interval(v.Months / 120 * 120, 0, 0),
                DateTimeUnit.Year => new Interval(v.Months / 12 * 12, 0, 0),
                DateTimeUnit.Quarter => new Interval(v.Months / 3 * 3, 0, 0),
                DateTimeUnit.Month => new Interval(v.Months, 0, 0),
                DateTimeUnit.Day => new Interval(v.Months, v.Days, 0),
                DateTimeUnit.Hour => new Interval(v.Months, v.Days, v.Micros / Interval.MicrosPerHour * Interval.MicrosPerHour),
                DateTimeUnit.Minute => new Interval(v.Months, v.Days, v.Micros / Interval.MicrosPerMinute * Interval.MicrosPerMinute),
                DateTimeUnit.Second => new Interval(v.Months, v.Days, v.Micros / Interval.MicrosPerSecond * Interval.MicrosPerSecond),
                DateTimeUnit.Millisecond => new Interval(v.Months, v.Days, v.Micros / 1000 * 1000),
                _ => v,
            };
            return true;
        });

    /// <summary>dateadd(unit, n, date|timestamp) → timestamp.</summary>
    public static ScalarKernel DateAdd(SqlType sourceType, SqlType resultType) => (args, rows, _) =>
    {
        if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(resultType, rows);
        var validity = Broadcast.CombineValidity(args, rows);
        var units = Units(args[0], rows, validity, sourceType);
        var amounts = ((ColumnVector<long>)args[1]).Values;
        bool amountConstant = Broadcast.IsConstant(args[1], rows);
        bool sourceConstant = Broadcast.IsConstant(args[2], rows);
        var micros = Micros(args[2]);
        var result = new long[rows];
        try
        {
            for (int i = 0; i < rows; i++)
                if (validity is null || validity.IsValid(i))
                    result[i] = DateTimeFields.Add(micros[sourceConstant ? 0 : i], units[i], amounts[amountConstant ? 0 : i]);
        }
        catch (OverflowException) { throw DataErrors.OutOfRange(resultType); }
        return new ColumnVector<long>(resultType, result, rows, validity);
    };

    /// <summary>datediff(unit, a, b) → bigint count of unit boundaries from a to b.</summary>
    public static ScalarKernel DateDiff(SqlType sourceType) => (args, rows, _) =>
    {
        if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(SqlType.BigInt, rows);
        var validity = Broadcast.CombineValidity(args, rows);
        var units = Units(args[0], rows, validity, sourceType);
        var a = Micros(args[1]);
        var b = Micros(args[2]);
        bool ac = Broadcast.IsConstant(args[1], rows), bc = Broadcast.IsConstant(args[2], rows);
        var result = new long[rows];
        try
        {
            for (int i = 0; i < rows; i++)
                if (validity is null || validity.IsValid(i)) result[i] = DateTimeFields.Difference(a[ac ? 0 : i], b[bc ? 0 : i], units[i]);
        }
        catch (OverflowException) { throw DataErrors.OutOfRange(SqlType.BigInt); }
        return new ColumnVector<long>(SqlType.BigInt, result, rows, validity);
    };
}
