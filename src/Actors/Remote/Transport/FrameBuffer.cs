using System.Buffers;
using System.Buffers.Binary;

namespace ActorWarehouse.Actors.Remote.Transport;

/// <summary>
/// A growable byte buffer rented from the shared pool; frames are written into it back to back and the whole
/// batch goes to the socket in one write. Supports patching a length prefix after the body is written.
/// </summary>
internal sealed class FrameBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _position;

    public FrameBuffer(int initialSize = 64 * 1024) => _buffer = ArrayPool<byte>.Shared.Rent(initialSize);

    public int Length => _position;
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public void Reset() => _position = 0;

    /// <summary>Drops everything written after <paramref name="length"/> bytes (undo of a half-written frame).</summary>
    public void Truncate(int length) => _position = Math.Min(_position, length);

    public void Advance(int count) => _position += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_position);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_position);
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1) sizeHint = 1;
        if (_buffer.Length - _position >= sizeHint) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + sizeHint));
        _buffer.AsSpan(0, _position).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    /// <summary>Reserves a 4-byte little-endian length prefix; returns its offset for <see cref="PatchLength"/>.</summary>
    public int BeginFrame()
    {
        Ensure(4);
        int at = _position;
        _position += 4;
        return at;
    }

    public void PatchLength(int at) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(at), _position - at - 4);

    public void WriteByte(byte value) { GetSpan(1)[0] = value; _position++; }
    public void WriteInt32(int value) { BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value); _position += 4; }
    public void WriteInt64(long value) { BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value); _position += 8; }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _position += bytes.Length;
    }

    /// <summary>A u16 length then the bytes (paths and manifests).</summary>
    public void WriteShortBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > ushort.MaxValue) throw new ArgumentException("field longer than 65535 bytes");
        BinaryPrimitives.WriteUInt16LittleEndian(GetSpan(2), (ushort)bytes.Length);
        _position += 2;
        WriteBytes(bytes);
    }

    /// <summary>Gives the buffer back to the pool; a later write rents a fresh small one.</summary>
    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _position = 0;
    }
}

/// <summary>Cursor over a received frame body (little-endian fields, as written by <see cref="FrameBuffer"/>).</summary>
internal ref struct FrameReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    public readonly ReadOnlySpan<byte> Rest => _body[_position..];

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || _position + n > _body.Length) throw new InvalidDataException("truncated frame");
        var s = _body.Slice(_position, n);
        _position += n;
        return s;
    }

    public byte ReadByte() => Take(1)[0];
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));
    public ReadOnlySpan<byte> ReadBytes(int n) => Take(n);
    public ReadOnlySpan<byte> ReadShortBytes() => Take(BinaryPrimitives.ReadUInt16LittleEndian(Take(2)));
}
