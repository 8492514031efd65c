using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ActorWarehouse.Engine.Storage.Blocks;

/// <summary>Raised inside decoding when a block's structure is inconsistent; turned into SqlException XX001 at the block boundary.</summary>
internal sealed class CorruptBlockException(string message) : Exception(message);

/// <summary>Bounds-checked little-endian reader over a block payload.</summary>
internal ref struct BlockReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public BlockReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining) throw new CorruptBlockException($"block payload ends early (needs {count} bytes, {Remaining} left)");
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    public byte ReadByte() => ReadBytes(1)[0];
    public short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(ReadBytes(2));
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

    /// <summary>Reads a count that must be non-negative and at most <paramref name="limit"/>.</summary>
    public int ReadCount(int limit)
    {
        int count = ReadInt32();
        if (count < 0 || count > limit) throw new CorruptBlockException($"count {count} outside 0..{limit}");
        return count;
    }

    /// <summary>Reads <paramref name="count"/> unmanaged elements into <paramref name="destination"/>.</summary>
    public void ReadInto<T>(scoped Span<T> destination) where T : unmanaged =>
        ReadBytes(destination.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()).CopyTo(MemoryMarshal.AsBytes(destination));

    public readonly void ExpectEnd()
    {
        if (Remaining != 0) throw new CorruptBlockException($"{Remaining} unexpected bytes after the block payload");
    }
}
