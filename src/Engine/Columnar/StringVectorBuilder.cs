using System.Text;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Columnar;

/// <summary>
/// Appends UTF-8 values one after another into the offsets and data buffers of a <see cref="StringVector"/>.
/// Growing past <see cref="StringDataLimit"/> fails with 54000 naming the builder's operation.
/// </summary>
public sealed class StringVectorBuilder
{
    private readonly string _operation;
    private int[] _offsets;
    private byte[] _data;
    private int _count;
    private int _size;

    /// <param name="operation">What is being built, for the 54000 message ("string data ... exceeds 2 GB in {operation}").</param>
    public StringVectorBuilder(int expectedCount = Batch.DefaultCapacity, int expectedBytes = 0, string operation = "one batch")
    {
        _operation = operation;
        _offsets = new int[Math.Max(expectedCount, 0) + 1];
        _data = new byte[Math.Max(expectedBytes, 16)];
    }

    public int Count => _count;

    public void Append(ReadOnlySpan<byte> utf8)
    {
        EnsureData(utf8.Length);
        utf8.CopyTo(_data.AsSpan(_size));
        Advance(utf8.Length);
    }

    public void Append(string value)
    {
        // A short value that surely fits skips the counting pass; otherwise grow by its exact size, not the worst case.
        int bound = value.Length <= 85 ? Encoding.UTF8.GetMaxByteCount(value.Length) : int.MaxValue;
        if ((long)_size + bound > _data.Length) EnsureData(Encoding.UTF8.GetByteCount(value));
        Advance(Encoding.UTF8.GetBytes(value, _data.AsSpan(_size)));
    }

    /// <summary>A zero-byte value (what this builder's callers put under a NULL slot).</summary>
    public void AppendEmpty() => Advance(0);

    /// <summary>Drops values so that <paramref name="count"/> remain (a row being written was rejected).</summary>
    public void Truncate(int count)
    {
        if (count < 0 || count > _count) throw new ArgumentOutOfRangeException(nameof(count));
        _count = count;
        _size = _offsets[count];
    }

    /// <summary>Row <paramref name="row"/> of <paramref name="source"/>.</summary>
    public void Append(StringVector source, int row) => Append(source.GetBytes(row));

    public StringVector Build(SqlType type, ValidityBitmap? validity = null)
    {
        var vector = new StringVector(type, _offsets, _data, _count, validity);
        _offsets = [0];
        _data = [];
        _count = 0;
        _size = 0;
        return vector;
    }

    private void Advance(int bytes)
    {
        _size += bytes;
        if (_count + 2 > _offsets.Length) Array.Resize(ref _offsets, Math.Max(_offsets.Length * 2, _count + 2));
        _offsets[++_count] = _size;
    }

    private void EnsureData(int bytes)
    {
        long needed = (long)_size + bytes;
        if (needed <= _data.Length) return;
        StringDataLimit.Check(needed, _operation);
        Array.Resize(ref _data, (int)Math.Min(StringDataLimit.MaxBytes, Math.Max(needed, 2L * _data.Length)));
    }
}
