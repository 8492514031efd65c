using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Hashing;

/// <summary>
/// The stored values of one key column of a <see cref="GroupKeyTable"/>, one entry per group.
/// Every method works on a whole batch (or a list of rows of it), so the virtual dispatch happens per
/// batch, never per row.
/// </summary>
internal abstract class KeyColumn
{
    public abstract SqlType Type { get; }

    /// <summary>Folds this column's value hash of each row into <paramref name="hashes"/>.</summary>
    public abstract void Hash(ColumnVector input, Span<ulong> hashes, int rowCount, bool first);

    /// <summary>Appends the values of <paramref name="rows"/> as groups <c>firstGroup..</c>.</summary>
    public abstract void Append(ColumnVector input, ReadOnlySpan<int> rows, int firstGroup);

    /// <summary>Clears <paramref name="equal"/>[k] where row <paramref name="rows"/>[k] differs from group <paramref name="groups"/>[k] (NULL equals NULL).</summary>
    public abstract void Compare(ColumnVector input, ReadOnlySpan<int> rows, ReadOnlySpan<int> groups, Span<bool> equal);

    /// <summary>Groups [start, start+count) as a vector.</summary>
    public abstract ColumnVector ToVector(int start, int count);

    public abstract long BytesPerGroup { get; }

    public static KeyColumn Create(SqlType type) => ColumnVector.Allocate(type, 0) switch
    {
        ColumnVector<bool> => new KeyColumn<bool>(type),
        ColumnVector<short> => new KeyColumn<short>(type),
        ColumnVector<int> => new KeyColumn<int>(type),
        ColumnVector<long> => new KeyColumn<long>(type),
        ColumnVector<Int128> => new KeyColumn<Int128>(type),
        ColumnVector<float> => new KeyColumn<float>(type),
        ColumnVector<double> => new KeyColumn<double>(type),
        StringVector => new StringKeyColumn(type),
        ColumnVector<Interval> => new KeyColumn<Interval>(type),
        _ => throw new InvalidOperationException($"no key column for {type}"),
    };
}

internal sealed class KeyColumn<T> : KeyColumn
{
    private readonly SqlType _type;
    private T[] _values = new T[16];
    private bool[] _nulls = new bool[16];
    private bool _anyNull;

    public KeyColumn(SqlType type) => _type = type;

    public override SqlType Type => _type;

    /// <summary>Stored key values by group (valid up to the table's group count).</summary>
    internal T[] Values => _values;

    /// <summary>Stores one group's key (the single-key fast path).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void AppendOne(int group, T value, bool isNull)
    {
        if (group >= _values.Length) Grow(group + 1);
        _values[group] = isNull ? default! : value;
        _nulls[group] = isNull;
        _anyNull |= isNull;
    }

    private void Grow(int needed)
    {
        int size = Math.Max(needed, _values.Length * 2);
        Array.Resize(ref _values, size);
        Array.Resize(ref _nulls, size);
    }

    public override long BytesPerGroup => System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + 1;

    public override void Hash(ColumnVector input, Span<ulong> hashes, int rowCount, bool first)
    {
        var values = ((ColumnVector<T>)input).Values;
        var validity = input.Validity;
        if (first)
        {
            for (int i = 0; i < rowCount; i++) hashes[i] = KeyHash.Hash(values[i]);
        }
        else
        {
            for (int i = 0; i < rowCount; i++) hashes[i] = KeyHash.Combine(hashes[i], KeyHash.Hash(values[i]));
        }
        if (validity is not null)
        {
            for (int i = 0; i < rowCount; i++)
                if (!validity.IsValid(i)) hashes[i] = first ? KeyHash.NullHash : KeyHash.Combine(hashes[i], KeyHash.NullHash);
        }
    }

    public override void Append(ColumnVector input, ReadOnlySpan<int> rows, int firstGroup)
    {
        int needed = firstGroup + rows.Length;
        if (needed > _values.Length) Grow(needed);
        var values = ((ColumnVector<T>)input).Values;
        var validity = input.Validity;
        for (int k = 0; k < rows.Length; k++) _values[firstGroup + k] = values[rows[k]];
        if (validity is not null)
        {
            for (int k = 0; k < rows.Length; k++)
            {
                bool isNull = !validity.IsValid(rows[k]);
                _nulls[firstGroup + k] = isNull;
                if (isNull) _values[firstGroup + k] = default!;
                _anyNull |= isNull;
            }
        }
    }

    public override void Compare(ColumnVector input, ReadOnlySpan<int> rows, ReadOnlySpan<int> groups, Span<bool> equal)
    {
        var values = ((ColumnVector<T>)input).Values;
        var validity = input.Validity;
        var stored = _values;
        if (validity is null && !_anyNull)
        {
            for (int k = 0; k < rows.Length; k++)
                equal[k] &= KeyHash.Equal(values[rows[k]], stored[groups[k]]);
            return;
        }
        var nulls = _nulls;
        for (int k = 0; k < rows.Length; k++)
        {
            int row = rows[k], group = groups[k];
            bool inputNull = validity is not null && !validity.IsValid(row);
            bool storedNull = nulls[group];
            equal[k] &= inputNull || storedNull ? inputNull == storedNull : KeyHash.Equal(values[row], stored[group]);
        }
    }

    public override ColumnVector ToVector(int start, int count)
    {
        var values = new T[count];
        Array.Copy(_values, start, values, 0, count);
        ValidityBitmap? validity = null;
        if (_anyNull)
        {
            for (int i = 0; i < count; i++)
            {
                if (_nulls[start + i])
                {
                    validity ??= new ValidityBitmap(count);
                    validity.SetNull(i);
                }
            }
        }
        return new ColumnVector<T>(_type, values, count, validity);
    }
}
