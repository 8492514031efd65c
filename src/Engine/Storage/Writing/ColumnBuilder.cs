using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Writing;

/// <summary>
/// A growing column of one slice's pending rows. Rows arrive by gathering from batches and leave as
/// row-group vectors gathered through the sort permutation; one virtual call per column per batch.
/// </summary>
internal abstract class ColumnBuilder
{
    public abstract int Count { get; }

    /// <summary>Bytes of variable-length data pending (string columns); 0 for fixed-width columns.</summary>
    public virtual long PendingBytes => 0;

    public abstract void AppendRows(ColumnVector source, ReadOnlySpan<int> rows);

    public abstract void AppendRange(ColumnVector source, int start, int count);

    /// <summary>A new vector holding the rows at <paramref name="rows"/>, in that order.</summary>
    public abstract ColumnVector Gather(ReadOnlySpan<int> rows);

    public abstract bool IsNull(int row);

    /// <summary>Order of two pending rows for the sort key: values ascending, NULLs last.</summary>
    public abstract int CompareRows(int a, int b);

    /// <summary>The pending values widened to long when this is an integer-family column without NULLs, else null (sort fast path).</summary>
    public abstract long[]? TryWidenToLongs();

    public static ColumnBuilder Create(SqlType type) => type.Id switch
    {
        TypeId.Boolean => new ColumnBuilder<bool>(type),
        TypeId.SmallInt => new ColumnBuilder<short>(type),
        TypeId.Integer or TypeId.Date => new ColumnBuilder<int>(type),
        TypeId.BigInt or TypeId.Timestamp or TypeId.TimestampTz => new ColumnBuilder<long>(type),
        TypeId.Decimal when type.IsWideDecimal => new ColumnBuilder<Int128>(type),
        TypeId.Decimal => new ColumnBuilder<long>(type),
        TypeId.Real => new ColumnBuilder<float>(type),
        TypeId.Double => new ColumnBuilder<double>(type),
        TypeId.Char or TypeId.Varchar or TypeId.Unknown => new StringColumnBuilder(type),
        TypeId.Interval => new ColumnBuilder<Interval>(type),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "cannot store"),
    };
}

internal sealed class ColumnBuilder<T> : ColumnBuilder
{
    private readonly SqlType _type;
    private T[] _values = new T[1024];
    private bool[]? _nulls;
    private int _count;

    public ColumnBuilder(SqlType type) => _type = type;

    public override int Count => _count;

    /// <summary>The values so far (length ≥ <see cref="Count"/>), for sorting.</summary>
    public T[] Values => _values;

    public override bool IsNull(int row) => _nulls is not null && _nulls[row];

    public override int CompareRows(int a, int b)
    {
        if (_nulls is not null)
        {
            bool na = _nulls[a], nb = _nulls[b];
            if (na || nb) return na == nb ? 0 : na ? 1 : -1;
        }
        return ValueOrder<T>.Compare(_values[a], _values[b]);
    }

    public override long[]? TryWidenToLongs()
    {
        if (_nulls is not null && Array.IndexOf(_nulls, true, 0, _count) >= 0) return null;
        var result = new long[_count];
        switch (_values)
        {
            case short[] v: for (int i = 0; i < _count; i++) result[i] = v[i]; return result;
            case int[] v: for (int i = 0; i < _count; i++) result[i] = v[i]; return result;
            case long[] v: Array.Copy(v, result, _count); return result;
            default: return null;
        }
    }

    public override void AppendRows(ColumnVector source, ReadOnlySpan<int> rows)
    {
        var typed = (ColumnVector<T>)source;
        EnsureCapacity(_count + rows.Length);
        var values = typed.Values;
        for (int i = 0; i < rows.Length; i++) _values[_count + i] = values[rows[i]];
        if (source.Validity is { } validity)
        {
            var nulls = EnsureNulls();
            for (int i = 0; i < rows.Length; i++) nulls[_count + i] = !validity.IsValid(rows[i]);
        }
        _count += rows.Length;
    }

    public override void AppendRange(ColumnVector source, int start, int count)
    {
        var typed = (ColumnVector<T>)source;
        EnsureCapacity(_count + count);
        Array.Copy(typed.Values, start, _values, _count, count);
        if (source.Validity is { } validity)
        {
            var nulls = EnsureNulls();
            for (int i = 0; i < count; i++) nulls[_count + i] = !validity.IsValid(start + i);
        }
        _count += count;
    }

    public override ColumnVector Gather(ReadOnlySpan<int> rows)
    {
        var values = new T[rows.Length];
        for (int i = 0; i < rows.Length; i++) values[i] = _values[rows[i]];
        ValidityBitmap? validity = null;
        if (_nulls is not null)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                if (!_nulls[rows[i]]) continue;
                validity ??= new ValidityBitmap(rows.Length);
                validity.SetNull(i);
            }
        }
        return new ColumnVector<T>(_type, values, rows.Length, validity);
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _values.Length) return;
        int size = Math.Max(needed, _values.Length * 2);
        Array.Resize(ref _values, size);
        if (_nulls is not null) Array.Resize(ref _nulls, size);
    }

    private bool[] EnsureNulls() => _nulls ??= new bool[_values.Length];
}

/// <summary>The storage sort order of physical values (PostgreSQL's: NaN above all numbers).</summary>
internal static class ValueOrder<T>
{
    public static readonly Comparison<T> Compare = Create();

    private static Comparison<T> Create()
    {
        if (typeof(T) == typeof(double)) return (Comparison<T>)(object)(Comparison<double>)ZoneValue.CompareFloat;
        if (typeof(T) == typeof(float)) return (Comparison<T>)(object)(Comparison<float>)((a, b) => ZoneValue.CompareFloat(a, b));
        if (typeof(T) == typeof(Interval)) return (Comparison<T>)(object)(Comparison<Interval>)((a, b) => a.OrderingKey.CompareTo(b.OrderingKey));
        return Comparer<T>.Default.Compare;
    }
}
