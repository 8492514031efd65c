using System.Text;

namespace ActorWarehouse.Engine.CopyProtocol;

/// <summary>
/// Turns PostgreSQL's COPY text format (delimiter-separated fields, backslash escapes, a NULL marker, an optional "\."
/// end line) into CSV that storage's COPY reader parses exactly: every value quoted, NULL as an empty unquoted field.
/// Streams line by line, so memory stays bounded by the longest line.
/// </summary>
internal sealed class PgTextToCsvStream : Stream
{
    private readonly Stream _input;
    private readonly byte _delimiter;
    private readonly byte[] _nullMarker;
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private byte[] _line = new byte[1024];
    private int _lineLength;
    private readonly MemoryStream _output = new();
    private int _outputPosition;
    private bool _inputDone;
    private bool _sawEndMarker;

    public PgTextToCsvStream(Stream input, char delimiter, string nullMarker)
    {
        _input = input;
        _delimiter = (byte)delimiter;
        _nullMarker = Encoding.UTF8.GetBytes(nullMarker);
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

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_outputPosition >= _output.Length)
        {
            if (_inputDone) return 0;
            _output.SetLength(0);
            _outputPosition = 0;
            Fill();
        }
        int n = (int)Math.Min(count, _output.Length - _outputPosition);
        Array.Copy(_output.GetBuffer(), _outputPosition, buffer, offset, n);
        _outputPosition += n;
        return n;
    }

    /// <summary>Reads one input chunk and converts every complete line in it.</summary>
    private void Fill()
    {
        int read = _sawEndMarker ? 0 : _input.Read(_readBuffer, 0, _readBuffer.Length);
        if (read == 0)
        {
            if (_lineLength > 0 && !_sawEndMarker) ConvertLine(_line.AsSpan(0, _lineLength));
            _lineLength = 0;
            _inputDone = true;
            return;
        }
        var chunk = _readBuffer.AsSpan(0, read);
        while (!_sawEndMarker)
        {
            int newline = chunk.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Append(chunk);
                return;
            }
            Append(chunk[..newline]);
            ConvertLine(_line.AsSpan(0, _lineLength));
            _lineLength = 0;
            chunk = chunk[(newline + 1)..];
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_lineLength + bytes.Length > _line.Length) Array.Resize(ref _line, Math.Max(_line.Length * 2, _lineLength + bytes.Length));
        bytes.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += bytes.Length;
    }

    private void ConvertLine(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        if (line.SequenceEqual("\\."u8))
        {
            _sawEndMarker = true;
            return;
        }
        bool first = true;
        while (true)
        {
            int end = FieldEnd(line);
            var field = line[..end];
            if (!first) _output.WriteByte((byte)',');
            first = false;
            if (!field.SequenceEqual(_nullMarker)) WriteQuoted(field);
            if (end == line.Length) break;
            line = line[(end + 1)..];
        }
        _output.WriteByte((byte)'\n');
    }

    /// <summary>Offset of the delimiter ending the first field (a backslash escapes the next byte), or the length.</summary>
    private int FieldEnd(ReadOnlySpan<byte> line)
    {
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == (byte)'\\') i++;
            else if (line[i] == _delimiter) return i;
        }
        return line.Length;
    }

    private void WriteQuoted(ReadOnlySpan<byte> field)
    {
        _output.WriteByte((byte)'"');
        for (int i = 0; i < field.Length; i++)
        {
            byte b = field[i];
            if (b == (byte)'\\' && i + 1 < field.Length)
            {
                i = Unescape(field, i + 1, out b);
            }
            if (b == (byte)'"') _output.WriteByte((byte)'"');
            _output.WriteByte(b);
        }
        _output.WriteByte((byte)'"');
    }

    /// <summary>Decodes the escape starting at <paramref name="at"/> (after the backslash); returns the index of its last byte.</summary>
    private static int Unescape(ReadOnlySpan<byte> field, int at, out byte value)
    {
        byte c = field[at];
        switch (c)
        {
            case (byte)'b': value = 8; return at;
            case (byte)'f': value = 12; return at;
            case (byte)'n': value = 10; return at;
            case (byte)'r': value = 13; return at;
            case (byte)'t': value = 9; return at;
            case (byte)'v': value = 11; return at;
            case >= (byte)'0' and <= (byte)'7':
            {
                int v = 0, end = at;
                while (end < field.Length && end < at + 3 && field[end] is >= (byte)'0' and <= (byte)'7') v = v * 8 + (field[end++] - '0');
                value = (byte)v;
                return end - 1;
            }
            case (byte)'x' when at + 1 < field.Length && IsHex(field[at + 1]):
            {
                int v = 0, end = at + 1;
                while (end < field.Length && end < at + 3 && IsHex(field[end])) v = v * 16 + HexValue(field[end++]);
                value = (byte)v;
                return end - 1;
            }
            default:
                value = c;
                return at;
        }
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
