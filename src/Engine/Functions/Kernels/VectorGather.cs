using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>Copies selected rows of a vector into a new dense vector (one typed loop per call).</summary>
internal static class VectorGather
{
    public static ColumnVector Gather(ColumnVector source, ReadOnlySpan<int> rows)
    {
        return source switch
        {
            ColumnVector<bool> v => Typed(v, rows),
            ColumnVector<short> v => Typed(v, rows),
            ColumnVector<int> v => Typed(v, rows),
            ColumnVector<long> v => Typed(v, rows),
            ColumnVector<Int128> v => Typed(v, rows),
            ColumnVector<float> v => Typed(v, rows),
            ColumnVector<double> v => Typed(v, rows),
            ColumnVector<string> v => Typed(v, rows),
            ColumnVector<Interval> v => Typed(v, rows),
            _ => throw new InvalidOperationException($"cannot gather {source.GetType()}"),
        };
    }

    private static ColumnVector<T> Typed<T>(ColumnVector<T> source, ReadOnlySpan<int> rows)
    {
        int n = rows.Length;
        var values = new T[n];
        bool constant = source.Length == 1;
        var src = source.Values;
        ValidityBitmap? validity = null;
        for (int i = 0; i < n; i++)
        {
            int r = constant ? 0 : rows[i];
            values[i] = src[r];
            if (source.IsNull(r))
            {
                validity ??= new ValidityBitmap(n);
                validity.SetNull(i);
            }
        }
        return new ColumnVector<T>(source.Type, values, n, validity);
    }
}
