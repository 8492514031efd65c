using System.Globalization;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Casting;

/// <summary>
/// Casts among SMALLINT, INTEGER, BIGINT, DECIMAL, REAL and DOUBLE. Exact sources are first widened to
/// scaled Int128 values, floats to doubles; one typed loop then writes the target with range checks.
/// </summary>
internal static class NumericCasts
{
    public static ColumnVector Convert(ColumnVector input, SqlType target)
    {
        var source = input.Type;
        int n = input.Length;
        var validity = input.Validity?.Clone();

        // Cheap paths that need no intermediate array.
        if (source.IsInteger && target.Id == TypeId.BigInt) return WidenToLong(input, target, validity);
        if (source.Id == TypeId.Decimal && target.Id == TypeId.Decimal && !source.IsWideDecimal && !target.IsWideDecimal && target.Scale >= source.Scale)
            return RescaleShortUp(input, target, validity);

        if (source.IsFloat)
        {
            var doubles = ReadDoubles(input);
            return FromDoubles(doubles, n, target, validity);
        }
        var (exact, scale) = ReadExact(input);
        return FromExact(exact, scale, n, target, validity);
    }

    private static ColumnVector WidenToLong(ColumnVector input, SqlType target, ValidityBitmap? validity)
    {
        int n = input.Length;
        var result = new long[n];
        switch (input)
        {
            case ColumnVector<short> s: for (int i = 0; i < n; i++) result[i] = s.Values[i]; break;
            case ColumnVector<int> v: for (int i = 0; i < n; i++) result[i] = v.Values[i]; break;
            case ColumnVector<long> l: Array.Copy(l.Values, result, n); break;
        }
        return new ColumnVector<long>(target, result, n, validity);
    }

    private static ColumnVector RescaleShortUp(ColumnVector input, SqlType target, ValidityBitmap? validity)
    {
        var values = ((ColumnVector<long>)input).Values;
        int n = input.Length;
        long factor = DecimalMath.Pow10Long[target.Scale - input.Type.Scale];
        var (precision, _) = ValueParser.DecimalShape(target);
        var result = new long[n];
        for (int i = 0; i < n; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            long v;
            try { v = checked(values[i] * factor); }
            catch (OverflowException) { throw DataErrors.OutOfRange(target); }
            if (!DecimalMath.FitsPrecision(v, precision)) throw DataErrors.OutOfRange(target);
            result[i] = v;
        }
        return new ColumnVector<long>(target, result, n, validity);
    }

    /// <summary>Integer and decimal sources as unscaled Int128 with their scale.</summary>
    internal static (Int128[] Values, int Scale) ReadExact(ColumnVector input)
    {
        int n = input.Length;
        var result = new Int128[n];
        switch (input)
        {
            case ColumnVector<short> s: for (int i = 0; i < n; i++) result[i] = s.Values[i]; break;
            case ColumnVector<int> v: for (int i = 0; i < n; i++) result[i] = v.Values[i]; break;
            case ColumnVector<long> l: for (int i = 0; i < n; i++) result[i] = l.Values[i]; break;
            case ColumnVector<Int128> w: Array.Copy(w.Values, result, n); break;
            default: throw new InvalidOperationException($"not an exact numeric vector: {input.Type}");
        }
        return (result, input.Type.Id == TypeId.Decimal ? input.Type.Scale : 0);
    }

    internal static double[] ReadDoubles(ColumnVector input)
    {
        int n = input.Length;
        if (input is ColumnVector<double> d) return d.Values;
        var result = new double[n];
        var f = ((ColumnVector<float>)input).Values;
        for (int i = 0; i < n; i++) result[i] = f[i];
        return result;
    }

    private static ColumnVector FromExact(Int128[] values, int scale, int n, SqlType target, ValidityBitmap? validity)
    {
        switch (target.Id)
        {
            case TypeId.SmallInt:
            {
                var result = new short[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) result[i] = (short)ToInteger(values[i], scale, short.MinValue, short.MaxValue, target);
                return new ColumnVector<short>(target, result, n, validity);
            }
            case TypeId.Integer:
            {
                var result = new int[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) result[i] = (int)ToInteger(values[i], scale, int.MinValue, int.MaxValue, target);
                return new ColumnVector<int>(target, result, n, validity);
            }
            case TypeId.BigInt:
            {
                var result = new long[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) result[i] = ToInteger(values[i], scale, long.MinValue, long.MaxValue, target);
                return new ColumnVector<long>(target, result, n, validity);
            }
            case TypeId.Decimal:
            {
                var (precision, targetScale) = ValueParser.DecimalShape(target);
                if (target.IsWideDecimal)
                {
                    var result = new Int128[n];
                    for (int i = 0; i < n; i++)
                        if (validity is null || validity.IsValid(i)) result[i] = ToDecimal(values[i], scale, precision, targetScale, target);
                    return new ColumnVector<Int128>(target, result, n, validity);
                }
                else
                {
                    var result = new long[n];
                    for (int i = 0; i < n; i++)
                        if (validity is null || validity.IsValid(i)) result[i] = (long)ToDecimal(values[i], scale, precision, targetScale, target);
                    return new ColumnVector<long>(target, result, n, validity);
                }
            }
            case TypeId.Real:
            {
                var result = new float[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) result[i] = (float)DecimalMath.ToDouble(values[i], scale);
                return new ColumnVector<float>(target, result, n, validity);
            }
            case TypeId.Double:
            {
                var result = new double[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) result[i] = DecimalMath.ToDouble(values[i], scale);
                return new ColumnVector<double>(target, result, n, validity);
            }
            default:
                throw Casts.CannotCast(SqlType.Decimal(38, scale), target);
        }
    }

