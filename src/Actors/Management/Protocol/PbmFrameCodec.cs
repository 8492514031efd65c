using System.Buffers.Binary;
using System.Text;

namespace ActorWarehouse.Actors.Management.Protocol;

/// <summary>
/// Reads and writes frames: a 4-byte big-endian payload length, one type byte, then the payload
/// (UTF-8 text; one status byte for Done). Payloads above <see cref="MaxPayloadBytes"/> are refused.
/// </summary>
public static class PbmFrameCodec
{
    public const string ProtocolName = "aw-pbm/1";
    public const int MaxPayloadBytes = 1 << 20;
    private const int HeaderBytes = 5;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Encode(PbmFrame frame)
    {
        byte[] payload = frame.Type == PbmFrameType.Done ? [(byte)frame.Status] : StrictUtf8.GetBytes(frame.Text);
        if (payload.Length > MaxPayloadBytes) throw new PbmProtocolException($"frame payload of {payload.Length} bytes exceeds {MaxPayloadBytes}");
        var bytes = new byte[HeaderBytes + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, payload.Length);
        bytes[4] = (byte)frame.Type;
        payload.CopyTo(bytes, HeaderBytes);
        return bytes;
    }

    public static async ValueTask WriteAsync(Stream stream, PbmFrame frame, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encode(frame), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next frame, or null when the peer closed the stream cleanly between frames.</summary>
    public static async ValueTask<PbmFrame?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderBytes];
        int got = await ReadFullyAsync(stream, header, cancellationToken).ConfigureAwait(false);
        if (got == 0) return null;
        if (got < HeaderBytes) throw new PbmProtocolException("connection closed inside a frame header");
        int length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length < 0 || length > MaxPayloadBytes)
            throw new PbmProtocolException($"frame length {(uint)length} is outside 0..{MaxPayloadBytes} (not an aw-pbm client?)");
        var type = (PbmFrameType)header[4];
        if (!Enum.IsDefined(type)) throw new PbmProtocolException($"unknown frame type 0x{header[4]:x2}");
        var payload = new byte[length];
        if (await ReadFullyAsync(stream, payload, cancellationToken).ConfigureAwait(false) < length)
            throw new PbmProtocolException("connection closed inside a frame");
        if (type == PbmFrameType.Done)
        {
            if (length != 1 || !Enum.IsDefined((PbmStatus)payload[0])) throw new PbmProtocolException("malformed Done frame");
            return PbmFrame.Done((PbmStatus)payload[0]);
        }
        try { return new PbmFrame(type, StrictUtf8.GetString(payload)); }
        catch (DecoderFallbackException) { throw new PbmProtocolException("frame payload is not valid UTF-8"); }
    }

    private static async ValueTask<int> ReadFullyAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
