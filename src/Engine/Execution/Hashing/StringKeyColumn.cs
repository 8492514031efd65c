using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Hashing;

/// <summary>
/// The stored string keys of a <see cref="GroupKeyTable"/>: group g's UTF-8 bytes at
/// <c>_data[_offsets[g].._offsets[g + 1]]</c> (Arrow layout again), hashed and compared as bytes.
/// </summary>
internal sealed class StringKeyColumn : KeyColumn
{
    private readonly SqlType _type;
    private int[] _offsets = new int[17];
    private byte[] _data = new byte[256];
    private bool[] _nulls = new bool[16];
    private bool _anyNull;
    private int _count;

    public StringKeyColumn(SqlType type) => _type = type;

    public override SqlType Type => _type;

    /// <summary>Offsets, value bytes and NULL flags count towards the budget; 16 bytes per group is the estimate for the value.</summary>
    public override long BytesPerGroup => 4 + 1 + 16;

    public override void Hash(ColumnVector input, Span<ulong> hashes, int rowCount, bool first)
    {
        var strings = (StringVector)input;
        var validity = input.Validity;
        var offsets = strings.Offsets;
        var data = strings.Data;
        for (int i = 0; i < rowCount; i++)
        {
            ulong h = validity is not null && !validity.IsValid(i)
                ? KeyHash.NullHash
                : KeyHash.HashUtf8(new ReadOnlySpan<byte>(data, offsets[i], offsets[i + 1] - offsets[i]));
            hashes[i] = first ? h : KeyHash.Combine(hashes[i], h);
        }
    }

    public override void Append(ColumnVector input, ReadOnlySpan<int> rows, int firstGroup)
    {
        // Groups are appended in order: firstGroup is always the current count.
        if (firstGroup != _count) throw new InvalidOperationException($"groups appended out of order ({firstGroup} after {_count})");
        var strings = (StringVector)input;
        var validity = input.Validity;
        EnsureGroups(_count + rows.Length);
        for (int k = 0; k < rows.Length; k++)
        {
            int row = rows[k];
            bool isNull = validity is not null && !validity.IsValid(row);
            var value = isNull ? default : strings.GetBytes(row);
            int end = _offsets[_count];
            EnsureData((long)end + value.Length);
            value.CopyTo(_data.AsSpan(end));
            _nulls[_count] = isNull;
            _anyNull |= isNull;
            _offsets[++_count] = end + value.Length;
        }
    }

    public override void Compare(ColumnVector input, ReadOnlySpan<int> rows, ReadOnlySpan<int> groups, Span<bool> equal)
    {
        var strings = (StringVector)input;
        var validity = input.Validity;
        for (int k = 0; k < rows.Length; k++)
        {
            if (!equal[k]) continue;
            int row = rows[k], group = groups[k];
            if (validity is not null || _anyNull)
            {
                bool inputNull = validity is not null && !validity.IsValid(row);
                bool storedNull = _nulls[group];
                if (inputNull || storedNull)
                {
                    equal[k] = inputNull == storedNull;
                    continue;
                }
            }
            equal[k] = strings.GetBytes(row).SequenceEqual(Stored(group));
        }
    }

    public override ColumnVector ToVector(int start, int count)
    {
        int first = _offsets[start];
        int bytes = _offsets[start + count] - first;
        var offsets = new int[count + 1];
        for (int i = 0; i <= count; i++) offsets[i] = _offsets[start + i] - first;
        var data = _data.AsSpan(first, bytes).ToArray();
        ValidityBitmap? validity = null;
        if (_anyNull)
        {
            for (int i = 0; i < count; i++)
            {
                if (!_nulls[start + i]) continue;
                validity ??= new ValidityBitmap(count);
                validity.SetNull(i);
            }
        }
        return new StringVector(_type, offsets, data, count, validity);
    }

    private ReadOnlySpan<byte> Stored(int group) => new(_data, _offsets[group], _offsets[group + 1] - _offsets[group]);

    private void EnsureGroups(int needed)
    {
        if (needed + 1 <= _offsets.Length) return;
        int size = Math.Max(needed + 1, _offsets.Length * 2);
        Array.Resize(ref _offsets, size);
        Array.Resize(ref _nulls, size);
    }

    private void EnsureData(long needed)
    {
        if (needed <= _data.Length) return;
        StringDataLimit.Check(needed, "the string keys of a hash table");
        Array.Resize(ref _data, (int)Math.Min(StringDataLimit.MaxBytes, Math.Max(needed, 2L * _data.Length)));
    }
}