    private static long ToInteger(Int128 unscaled, int scale, long min, long max, SqlType target)
    {
        var rounded = DecimalMath.DivideRound(unscaled, scale);
        if (rounded < min || rounded > max) throw DataErrors.OutOfRange(target);
        return (long)rounded;
    }

    private static Int128 ToDecimal(Int128 unscaled, int scale, int precision, int targetScale, SqlType target)
    {
        Int128 v;
        try { v = DecimalMath.Rescale(unscaled, scale, targetScale); }
        catch (OverflowException) { throw DataErrors.OutOfRange(target); }
        if (!DecimalMath.FitsPrecision(v, precision)) throw DataErrors.OutOfRange(target);
        return v;
    }

    private static ColumnVector FromDoubles(double[] values, int n, SqlType target, ValidityBitmap? validity)
    {
        switch (target.Id)
        {
            case TypeId.SmallInt:
            {
                var result = new short[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) result[i] = (short)FloatToInteger(values[i], short.MinValue, short.MaxValue, target);
                return new ColumnVector<short>(target, result, n, validity);
            }
            case TypeId.Integer:
            {
                var result = new int[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) result[i] = (int)FloatToInteger(values[i], int.MinValue, int.MaxValue, target);
                return new ColumnVector<int>(target, result, n, validity);
            }
            case TypeId.BigInt:
            {
                var result = new long[n];
                for (int i = 0; i < n; i++)
                    if (validity is null || validity.IsValid(i)) result[i] = FloatToInteger(values[i], long.MinValue, long.MaxValue, target);
                return new ColumnVector<long>(target, result, n, validity);
            }
            case TypeId.Decimal:
            {
                var (precision, scale) = ValueParser.DecimalShape(target);
                var wide = new Int128[n];
                for (int i = 0; i < n; i++)
                {
                    if (validity is not null && !validity.IsValid(i)) continue;
                    double d = values[i];
                    if (double.IsNaN(d) || double.IsInfinity(d))
                        throw new Errors.SqlException(Errors.SqlState.FeatureNotSupported, $"cannot convert {ValueFormatter.FormatDouble(d)} to numeric");
                    // The shortest round-trip digits, as PostgreSQL's float → numeric conversion uses.
                    var status = NumberParsing.TryParseDecimal(d.ToString("R", CultureInfo.InvariantCulture), precision, scale, out wide[i]);
                    if (status != ParseStatus.Ok) throw DataErrors.OutOfRange(target);
                }
                if (target.IsWideDecimal) return new ColumnVector<Int128>(target, wide, n, validity);
                var result = new long[n];
                for (int i = 0; i < n; i++) result[i] = (long)wide[i];
                return new ColumnVector<long>(target, result, n, validity);
            }
            case TypeId.Real:
            {
                var result = new float[n];
                for (int i = 0; i < n; i++)
                {
                    if (validity is not null && !validity.IsValid(i)) continue;
                    float f = (float)values[i];
                    if (float.IsInfinity(f) && !double.IsInfinity(values[i])) throw DataErrors.OutOfRange(target);
                    result[i] = f;
                }
                return new ColumnVector<float>(target, result, n, validity);
            }
            case TypeId.Double:
            {
                var result = new double[n];
                Array.Copy(values, result, n);
                return new ColumnVector<double>(target, result, n, validity);
            }
            default:
                throw Casts.CannotCast(SqlType.Double, target);
        }
    }

    /// <summary>PostgreSQL rounds floats to integers half to even (rint) and rejects NaN and out-of-range values.</summary>
    private static long FloatToInteger(double value, long min, long max, SqlType target)
    {
        if (double.IsNaN(value)) throw DataErrors.OutOfRange(target);
        double rounded = Math.Round(value, MidpointRounding.ToEven);
        // (double)long.MaxValue rounds up to 2^63, so the upper bound must be exclusive.
        if (rounded < min || rounded >= -(double)min) throw DataErrors.OutOfRange(target);
        if (rounded > max) throw DataErrors.OutOfRange(target);
        return (long)rounded;
    }
}
