using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Scanning;

/// <summary>Copies a range or a selection of rows of a decoded block into a batch-sized vector.</summary>
internal static class VectorSlicer
{
    public static ColumnVector Range(ColumnVector source, int start, int count) => source switch
    {
        ColumnVector<bool> v => Range(v, start, count),
        ColumnVector<short> v => Range(v, start, count),
        ColumnVector<int> v => Range(v, start, count),
        ColumnVector<long> v => Range(v, start, count),
        ColumnVector<Int128> v => Range(v, start, count),
        ColumnVector<float> v => Range(v, start, count),
        ColumnVector<double> v => Range(v, start, count),
        ColumnVector<string> v => Range(v, start, count),
        ColumnVector<Interval> v => Range(v, start, count),
        _ => throw new ArgumentException($"cannot slice {source.GetType().Name}", nameof(source)),
    };

    public static ColumnVector Select(ColumnVector source, ReadOnlySpan<int> rows) => source switch
    {
        ColumnVector<bool> v => Select(v, rows),
        ColumnVector<short> v => Select(v, rows),
        ColumnVector<int> v => Select(v, rows),
        ColumnVector<long> v => Select(v, rows),
        ColumnVector<Int128> v => Select(v, rows),
        ColumnVector<float> v => Select(v, rows),
        ColumnVector<double> v => Select(v, rows),
        ColumnVector<string> v => Select(v, rows),
        ColumnVector<Interval> v => Select(v, rows),
        _ => throw new ArgumentException($"cannot slice {source.GetType().Name}", nameof(source)),
    };

    private static ColumnVector<T> Range<T>(ColumnVector<T> source, int start, int count)
    {
        var values = new T[count];
        Array.Copy(source.Values, start, values, 0, count);
        ValidityBitmap? validity = null;
        if (source.Validity is { } sv)
        {
            validity = new ValidityBitmap(count);
            bool any = false;
            for (int i = 0; i < count; i++)
                if (!sv.IsValid(start + i)) { validity.SetNull(i); any = true; }
            if (!any) validity = null;
        }
        return new ColumnVector<T>(source.Type, values, count, validity);
    }

    private static ColumnVector<T> Select<T>(ColumnVector<T> source, ReadOnlySpan<int> rows)
    {
        var values = new T[rows.Length];
        var sourceValues = source.Values;
        for (int i = 0; i < rows.Length; i++) values[i] = sourceValues[rows[i]];
        ValidityBitmap? validity = null;
        if (source.Validity is { } sv)
        {
            validity = new ValidityBitmap(rows.Length);
            bool any = false;
            for (int i = 0; i < rows.Length; i++)
                if (!sv.IsValid(rows[i])) { validity.SetNull(i); any = true; }
            if (!any) validity = null;
        }
        return new ColumnVector<T>(source.Type, values, rows.Length, validity);
    }
}
