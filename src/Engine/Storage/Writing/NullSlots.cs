using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Storage.Writing;

/// <summary>
/// Before encoding, NULL slots take the previous row's value (the first non-null value for leading NULLs),
/// so NULLs neither break runs nor add dictionary entries or large deltas. Their validity bits still say NULL.
/// String columns keep the zero-byte NULL slots <see cref="StringColumnBuilder"/> gave them (an Arrow vector is not rewritten in place).
/// </summary>
internal static class NullSlots
{
    public static void CarryForward(ColumnVector column)
    {
        if (column.Validity is not { } validity) return;
        switch (column)
        {
            case ColumnVector<bool> v: Fill(v.Values, column.Length, validity, false); break;
            case ColumnVector<short> v: Fill(v.Values, column.Length, validity, (short)0); break;
            case ColumnVector<int> v: Fill(v.Values, column.Length, validity, 0); break;
            case ColumnVector<long> v: Fill(v.Values, column.Length, validity, 0L); break;
            case ColumnVector<Int128> v: Fill(v.Values, column.Length, validity, Int128.Zero); break;
            case ColumnVector<float> v: Fill(v.Values, column.Length, validity, 0f); break;
            case ColumnVector<double> v: Fill(v.Values, column.Length, validity, 0d); break;
            case ColumnVector<Types.Interval> v: Fill(v.Values, column.Length, validity, default); break;
        }
    }

    private static void Fill<T>(T[] values, int count, ValidityBitmap validity, T fallback)
    {
        T previous = fallback;
        for (int i = 0; i < count; i++)
        {
            if (validity.IsValid(i)) { previous = values[i]; break; }
        }
        for (int i = 0; i < count; i++)
        {
            if (validity.IsValid(i)) previous = values[i];
            else values[i] = previous;
        }
    }
}
