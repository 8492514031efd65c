using System.Buffers;
using System.Buffers.Binary;

namespace ActorWarehouse.Actors.Remote.Transport;

/// <summary>
/// Reads length-prefixed frames from a stream into one pooled buffer. A returned body stays valid until the next
/// read. Frames longer than the limit are a protocol violation (the peer is not one of us).
/// </summary>
internal sealed class FrameStreamReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxBody;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public FrameStreamReader(Stream stream, int maxFrameSize)
    {
        _stream = stream;
        _maxBody = maxFrameSize + 1024;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256 * 1024, 2 * (_maxBody + 4)));
    }

    /// <summary>The next frame body, or null at end of stream.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(4, cancellationToken)) return null;
        int length = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start));
        if (length < 1 || length > _maxBody) throw new InvalidDataException($"frame of {length} bytes violates the protocol");
        if (!await FillAsync(4 + length, cancellationToken)) return null;
        var body = _buffer.AsMemory(_start + 4, length);
        _start += 4 + length;
        return body;
    }

    private async ValueTask<bool> FillAsync(int needed, CancellationToken cancellationToken)
    {
        while (_end - _start < needed)
        {
            if (_buffer.Length - _start < needed)
            {
                // Move the partial frame to the front so the rest fits behind it.
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            int read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0) return false;
            _end += read;
        }
        return true;
    }

    public void Dispose()
    {
        var b = _buffer;
        _buffer = [];
        if (b.Length > 0) ArrayPool<byte>.Shared.Return(b);
    }
}
