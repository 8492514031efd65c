using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>
/// Dictionary-encoded columns are materialised on read: our column vectors have no dictionary
/// layout, so each index is replaced by its dictionary value (an invalid index is an error).
/// </summary>
internal static class ArrowDictionaryDecoder
{
    public static ColumnVector Materialize(ColumnVector dictionary, long[] indices, ValidityBitmap? validity, string fieldName) => dictionary switch
    {
        ColumnVector<bool> v => Gather(v, indices, validity, fieldName),
        ColumnVector<short> v => Gather(v, indices, validity, fieldName),
        ColumnVector<int> v => Gather(v, indices, validity, fieldName),
        ColumnVector<long> v => Gather(v, indices, validity, fieldName),
        ColumnVector<Int128> v => Gather(v, indices, validity, fieldName),
        ColumnVector<float> v => Gather(v, indices, validity, fieldName),
        ColumnVector<double> v => Gather(v, indices, validity, fieldName),
        StringVector v => GatherStrings(v, indices, validity, fieldName),
        ColumnVector<Types.Interval> v => Gather(v, indices, validity, fieldName),
        _ => throw ArrowFormatException.Unsupported($"dictionary of type {dictionary.Type} (field \"{fieldName}\")"),
    };

    /// <summary>A delta dictionary batch appends its values to the existing dictionary.</summary>
    public static ColumnVector Append(ColumnVector existing, ColumnVector delta) => existing switch
    {
        ColumnVector<bool> v => Concat(v, (ColumnVector<bool>)delta),
        ColumnVector<short> v => Concat(v, (ColumnVector<short>)delta),
        ColumnVector<int> v => Concat(v, (ColumnVector<int>)delta),
        ColumnVector<long> v => Concat(v, (ColumnVector<long>)delta),
        ColumnVector<Int128> v => Concat(v, (ColumnVector<Int128>)delta),
        ColumnVector<float> v => Concat(v, (ColumnVector<float>)delta),
        ColumnVector<double> v => Concat(v, (ColumnVector<double>)delta),
        StringVector v => Execution.Vectors.VectorOps.Concat(v.Type, [v, delta], "an Arrow dictionary"),
        ColumnVector<Types.Interval> v => Concat(v, (ColumnVector<Types.Interval>)delta),
        _ => throw ArrowFormatException.Unsupported($"dictionary of type {existing.Type}"),
    };

    private static ColumnVector<T> Concat<T>(ColumnVector<T> existing, ColumnVector<T> delta)
    {
        int length = existing.Length + delta.Length;
        var values = new T[length];
        existing.Span.CopyTo(values);
        delta.Span.CopyTo(values.AsSpan(existing.Length));
        ValidityBitmap? validity = null;
        if (existing.Validity is not null || delta.Validity is not null)
        {
            validity = new ValidityBitmap(length);
            for (int i = 0; i < existing.Length; i++) validity.Set(i, !existing.IsNull(i));
            for (int i = 0; i < delta.Length; i++) validity.Set(existing.Length + i, !delta.IsNull(i));
        }
        return new ColumnVector<T>(existing.Type, values, length, validity);
    }

    private static ColumnVector<T> Gather<T>(ColumnVector<T> dictionary, long[] indices, ValidityBitmap? validity, string fieldName)
    {
        int length = indices.Length;
        var values = new T[length];
        ValidityBitmap? resultValidity = validity?.Clone();
        for (int i = 0; i < length; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            long index = indices[i];
            if (index < 0 || index >= dictionary.Length)
                throw ArrowFormatException.Malformed($"dictionary index {index} of \"{fieldName}\" at row {i} is outside the {dictionary.Length}-entry dictionary");
            values[i] = dictionary.Values[index];
            if (dictionary.IsNull((int)index))
            {
                resultValidity ??= new ValidityBitmap(length);
                resultValidity.SetNull(i);
            }
        }
        return new ColumnVector<T>(dictionary.Type, values, length, resultValidity);
    }

    private static ColumnVector GatherStrings(StringVector dictionary, long[] indices, ValidityBitmap? validity, string fieldName)
    {
        var rows = new int[indices.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            if (validity is not null && !validity.IsValid(i))
            {
                rows[i] = -1;
                continue;
            }
            long index = indices[i];
            if (index < 0 || index >= dictionary.Length)
                throw ArrowFormatException.Malformed($"dictionary index {index} of \"{fieldName}\" at row {i} is outside the {dictionary.Length}-entry dictionary");
            rows[i] = (int)index;
        }
        return VectorSelection.Take(dictionary, rows);
    }
}
