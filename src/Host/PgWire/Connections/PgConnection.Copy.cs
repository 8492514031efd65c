using ActorWarehouse.Engine;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Host.PgWire.Buffers;
using ActorWarehouse.Host.PgWire.Protocol;

namespace ActorWarehouse.Host.PgWire.Connections;

internal sealed partial class PgConnection
{
    /// <summary>Set when the client broke the protocol inside COPY (the engine may have wrapped the exception).</summary>
    private PgProtocolException? _copyProtocolError;

    private CopyStreams? CreateCopyStreams(PreparedStatement statement, CancellationToken statementToken) => statement.Copy switch
    {
        CopyDirection.FromStdin => new CopyStreams { Input = new CopyInStream(this, statement, statementToken) },
        CopyDirection.ToStdout => new CopyStreams { Output = new CopyOutStream(this, statement) },
        _ => null,
    };

    /// <summary>A client that vanished or broke the protocol during the statement ends the connection, whatever the engine made of it.</summary>
    private void ThrowIfConnectionBroken()
    {
        if (_copyProtocolError is { } error) throw error;
        if (_clientGone || _reader.EndOfStream) throw new IOException("client disconnected");
    }

    /// <summary>After a successful COPY: drain copy-in to CopyDone if the engine stopped early; close copy-out.</summary>
    private async Task FinishCopyAsync(CopyStreams copy, PreparedStatement statement, CancellationToken ct)
    {
        if (copy.Input is CopyInStream input && input.Started && !input.Finished)
        {
            while (await _reader.ReadMessageAsync(ct))
            {
                if (_reader.MessageType is FrontendMessageCode.CopyDone or FrontendMessageCode.CopyFail) return;
                if (_reader.MessageType is not (FrontendMessageCode.CopyData or FrontendMessageCode.Flush or FrontendMessageCode.Sync))
                    throw new PgProtocolException($"unexpected message type 0x{_reader.MessageType:x2} during COPY from stdin");
            }
            throw new IOException("client disconnected during COPY");
        }
        if (copy.Output is CopyOutStream output)
        {
            output.EnsureStarted();
            output.SendRest();
            _writer.WriteEmptyMessage(BackendMessageCode.CopyDone);
        }
    }

    private void WriteCopyResponse(byte type, PreparedStatement statement)
    {
        int columns = Math.Max(0, statement.CopyColumnCount);
        byte format = statement.CopyBinary ? (byte)1 : (byte)0;
        _writer.StartMessage(type);
        _writer.WriteByte(format); // text/CSV (0) or PGCOPY binary (1) overall, and the same per column
        _writer.WriteInt16((short)columns);
        for (int i = 0; i < columns; i++) _writer.WriteInt16(format);
        _writer.EndMessage();
    }

    /// <summary>
    /// COPY FROM STDIN's data as a stream for the engine: sends CopyInResponse on the first read, then hands over
    /// CopyData payloads until CopyDone (end of stream); CopyFail becomes 57014 like PostgreSQL. Read on the engine's
    /// thread, so it blocks on the socket (the statement's token still cancels the wait).
    /// </summary>
    private sealed class CopyInStream(PgConnection connection, PreparedStatement statement, CancellationToken statementToken) : Stream
    {
        private ReadOnlyMemory<byte> _current;

        public bool Started { get; private set; }

        public bool Finished { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty) return 0;
            while (_current.IsEmpty)
            {
                if (Finished) return 0;
                NextMessage();
            }
            int n = Math.Min(buffer.Length, _current.Length);
            _current.Span[..n].CopyTo(buffer);
            _current = _current[n..];
            return n;
        }

