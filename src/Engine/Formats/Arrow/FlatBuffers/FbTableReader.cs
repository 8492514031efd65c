using System.Buffers.Binary;
using System.Text;

namespace ActorWarehouse.Engine.Formats.Arrow.FlatBuffers;

/// <summary>
/// Read access to one FlatBuffers table. Every offset taken from the buffer is checked against
/// the buffer's bounds before use, so a corrupt buffer raises <see cref="ArrowFormatException"/>
/// instead of reading out of bounds.
/// </summary>
internal readonly struct FbTableReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly int _position;
    private readonly int _vtable;
    private readonly int _vtableSize;

    private FbTableReader(ReadOnlyMemory<byte> buffer, int position)
    {
        _buffer = buffer;
        _position = position;
        var span = buffer.Span;
        long vtable = position - (long)ReadInt32(span, position);
        Check(vtable, 4, span.Length, "vtable");
        _vtable = (int)vtable;
        _vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(span[_vtable..]);
        if (_vtableSize < 4 || (_vtableSize & 1) != 0) throw ArrowFormatException.Malformed($"FlatBuffers vtable size {_vtableSize}");
        Check(_vtable, _vtableSize, span.Length, "vtable");
    }

    public static FbTableReader Root(ReadOnlyMemory<byte> buffer) => new(buffer, Follow(buffer.Span, 0));

    public bool Has(int slot) => FieldOffset(slot) != 0;

    public byte GetByte(int slot, byte defaultValue = 0) =>
        FieldOffset(slot) is var o and not 0 ? Read(o, 1)[0] : defaultValue;

    public bool GetBool(int slot, bool defaultValue = false) =>
        FieldOffset(slot) is var o and not 0 ? Read(o, 1)[0] != 0 : defaultValue;

    public short GetShort(int slot, short defaultValue = 0) =>
        FieldOffset(slot) is var o and not 0 ? BinaryPrimitives.ReadInt16LittleEndian(Read(o, 2)) : defaultValue;

    public int GetInt(int slot, int defaultValue = 0) =>
        FieldOffset(slot) is var o and not 0 ? BinaryPrimitives.ReadInt32LittleEndian(Read(o, 4)) : defaultValue;

    public long GetLong(int slot, long defaultValue = 0) =>
        FieldOffset(slot) is var o and not 0 ? BinaryPrimitives.ReadInt64LittleEndian(Read(o, 8)) : defaultValue;

    public FbTableReader? GetTable(int slot) =>
        FieldOffset(slot) is var o and not 0 ? new FbTableReader(_buffer, Follow(_buffer.Span, _position + o)) : null;

    public string? GetString(int slot)
    {
        int o = FieldOffset(slot);
        if (o == 0) return null;
        var span = _buffer.Span;
        int start = Follow(span, _position + o);
        int length = ReadInt32(span, start);
        Check(start + 4L, length, span.Length, "string");
        try
        {
            return StrictUtf8.GetString(span.Slice(start + 4, length));
        }
        catch (DecoderFallbackException e)
        {
            throw new ArrowFormatException(Errors.SqlState.DataCorrupted, "invalid Arrow IPC stream: a metadata string is not valid UTF-8", e);
        }
    }

    /// <summary>Number of elements of a vector field (0 when absent).</summary>
    public int GetVectorLength(int slot, int elementSize) => GetVector(slot, elementSize).Count;

    /// <summary>The element tables of a vector of tables (empty when absent).</summary>
    public FbTableReader[] GetTables(int slot)
    {
        var (start, count) = GetVector(slot, 4);
        var tables = new FbTableReader[count];
        for (int i = 0; i < count; i++) tables[i] = new FbTableReader(_buffer, Follow(_buffer.Span, start + 4 * i));
        return tables;
    }

    /// <summary>The 64-bit values of a vector of structs made of longs, flattened (empty when absent).</summary>
    public long[] GetLongStructs(int slot, int longsPerStruct)
    {
        var (start, count) = GetVector(slot, 8 * longsPerStruct);
        var values = new long[count * longsPerStruct];
        var span = _buffer.Span;
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt64LittleEndian(span[(start + 8 * i)..]);
        return values;
    }

    /// <summary>Element values of a vector of 64-bit integers (empty when absent).</summary>
    public long[] GetLongs(int slot) => GetLongStructs(slot, 1);

    private (int Start, int Count) GetVector(int slot, int elementSize)
    {
        int o = FieldOffset(slot);
        if (o == 0) return (0, 0);
        var span = _buffer.Span;
        int position = Follow(span, _position + o);
        int count = ReadInt32(span, position);
        if (count < 0) throw ArrowFormatException.Malformed($"FlatBuffers vector length {count}");
        Check(position + 4L, (long)count * elementSize, span.Length, "vector");
        return (position + 4, count);
    }

    private int FieldOffset(int slot)
    {
        int entry = 4 + 2 * slot;
        if (entry + 2 > _vtableSize) return 0;
        return BinaryPrimitives.ReadUInt16LittleEndian(_buffer.Span[(_vtable + entry)..]);
    }

    private ReadOnlySpan<byte> Read(int fieldOffset, int size)
    {
        Check(_position + (long)fieldOffset, size, _buffer.Length, "table field");
        return _buffer.Span.Slice(_position + fieldOffset, size);
    }

    /// <summary>Reads the unsigned offset stored at <paramref name="position"/> and returns its target.</summary>
    private static int Follow(ReadOnlySpan<byte> span, int position)
    {
        Check(position, 4, span.Length, "offset");
        long target = position + (long)BinaryPrimitives.ReadUInt32LittleEndian(span[position..]);
        Check(target, 4, span.Length, "offset target");
        return (int)target;
    }

    private static int ReadInt32(ReadOnlySpan<byte> span, int position)
    {
        Check(position, 4, span.Length, "integer");
        return BinaryPrimitives.ReadInt32LittleEndian(span[position..]);
    }

    private static void Check(long position, long size, int bufferLength, string what)
    {
        if (position < 0 || size < 0 || position + size > bufferLength)
            throw ArrowFormatException.Malformed($"FlatBuffers {what} at {position} (+{size}) is outside the {bufferLength}-byte metadata");
    }
}
