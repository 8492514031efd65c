using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Writing;

/// <summary>
/// Pending strings of one slice: UTF-8 bytes appended to one growing buffer with an offset per row
/// (the Arrow layout), sorted by byte order — PostgreSQL's "C" collation, i.e. code point order.
/// NULL rows are kept as zero bytes whatever their source slot held, so they cost nothing and encode alike.
/// </summary>
internal sealed class StringColumnBuilder : ColumnBuilder
{
    private readonly SqlType _type;
    private int[] _offsets = new int[1025];
    private byte[] _data = new byte[16 * 1024];
    private bool[]? _nulls;
    private int _count;

    public StringColumnBuilder(SqlType type) => _type = type;

    public override int Count => _count;

    public override bool IsNull(int row) => _nulls is not null && _nulls[row];

    public override long PendingBytes => _offsets[_count];

    private ReadOnlySpan<byte> Value(int row) => _data.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

    public override int CompareRows(int a, int b)
    {
        if (_nulls is not null)
        {
            bool na = _nulls[a], nb = _nulls[b];
            if (na || nb) return na == nb ? 0 : na ? 1 : -1;
        }
        return Value(a).SequenceCompareTo(Value(b));
    }

    public override long[]? TryWidenToLongs() => null;

    public override void AppendRows(ColumnVector source, ReadOnlySpan<int> rows)
    {
        var strings = (StringVector)source;
        var validity = source.Validity;
        bool[]? nulls = validity is null && _nulls is null ? null : EnsureNulls(_count + rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            bool isNull = validity is not null && !validity.IsValid(row);
            if (nulls is not null) nulls[_count] = isNull;
            Append(isNull ? default : strings.GetBytes(row));
        }
    }

    public override void AppendRange(ColumnVector source, int start, int count)
    {
        var strings = (StringVector)source;
        var validity = source.Validity;
        bool[]? nulls = validity is null && _nulls is null ? null : EnsureNulls(_count + count);
        for (int i = 0; i < count; i++)
        {
            bool isNull = validity is not null && !validity.IsValid(start + i);
            if (nulls is not null) nulls[_count] = isNull;
            Append(isNull ? default : strings.GetBytes(start + i));
        }
    }

    public override ColumnVector Gather(ReadOnlySpan<int> rows)
    {
        long bytes = 0;
        for (int i = 0; i < rows.Length; i++) bytes += _offsets[rows[i] + 1] - _offsets[rows[i]];
        var builder = new StringVectorBuilder(rows.Length, (int)Math.Min(bytes, StringDataLimit.MaxBytes), "a table write");
        ValidityBitmap? validity = null;
        for (int i = 0; i < rows.Length; i++)
        {
            builder.Append(Value(rows[i]));
            if (_nulls is null || !_nulls[rows[i]]) continue;
            validity ??= new ValidityBitmap(rows.Length);
            validity.SetNull(i);
        }
        return builder.Build(_type, validity);
    }

    private void Append(ReadOnlySpan<byte> value)
    {
        if (_count + 2 > _offsets.Length) Array.Resize(ref _offsets, _offsets.Length * 2);
        int end = _offsets[_count];
        long needed = (long)end + value.Length;
        if (needed > _data.Length)
        {
            // TableWriter flushes well before this; VACUUM, which re-sorts a slice as a whole, can still get here.
            StringDataLimit.Check(needed, "a table write");
            Array.Resize(ref _data, (int)Math.Min(StringDataLimit.MaxBytes, Math.Max(needed, 2L * _data.Length)));
        }
        value.CopyTo(_data.AsSpan(end));
        _offsets[++_count] = end + value.Length;
    }

    private bool[] EnsureNulls(int needed)
    {
        _nulls ??= new bool[Math.Max(needed, 1024)];
        if (_nulls.Length < needed) Array.Resize(ref _nulls, Math.Max(needed, _nulls.Length * 2));
        return _nulls;
    }
}
