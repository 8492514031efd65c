using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>Builds column vectors from boxed physical values (INSERT ... VALUES rows, system relations). Not for hot paths.</summary>
public static class VectorBuilder
{
    public static ColumnVector Build(SqlType type, IReadOnlyList<object?> values)
    {
        if (type.Id == TypeId.Unknown) type = SqlType.Text;
        int n = values.Count;
        if (type.IsString) return BuildStrings(type, values);
        var vector = ColumnVector.Allocate(type, n);
        ValidityBitmap? validity = null;
        for (int i = 0; i < n; i++)
        {
            var value = values[i];
            if (value is null)
            {
                validity ??= new ValidityBitmap(n, allValid: true);
                validity.SetNull(i);
                continue;
            }
            switch (vector)
            {
                case ColumnVector<bool> v: v.Values[i] = (bool)value; break;
                case ColumnVector<short> v: v.Values[i] = Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case ColumnVector<int> v: v.Values[i] = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case ColumnVector<long> v: v.Values[i] = value is Int128 l128 ? (long)l128 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case ColumnVector<Int128> v: v.Values[i] = value is Int128 w ? w : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case ColumnVector<float> v: v.Values[i] = Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case ColumnVector<double> v: v.Values[i] = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case ColumnVector<Interval> v: v.Values[i] = (Interval)value; break;
            }
        }
        vector.Validity = validity;
        return vector;
    }

    private static StringVector BuildStrings(SqlType type, IReadOnlyList<object?> values)
    {
        var builder = new StringVectorBuilder(values.Count);
        ValidityBitmap? validity = null;
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is string text)
            {
                builder.Append(text);
                continue;
            }
            if (values[i] is not null) throw new InvalidCastException($"{values[i]!.GetType().Name} is not a string value");
            builder.AppendEmpty();
            validity ??= new ValidityBitmap(values.Count, allValid: true);
            validity.SetNull(i);
        }
        return builder.Build(type, validity);
    }

    /// <summary>A batch of <paramref name="rows"/> (each one value per column).</summary>
    public static Batch FromRows(IReadOnlyList<SqlType> types, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        var columns = new ColumnVector[types.Count];
        for (int c = 0; c < types.Count; c++)
        {
            var values = new object?[rows.Count];
            for (int r = 0; r < rows.Count; r++) values[r] = rows[r][c];
            columns[c] = Build(types[c], values);
        }
        return new Batch(columns, rows.Count);
    }
}
