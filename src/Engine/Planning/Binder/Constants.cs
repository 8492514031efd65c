using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>Boxed physical values to and from one-row vectors (plan-time folding only, never per row).</summary>
internal static class Constants
{
    public static ColumnVector ToVector(object? value, SqlType type)
    {
        if (type.Id == TypeId.Unknown) type = SqlType.Text;
        if (value is string text && type.IsString) return StringVector.FromStrings(type, [text]);
        var vector = ColumnVector.Allocate(type, 1);
        if (value is null)
        {
            vector.Validity = new ValidityBitmap(1, allValid: false);
            return vector;
        }
        switch (vector)
        {
            case ColumnVector<bool> v: v.Values[0] = (bool)value; break;
            case ColumnVector<short> v: v.Values[0] = value is Int128 s128 ? (short)s128 : Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case ColumnVector<int> v: v.Values[0] = value is Int128 i128 ? (int)i128 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case ColumnVector<long> v: v.Values[0] = value is Int128 l128 ? (long)l128 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case ColumnVector<Int128> v: v.Values[0] = value is Int128 i ? i : (Int128)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case ColumnVector<float> v: v.Values[0] = Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case ColumnVector<double> v: v.Values[0] = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case ColumnVector<Interval> v: v.Values[0] = (Interval)value; break;
            default: throw new InvalidOperationException($"no constant vector for {type}");
        }
        return vector;
    }

    /// <summary>
    /// Brings a boxed value to the exact physical type of <paramref name="type"/> (e.g. an Int128 parsed for a
    /// DECIMAL(p ≤ 18) becomes long), so literals always match what kernels expect.
    /// </summary>
    public static object? Normalize(object? value, SqlType type)
    {
        if (value is null) return null;
        var physical = Columnar.ColumnVector.PhysicalType(type.Id == TypeId.Unknown ? SqlType.Text : type);
        if (value.GetType() == physical) return value;
        return Constants.FromVector(ToVector(value, type));
    }

    /// <summary>The value at row 0, boxed in the physical type of the vector's SQL type.</summary>
    public static object? FromVector(ColumnVector vector) => vector.Length == 0 ? null : vector.GetBoxed(0);
}
