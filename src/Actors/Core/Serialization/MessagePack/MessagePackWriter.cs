using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorWarehouse.Actors.Serialization.MessagePack;

/// <summary>
/// Writes MessagePack to an <see cref="IBufferWriter{T}"/>, always choosing the smallest encoding of a value
/// (as the reference implementations do). Big-endian per the specification.
/// </summary>
public struct MessagePackWriter
{
    private readonly IBufferWriter<byte> _output;

    public MessagePackWriter(IBufferWriter<byte> output) => _output = output;

    private Span<byte> Take(int size) => _output.GetSpan(size);

    private void Commit(int size) => _output.Advance(size);

    private void WriteByte(byte b)
    {
        Take(1)[0] = b;
        Commit(1);
    }

    public void WriteNil() => WriteByte(MessagePackCode.Nil);

    public void Write(bool value) => WriteByte(value ? MessagePackCode.True : MessagePackCode.False);

    public void Write(long value)
    {
        if (value >= 0)
        {
            Write((ulong)value);
            return;
        }
        var span = Take(9);
        if (value >= -32) { span[0] = unchecked((byte)(sbyte)value); Commit(1); }
        else if (value >= sbyte.MinValue) { span[0] = MessagePackCode.Int8; span[1] = unchecked((byte)(sbyte)value); Commit(2); }
        else if (value >= short.MinValue) { span[0] = MessagePackCode.Int16; BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value); Commit(3); }
        else if (value >= int.MinValue) { span[0] = MessagePackCode.Int32; BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value); Commit(5); }
        else { span[0] = MessagePackCode.Int64; BinaryPrimitives.WriteInt64BigEndian(span[1..], value); Commit(9); }
    }

    public void Write(int value) => Write((long)value);

    public void Write(ulong value)
    {
        var span = Take(9);
        if (value <= MessagePackCode.MaxFixInt) { span[0] = (byte)value; Commit(1); }
        else if (value <= byte.MaxValue) { span[0] = MessagePackCode.UInt8; span[1] = (byte)value; Commit(2); }
        else if (value <= ushort.MaxValue) { span[0] = MessagePackCode.UInt16; BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value); Commit(3); }
        else if (value <= uint.MaxValue) { span[0] = MessagePackCode.UInt32; BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value); Commit(5); }
        else { span[0] = MessagePackCode.UInt64; BinaryPrimitives.WriteUInt64BigEndian(span[1..], value); Commit(9); }
    }

    public void Write(float value)
    {
        var span = Take(5);
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
        Commit(5);
    }

    public void Write(double value)
    {
        var span = Take(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        Commit(9);
    }

    public void Write(string? value)
    {
        if (value is null) { WriteNil(); return; }
        int length = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(length);
        var span = Take(length);
        Encoding.UTF8.GetBytes(value, span);
        Commit(length);
    }

    /// <summary>Writes already UTF-8 encoded text as a str value.</summary>
    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    public void WriteStringHeader(int byteCount)
    {
        var span = Take(5);
        if (byteCount < 32) { span[0] = (byte)(MessagePackCode.MinFixStr | byteCount); Commit(1); }
        else if (byteCount <= byte.MaxValue) { span[0] = MessagePackCode.Str8; span[1] = (byte)byteCount; Commit(2); }
        else if (byteCount <= ushort.MaxValue) { span[0] = MessagePackCode.Str16; BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)byteCount); Commit(3); }
        else { span[0] = MessagePackCode.Str32; BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)byteCount); Commit(5); }
    }

    public void Write(ReadOnlySpan<byte> binary)
    {
        WriteBinaryHeader(binary.Length);
        WriteRaw(binary);
    }

    public void WriteBinaryHeader(int length)
    {
        var span = Take(5);
        if (length <= byte.MaxValue) { span[0] = MessagePackCode.Bin8; span[1] = (byte)length; Commit(2); }
        else if (length <= ushort.MaxValue) { span[0] = MessagePackCode.Bin16; BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length); Commit(3); }
        else { span[0] = MessagePackCode.Bin32; BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length); Commit(5); }
    }

    public void WriteArrayHeader(int count)
    {
        var span = Take(5);
        if (count < 16) { span[0] = (byte)(MessagePackCode.MinFixArray | count); Commit(1); }
        else if (count <= ushort.MaxValue) { span[0] = MessagePackCode.Array16; BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count); Commit(3); }
        else { span[0] = MessagePackCode.Array32; BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count); Commit(5); }
    }

    public void WriteMapHeader(int count)
    {
        var span = Take(5);
        if (count < 16) { span[0] = (byte)(MessagePackCode.MinFixMap | count); Commit(1); }
        else if (count <= ushort.MaxValue) { span[0] = MessagePackCode.Map16; BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count); Commit(3); }
        else { span[0] = MessagePackCode.Map32; BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count); Commit(5); }
    }

    public void WriteExtensionHeader(sbyte typeCode, int length)
    {
        var span = Take(6);
        byte type = unchecked((byte)typeCode);
        switch (length)
        {
            case 1: span[0] = MessagePackCode.FixExt1; span[1] = type; Commit(2); return;
            case 2: span[0] = MessagePackCode.FixExt2; span[1] = type; Commit(2); return;
            case 4: span[0] = MessagePackCode.FixExt4; span[1] = type; Commit(2); return;
            case 8: span[0] = MessagePackCode.FixExt8; span[1] = type; Commit(2); return;
            case 16: span[0] = MessagePackCode.FixExt16; span[1] = type; Commit(2); return;
        }
        if (length <= byte.MaxValue) { span[0] = MessagePackCode.Ext8; span[1] = (byte)length; span[2] = type; Commit(3); }
        else if (length <= ushort.MaxValue) { span[0] = MessagePackCode.Ext16; BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length); span[3] = type; Commit(4); }
        else { span[0] = MessagePackCode.Ext32; BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length); span[5] = type; Commit(6); }
    }

    public void WriteExtension(sbyte typeCode, ReadOnlySpan<byte> data)
    {
        WriteExtensionHeader(typeCode, data.Length);
        WriteRaw(data);
    }

    /// <summary>The timestamp extension (type -1) in its smallest form: 32-, 64- or 96-bit.</summary>
    public void Write(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        long ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0) { seconds--; remainder += TimeSpan.TicksPerSecond; }
        uint nanoseconds = (uint)(remainder * 100);
        if ((seconds >> 34) == 0)
        {
            ulong data64 = ((ulong)nanoseconds << 34) | (ulong)seconds;
            if ((data64 & 0xffffffff00000000UL) == 0)
            {
                WriteExtensionHeader(MessagePackCode.TimestampExtType, 4);
                var s4 = Take(4);
                BinaryPrimitives.WriteUInt32BigEndian(s4, (uint)data64);
                Commit(4);
            }
            else
            {
                WriteExtensionHeader(MessagePackCode.TimestampExtType, 8);
                var s8 = Take(8);
                BinaryPrimitives.WriteUInt64BigEndian(s8, data64);
                Commit(8);
            }
            return;
        }
        WriteExtensionHeader(MessagePackCode.TimestampExtType, 12);
        var s12 = Take(12);
        BinaryPrimitives.WriteUInt32BigEndian(s12, nanoseconds);
        BinaryPrimitives.WriteInt64BigEndian(s12[4..], seconds);
        Commit(12);
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var span = _output.GetSpan(1);
            int n = Math.Min(span.Length, bytes.Length);
            bytes[..n].CopyTo(span);
            _output.Advance(n);
            bytes = bytes[n..];
        }
    }
}
