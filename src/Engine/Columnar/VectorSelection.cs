using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Columnar;

/// <summary>
/// New vectors made of some rows of another: a gather by row index (filters, sorts, joins, scans with
/// delete vectors) and a contiguous range (batch-sized pieces of a block). The lowest layer owns them so
/// storage and execution share one typed loop per element type.
/// </summary>
public static class VectorSelection
{
    /// <summary>Rows <paramref name="indices"/> of <paramref name="source"/>; an index of -1 yields NULL.</summary>
    public static ColumnVector Take(ColumnVector source, ReadOnlySpan<int> indices) => source switch
    {
        ColumnVector<bool> v => TakeTyped(v, indices),
        ColumnVector<short> v => TakeTyped(v, indices),
        ColumnVector<int> v => TakeTyped(v, indices),
        ColumnVector<long> v => TakeTyped(v, indices),
        ColumnVector<Int128> v => TakeTyped(v, indices),
        ColumnVector<float> v => TakeTyped(v, indices),
        ColumnVector<double> v => TakeTyped(v, indices),
        StringVector v => TakeStrings(v, indices),
        ColumnVector<string> v => TakeTyped(v, indices), // .NET strings inside a scalar function (StringForms)
        ColumnVector<Interval> v => TakeTyped(v, indices),
        _ => throw new InvalidOperationException($"unexpected vector {source.GetType()}"),
    };

    public static ColumnVector<T> TakeTyped<T>(ColumnVector<T> source, ReadOnlySpan<int> indices)
    {
        int n = indices.Length;
        var values = GC.AllocateUninitializedArray<T>(n);
        var src = source.Values;
        var srcValidity = source.Validity;
        if (srcValidity is null)
        {
            // Common case: no NULLs in the source. Gather first, then look for NULL-extending (-1) indices.
            // Writes go through a ref so reference types skip the covariant array-store check.
            bool extended = false;
            ref T dst = ref MemoryMarshal.GetArrayDataReference(values);
            for (int i = 0; i < n; i++)
            {
                int idx = indices[i];
                if (idx < 0)
                {
                    extended = true;
                    Unsafe.Add(ref dst, i) = default!;
                    continue;
                }
                Unsafe.Add(ref dst, i) = src[idx];
            }
            if (!extended) return new ColumnVector<T>(source.Type, values, n);
            var nulls = new ValidityBitmap(n);
            for (int i = 0; i < n; i++)
                if (indices[i] < 0) nulls.SetNull(i);
            return new ColumnVector<T>(source.Type, values, n, nulls);
        }
        ValidityBitmap? validity = null;
        for (int i = 0; i < n; i++)
        {
            int idx = indices[i];
            if (idx < 0 || !srcValidity.IsValid(idx))
            {
                validity ??= new ValidityBitmap(n);
                validity.SetNull(i);
                values[i] = default!;
                continue;
            }
            values[i] = src[idx];
        }
        return new ColumnVector<T>(source.Type, values, n, validity);
    }

    /// <summary>Every column of <paramref name="batch"/> gathered by <paramref name="indices"/>.</summary>
    public static Batch Take(Batch batch, ReadOnlySpan<int> indices)
    {
        var columns = new ColumnVector[batch.ColumnCount];
        for (int c = 0; c < columns.Length; c++) columns[c] = Take(batch.Columns[c], indices);
        return new Batch(columns, indices.Length);
    }

    /// <summary>Rows [start, start+count) as a new vector.</summary>
    public static ColumnVector Slice(ColumnVector source, int start, int count) => source switch
    {
        ColumnVector<bool> v => SliceTyped(v, start, count),
        ColumnVector<short> v => SliceTyped(v, start, count),
        ColumnVector<int> v => SliceTyped(v, start, count),
        ColumnVector<long> v => SliceTyped(v, start, count),
        ColumnVector<Int128> v => SliceTyped(v, start, count),
        ColumnVector<float> v => SliceTyped(v, start, count),
        ColumnVector<double> v => SliceTyped(v, start, count),
        StringVector v => start == 0 && count == v.Length ? v : CopyRangeStrings(v, start, count),
        ColumnVector<string> v => SliceTyped(v, start, count),
        ColumnVector<Interval> v => SliceTyped(v, start, count),
        _ => throw new InvalidOperationException($"unexpected vector {source.GetType()}"),
    };

