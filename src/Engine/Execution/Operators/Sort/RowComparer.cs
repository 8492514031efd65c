using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators.Sort;

/// <summary>
/// Compares rows of one materialized batch by a list of sort keys, with PostgreSQL ordering rules
/// (NaN after every number, strings by UTF-8 bytes, i.e. code point — the C collation Redshift uses, intervals by
/// their month/day/microsecond ordering key). Ties keep input order (the row index breaks them).
/// </summary>
public sealed class RowComparer : IComparer<int>
{
    private readonly ColumnComparer[] _columns;

    public RowComparer(Batch batch, IReadOnlyList<SortKey> keys)
    {
        _columns = new ColumnComparer[keys.Count];
        for (int i = 0; i < keys.Count; i++) _columns[i] = ColumnComparer.Create(batch.Columns[keys[i].Column], keys[i]);
    }

    public int Compare(int a, int b)
    {
        foreach (var column in _columns)
        {
            int c = column.Compare(a, b);
            if (c != 0) return c;
        }
        return a.CompareTo(b);
    }

    /// <summary>Compares without the index tie-break: 0 means the rows are peers.</summary>
    public bool AreEqual(int a, int b)
    {
        foreach (var column in _columns)
            if (column.Compare(a, b) != 0) return false;
        return true;
    }
}

internal abstract class ColumnComparer
{
    public abstract int Compare(int a, int b);

    public static ColumnComparer Create(ColumnVector vector, SortKey key) => vector switch
    {
        ColumnVector<bool> v => new ColumnComparer<bool>(v, key),
        ColumnVector<short> v => new ColumnComparer<short>(v, key),
        ColumnVector<int> v => new ColumnComparer<int>(v, key),
        ColumnVector<long> v => new ColumnComparer<long>(v, key),
        ColumnVector<Int128> v => new ColumnComparer<Int128>(v, key),
        ColumnVector<float> v => new ColumnComparer<float>(v, key),
        ColumnVector<double> v => new ColumnComparer<double>(v, key),
        StringVector v => new StringColumnComparer(v, key),
        ColumnVector<Interval> v => new ColumnComparer<Interval>(v, key),
        _ => throw new InvalidOperationException($"cannot sort {vector.GetType()}"),
    };
}

internal sealed class ColumnComparer<T>(ColumnVector<T> vector, SortKey key) : ColumnComparer
{
    private readonly T[] _values = vector.Values;
    private readonly ValidityBitmap? _validity = vector.Validity;
    private readonly int _direction = key.Descending ? -1 : 1;
    private readonly int _nullOrder = key.NullsFirst ? -1 : 1;

    public override int Compare(int a, int b)
    {
        if (_validity is { } validity)
        {
            bool aNull = !validity.IsValid(a), bNull = !validity.IsValid(b);
            if (aNull | bNull) return aNull == bNull ? 0 : aNull ? _nullOrder : -_nullOrder;
        }
        return _direction * ValueOrder.Compare(_values[a], _values[b]);
    }
}

internal sealed class StringColumnComparer(StringVector vector, SortKey key) : ColumnComparer
{
    private readonly int _direction = key.Descending ? -1 : 1;
    private readonly int _nullOrder = key.NullsFirst ? -1 : 1;

    public override int Compare(int a, int b)
    {
        if (vector.Validity is { } validity)
        {
            bool aNull = !validity.IsValid(a), bNull = !validity.IsValid(b);
            if (aNull | bNull) return aNull == bNull ? 0 : aNull ? _nullOrder : -_nullOrder;
        }
        return _direction * Math.Sign(vector.GetBytes(a).SequenceCompareTo(vector.GetBytes(b)));
    }
}

/// <summary>PostgreSQL's total order on physical values of one type.</summary>
public static class ValueOrder
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Compare<T>(T a, T b)
    {
        if (typeof(T) == typeof(string)) return Math.Sign(string.CompareOrdinal((string)(object)a!, (string)(object)b!));
        if (typeof(T) == typeof(double))
        {
            double x = (double)(object)a!, y = (double)(object)b!;
            if (double.IsNaN(x) || double.IsNaN(y)) return double.IsNaN(x) ? (double.IsNaN(y) ? 0 : 1) : -1;
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (typeof(T) == typeof(float))
        {
            float x = (float)(object)a!, y = (float)(object)b!;
            if (float.IsNaN(x) || float.IsNaN(y)) return float.IsNaN(x) ? (float.IsNaN(y) ? 0 : 1) : -1;
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (typeof(T) == typeof(Interval)) return ((Interval)(object)a!).OrderingKey.CompareTo(((Interval)(object)b!).OrderingKey);
        return Comparer<T>.Default.Compare(a, b);
    }
}
