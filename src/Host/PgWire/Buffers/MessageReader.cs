using System.Buffers.Binary;
using ActorWarehouse.Host.PgWire.Protocol;

namespace ActorWarehouse.Host.PgWire.Buffers;

/// <summary>
/// Frames client messages out of a stream: a buffer that holds several small messages per socket read, and grows
/// (up to the configured cap) only for a message larger than itself. <see cref="Body"/> stays valid until the next
/// read. While a statement runs, <see cref="WatchForDisconnect"/> keeps one read outstanding so a client that hangs
/// up is noticed at once; the bytes it brings are kept for the next <see cref="ReadMessageAsync"/>.
/// </summary>
internal sealed class MessageReader(Stream stream, int maxMessageSize, int maxSmallMessageSize)
{
    private const int DefaultCapacity = 16 * 1024;

    /// <summary>A startup packet (and the SSL/GSS/cancel requests) must fit in this many bytes, as in PostgreSQL.</summary>
    public const int MaxStartupPacketSize = 10_000;

    private byte[] _buffer = new byte[DefaultCapacity];
    private int _start;
    private int _end;
    private Task<int>? _pendingFill;
    private CancellationTokenSource? _stopWatching;
    private volatile bool _watchSawEnd;
    private bool _endOfStream;

    public byte MessageType { get; private set; }

    public ReadOnlyMemory<byte> Body { get; private set; }

    /// <summary>True once the client closed its side (or the socket failed).</summary>
    public bool EndOfStream => _endOfStream;

    /// <summary>True when bytes of a next message were already read from the socket.</summary>
    public bool HasBufferedBytes => _end > _start;

    /// <summary>Reads the first packet: Int32 length (itself included), then the body. False when the client hung up.</summary>
    public async ValueTask<bool> ReadStartupPacketAsync(CancellationToken cancellationToken)
    {
        if (!await EnsureBufferedAsync(4, cancellationToken)) return false;
        int length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
        if (length < 8 || length > MaxStartupPacketSize) throw new PgProtocolException("invalid length of startup packet");
        if (!await EnsureBufferedAsync(length, cancellationToken)) return false;
        MessageType = 0;
        Body = _buffer.AsMemory(_start + 4, length - 4);
        _start += length;
        return true;
    }

    /// <summary>Reads one typed message. False when the client hung up (cleanly or mid-message).</summary>
    public async ValueTask<bool> ReadMessageAsync(CancellationToken cancellationToken)
    {
        if (!await EnsureBufferedAsync(5, cancellationToken)) return false;
        byte type = _buffer[_start];
        int length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1));
        int cap = FrontendMessageCode.IsLarge(type) ? maxMessageSize : maxSmallMessageSize;
        if (length < 4 || length > cap)
            throw new PgProtocolException(length > cap && length >= 4 ? $"message of type '{(char)type}' too large ({length} bytes)" : "invalid message length");
        if (!await EnsureBufferedAsync(1 + length, cancellationToken)) return false;
        MessageType = type;
        Body = _buffer.AsMemory(_start + 5, length - 4);
        _start += 1 + length;
        return true;
    }

    /// <summary>
    /// Keeps reading into the free tail of the buffer until <see cref="StopWatching"/> (or the buffer is full), and
    /// calls <paramref name="onDisconnect"/> when the client hangs up. Pipelined messages that arrive meanwhile stay
    /// buffered for <see cref="ReadMessageAsync"/>. Relies on a cancelled socket read consuming no data (true for .NET
    /// sockets: a receive is either cancelled before it takes bytes or completes with them).
    /// </summary>
    public void WatchForDisconnect(Action onDisconnect)
    {
        if (_pendingFill is not null || _endOfStream) return;
        if (_start == _end) _start = _end = 0;
        if (_end == _buffer.Length) return;
        _stopWatching = new CancellationTokenSource();
        _pendingFill = WatchAsync(onDisconnect, _end, _stopWatching.Token);
    }

    /// <summary>Ends the watch started by <see cref="WatchForDisconnect"/>; its bytes are collected by the next read.</summary>
    public void StopWatching() => _stopWatching?.Cancel();

    private async Task<int> WatchAsync(Action onDisconnect, int offset, CancellationToken stop)
    {
        int total = 0;
        while (offset + total < _buffer.Length)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(_buffer.AsMemory(offset + total), stop);
            }
            catch (OperationCanceledException)
            {
                return total;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                read = 0;
            }
            if (read == 0)
            {
                _watchSawEnd = true;
                onDisconnect();
                return total;
            }
            total += read;
        }
        return total;
    }

    private async ValueTask<bool> EnsureBufferedAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            if (!await FillAsync(count, cancellationToken)) return false;
        }
        return true;
    }

    /// <summary>Adds bytes to the buffer (first collecting an outstanding watch read); false at end of stream.</summary>
    private async ValueTask<bool> FillAsync(int needed, CancellationToken cancellationToken)
    {
        if (_pendingFill is { } pending)
        {
            int got = await pending.WaitAsync(cancellationToken);
            _pendingFill = null;
            _stopWatching?.Dispose();
            _stopWatching = null;
            _end += got;
            if (got > 0) return true;
            if (_watchSawEnd) return MarkEnd();
        }
        if (_endOfStream) return false;
        MakeRoom(needed);
        int read;
        try
        {
            read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            read = 0;
        }
        if (read == 0) return MarkEnd();
        _end += read;
        return true;
    }

    private bool MarkEnd()
    {
        _endOfStream = true;
        return false;
    }

    /// <summary>Moves unread bytes to the front, growing the buffer when one message needs more, shrinking it after a big one.</summary>
    private void MakeRoom(int needed)
    {
        int unread = _end - _start;
        if (unread == 0) _start = _end = 0;
        int capacity = Math.Max(DefaultCapacity, needed);
        if (capacity > _buffer.Length || (_buffer.Length > DefaultCapacity && unread <= DefaultCapacity && needed <= DefaultCapacity))
        {
            var bigger = new byte[capacity];
            _buffer.AsSpan(_start, unread).CopyTo(bigger);
            _buffer = bigger;
            _start = 0;
            _end = unread;
        }
        else if (_start > 0 && (_buffer.Length - _end < needed - unread || _end == _buffer.Length))
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
            _start = 0;
            _end = unread;
        }
    }
}
