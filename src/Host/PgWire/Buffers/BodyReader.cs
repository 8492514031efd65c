using System.Buffers.Binary;
using System.Text;
using ActorWarehouse.Host.PgWire.Protocol;

namespace ActorWarehouse.Host.PgWire.Buffers;

/// <summary>
/// Decodes one message body. Every read checks the bytes left: a short or malformed body is a protocol
/// violation (08P01), never an out-of-range crash.
/// </summary>
internal ref struct BodyReader(ReadOnlySpan<byte> body)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    public readonly int Remaining => _body.Length - _position;

    public byte ReadByte()
    {
        Need(1);
        return _body[_position++];
    }

    public short ReadInt16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadInt16BigEndian(_body[_position..]);
        _position += 2;
        return value;
    }

    public int ReadInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadInt32BigEndian(_body[_position..]);
        _position += 4;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0) throw new PgProtocolException("invalid length in message");
        Need(count);
        var bytes = _body.Slice(_position, count);
        _position += count;
        return bytes;
    }

    /// <summary>A NUL-terminated UTF-8 string.</summary>
    public string ReadCString()
    {
        int end = _body[_position..].IndexOf((byte)0);
        if (end < 0) throw new PgProtocolException("invalid string in message");
        var text = Decode(_body.Slice(_position, end));
        _position += end + 1;
        return text;
    }

    /// <summary>The rest of the body as UTF-8 (no terminator expected).</summary>
    public string ReadRemainingString() => Decode(ReadBytes(Remaining));

    /// <summary>Rejects trailing garbage, as PostgreSQL's pq_getmsgend does.</summary>
    public readonly void ExpectEnd()
    {
        if (Remaining != 0) throw new PgProtocolException("invalid message format");
    }

    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw new PgProtocolException("invalid byte sequence for encoding \"UTF8\"", WireSqlState.CharacterNotInRepertoire);
        }
    }

    private readonly void Need(int count)
    {
        if (count > _body.Length - _position) throw new PgProtocolException("insufficient data left in message");
    }
}