    private static ColumnVector<T> SliceTyped<T>(ColumnVector<T> source, int start, int count) =>
        start == 0 && count == source.Length ? source : CopyRangeTyped(source, start, count);

    /// <summary>
    /// Rows [start, start+count) always as a fresh copy, never the source itself: for callers (the
    /// storage scanner) that hand out vectors of a shared cache which the receiver may modify.
    /// </summary>
    public static ColumnVector CopyRange(ColumnVector source, int start, int count) => source switch
    {
        ColumnVector<bool> v => CopyRangeTyped(v, start, count),
        ColumnVector<short> v => CopyRangeTyped(v, start, count),
        ColumnVector<int> v => CopyRangeTyped(v, start, count),
        ColumnVector<long> v => CopyRangeTyped(v, start, count),
        ColumnVector<Int128> v => CopyRangeTyped(v, start, count),
        ColumnVector<float> v => CopyRangeTyped(v, start, count),
        ColumnVector<double> v => CopyRangeTyped(v, start, count),
        StringVector v => CopyRangeStrings(v, start, count),
        ColumnVector<string> v => CopyRangeTyped(v, start, count),
        ColumnVector<Interval> v => CopyRangeTyped(v, start, count),
        _ => throw new InvalidOperationException($"unexpected vector {source.GetType()}"),
    };

    private static ColumnVector<T> CopyRangeTyped<T>(ColumnVector<T> source, int start, int count)
    {
        var values = new T[count];
        Array.Copy(source.Values, start, values, 0, count);
        ValidityBitmap? validity = null;
        if (source.Validity is { } sv)
        {
            for (int i = 0; i < count; i++)
            {
                if (!sv.IsValid(start + i))
                {
                    validity ??= new ValidityBitmap(count);
                    validity.SetNull(i);
                }
            }
        }
        return new ColumnVector<T>(source.Type, values, count, validity);
    }

    private static StringVector TakeStrings(StringVector source, ReadOnlySpan<int> indices)
    {
        int n = indices.Length;
        var srcOffsets = source.Offsets;
        var srcValidity = source.Validity;
        var offsets = new int[n + 1];
        long total = 0;
        ValidityBitmap? validity = null;
        for (int i = 0; i < n; i++)
        {
            int idx = indices[i];
            if (idx < 0 || (srcValidity is not null && !srcValidity.IsValid(idx)))
            {
                validity ??= new ValidityBitmap(n);
                validity.SetNull(i);
            }
            else
            {
                total += srcOffsets[idx + 1] - srcOffsets[idx];
            }
            offsets[i + 1] = (int)Math.Min(total, int.MaxValue);
        }
        StringDataLimit.Check(total, "a gather of rows"); // rows taken more than once can outgrow the source
        var data = GC.AllocateUninitializedArray<byte>((int)total);
        var src = source.Data;
        for (int i = 0; i < n; i++)
        {
            int length = offsets[i + 1] - offsets[i];
            if (length == 0) continue;
            Buffer.BlockCopy(src, srcOffsets[indices[i]], data, offsets[i], length);
        }
        return new StringVector(source.Type, offsets, data, n, validity);
    }

    private static StringVector CopyRangeStrings(StringVector source, int start, int count)
    {
        var srcOffsets = source.Offsets;
        int first = srcOffsets[start];
        int bytes = srcOffsets[start + count] - first;
        var offsets = new int[count + 1];
        for (int i = 0; i <= count; i++) offsets[i] = srcOffsets[start + i] - first;
        var data = GC.AllocateUninitializedArray<byte>(bytes);
        Buffer.BlockCopy(source.Data, first, data, 0, bytes);
        return new StringVector(source.Type, offsets, data, count, CopyValidity(source.Validity, start, count));
    }

    private static ValidityBitmap? CopyValidity(ValidityBitmap? source, int start, int count)
    {
        if (source is null) return null;
        ValidityBitmap? validity = null;
        for (int i = 0; i < count; i++)
        {
            if (!source.IsValid(start + i))
            {
                validity ??= new ValidityBitmap(count);
                validity.SetNull(i);
            }
        }
        return validity;
    }

    public static Batch Slice(Batch batch, int start, int count)
    {
        if (start == 0 && count == batch.RowCount) return batch;
        var columns = new ColumnVector[batch.ColumnCount];
        for (int c = 0; c < columns.Length; c++) columns[c] = Slice(batch.Columns[c], start, count);
        return new Batch(columns, count);
    }
}
