using System.Buffers.Binary;
using System.Text;

namespace ActorWarehouse.Host.PgWire.Buffers;

/// <summary>
/// Builds server messages in one reusable buffer and writes it to the socket. Callers flush at message boundaries
/// once <see cref="ShouldFlush"/> says so, awaiting the socket: a slow reader therefore slows the producer instead of
/// making the buffer grow (it only grows to hold a single message larger than itself, and shrinks back after).
/// Not thread-safe: one writer at a time (the connection loop, or the engine thread during COPY TO STDOUT).
/// </summary>
internal sealed class MessageWriter(Stream stream)
{
    private const int DefaultCapacity = 64 * 1024;

    /// <summary>Bytes buffered before a flush is due; below the capacity so a typical row still fits after it.</summary>
    private const int FlushThreshold = 48 * 1024;

    private byte[] _buffer = new byte[DefaultCapacity];
    private int _length;
    private int _messageStart = -1;

    public bool ShouldFlush => _length >= FlushThreshold;

    public int BufferedBytes => _length;

    /// <summary>Opens a message: its type byte and a length placeholder filled by <see cref="EndMessage"/>.</summary>
    public void StartMessage(byte type)
    {
        Ensure(5);
        _buffer[_length++] = type;
        _messageStart = _length;
        _length += 4;
    }

    public void EndMessage()
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_messageStart), _length - _messageStart);
        _messageStart = -1;
    }

    /// <summary>A message without a body (ParseComplete, NoData, ...).</summary>
    public void WriteEmptyMessage(byte type)
    {
        StartMessage(type);
        EndMessage();
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteInt16(short value)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    public void WriteInt32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteInt64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>UTF-8 text without a terminator.</summary>
    public void WriteString(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    /// <summary>UTF-8 text and a NUL terminator.</summary>
    public void WriteCString(string text)
    {
        WriteString(text);
        WriteByte(0);
    }

    /// <summary>A DataRow field: Int32 length, then UTF-8 text.</summary>
    public void WriteLengthPrefixedString(string text)
    {
        Ensure(4 + Encoding.UTF8.GetMaxByteCount(text.Length));
        int written = Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    /// <summary>Room for <paramref name="size"/> bytes at the end; commit what was used with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        Ensure(size);
        return _buffer.AsSpan(_length, size);
    }

    public void Advance(int count) => _length += count;

    /// <summary>Overwrites an Int32 written earlier (a field length known only after its bytes).</summary>
    public void PatchInt32(int offset, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(offset), value);

    public int Position => _length;

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_length == 0) return;
        await stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        Reset();
    }

    /// <summary>Synchronous flush, for the engine thread writing COPY TO STDOUT rows.</summary>
    public void Flush()
    {
        if (_length == 0) return;
        stream.Write(_buffer, 0, _length);
        Reset();
    }

    /// <summary>Drops unsent bytes (the connection is closing).</summary>
    public void Discard() => Reset();

    private void Reset()
    {
        _length = 0;
        if (_buffer.Length > 4 * DefaultCapacity) _buffer = new byte[DefaultCapacity];
    }

    private void Ensure(int count)
    {
        if (_buffer.Length - _length >= count) return;
        long needed = (long)_length + count;
        if (needed > Array.MaxLength) throw new InvalidOperationException("message too large for the output buffer");
        var bigger = new byte[(int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_buffer.Length * 2))];
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        _buffer = bigger;
    }
}