        private void NextMessage()
        {
            var writer = connection._writer;
            var reader = connection._reader;
            if (!Started)
            {
                Started = true;
                connection.WriteCopyResponse(BackendMessageCode.CopyInResponse, statement);
                writer.Flush();
            }
            if (!reader.ReadMessageAsync(statementToken).AsTask().GetAwaiter().GetResult())
            {
                connection._clientGone = true;
                throw new IOException("client disconnected during COPY from stdin");
            }
            switch (reader.MessageType)
            {
                case FrontendMessageCode.CopyData:
                    _current = reader.Body;
                    break;
                case FrontendMessageCode.CopyDone:
                    Finished = true;
                    break;
                case FrontendMessageCode.CopyFail:
                    Finished = true;
                    var message = new BodyReader(reader.Body.Span).ReadCString();
                    throw new SqlException(WireSqlState.QueryCanceled, $"COPY from stdin failed: {message}");
                case FrontendMessageCode.Flush or FrontendMessageCode.Sync:
                    break;
                default:
                    var error = new PgProtocolException($"unexpected message type 0x{reader.MessageType:x2} during COPY from stdin");
                    connection._copyProtocolError = error;
                    throw error;
            }
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>
    /// COPY TO STDOUT for the engine: CopyOutResponse before the first row, then one CopyData per row as PostgreSQL
    /// sends them (drivers such as Npgsql read a binary row only from within one message), flushed synchronously
    /// whenever the buffer is due (the engine thread waits for a slow client: back-pressure). Text/CSV rows arrive one
    /// per write; binary (PGCOPY) output is cut into rows here, the header going with the first row.
    /// </summary>
    private sealed class CopyOutStream(PgConnection connection, PreparedStatement statement) : Stream
    {
        private readonly BinaryCopyRows? _binary = statement.CopyBinary ? new BinaryCopyRows() : null;
        private bool _started;

        public void EnsureStarted()
        {
            if (_started) return;
            _started = true;
            connection.WriteCopyResponse(BackendMessageCode.CopyOutResponse, statement);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            EnsureStarted();
            if (buffer.IsEmpty) return;
            if (_binary is null)
            {
                Send(buffer);
                return;
            }
            _binary.Append(buffer);
            while (_binary.TryTakeRow(out var row)) Send(row.Span);
        }

        private void Send(ReadOnlySpan<byte> data)
        {
            var writer = connection._writer;
            writer.StartMessage(BackendMessageCode.CopyData);
            writer.WriteBytes(data);
            writer.EndMessage();
            if (writer.ShouldFlush) writer.Flush();
        }

        /// <summary>Rows are sent as they complete; the connection flushes the socket.</summary>
        public override void Flush() { }

        /// <summary>At the end: sends bytes that do not complete a row (a malformed stream) rather than dropping them.</summary>
        public void SendRest()
        {
            if (_binary is not null && _binary.TakeRest() is { Length: > 0 } rest) Send(rest.Span);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>
    /// Splits a PGCOPY binary stream into rows: 11-byte signature, Int32 flags, Int32 extension length and extension
    /// (kept in front of the first row), then rows of Int16 field count and (Int32 length or -1, bytes) fields, then
    /// the Int16 -1 trailer.
    /// </summary>
    private sealed class BinaryCopyRows
    {
        private const int HeaderLength = 19;
        private byte[] _data = new byte[8192];
        private int _length;
        private int _rowStart;
        private bool _headerDone;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (_data.Length - _length < bytes.Length)
            {
                // Drop what was already handed out, grow if still short.
                int keep = _length - _rowStart;
                var target = _data.Length - keep >= bytes.Length ? _data : new byte[Math.Max(_data.Length * 2, keep + bytes.Length)];
                _data.AsSpan(_rowStart, keep).CopyTo(target);
                _data = target;
                _length = keep;
                _rowStart = 0;
            }
            bytes.CopyTo(_data.AsSpan(_length));
            _length += bytes.Length;
        }

        /// <summary>The next complete row (with the header in front of the first one, or the trailer alone).</summary>
        public bool TryTakeRow(out ReadOnlyMemory<byte> row)
        {
            row = default;
            int position = _rowStart;
            if (!_headerDone)
            {
                if (_length - position < HeaderLength) return false;
                int extension = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(_data.AsSpan(position + 15));
                if (extension < 0 || _length - position < HeaderLength + extension) return false;
                position += HeaderLength + extension;
            }
            if (_length - position < 2) return false;
            short fields = System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(_data.AsSpan(position));
            position += 2;
            for (int i = 0; i < fields; i++)
            {
                if (_length - position < 4) return false;
                int size = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(_data.AsSpan(position));
                position += 4;
                if (size > 0)
                {
                    if (_length - position < size) return false;
                    position += size;
                }
            }
            _headerDone = true;
            row = _data.AsMemory(_rowStart, position - _rowStart);
            _rowStart = position;
            return true;
        }

        public ReadOnlyMemory<byte> TakeRest()
        {
            var rest = _data.AsMemory(_rowStart, _length - _rowStart);
            _rowStart = _length;
            return rest;
        }
    }
}
