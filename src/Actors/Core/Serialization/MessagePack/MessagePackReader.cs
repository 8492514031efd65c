using System.Buffers.Binary;
using System.Text;

namespace ActorWarehouse.Actors.Serialization.MessagePack;

/// <summary>Reads MessagePack from a contiguous buffer. Typed reads accept every encoding of their family.</summary>
public ref struct MessagePackReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public MessagePackReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;
    public readonly bool End => _position >= _buffer.Length;
    public readonly int Remaining => _buffer.Length - _position;

    private readonly byte PeekByte()
    {
        if (_position >= _buffer.Length) throw Truncated();
        return _buffer[_position];
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _buffer.Length) throw Truncated();
        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    private byte ReadByte() => Take(1)[0];

    private static MessagePackSerializationException Truncated() => new("MessagePack input ends in the middle of a value");

    private readonly MessagePackSerializationException Unexpected(string expected, byte code) =>
        new($"expected {expected} but found format 0x{code:x2} at offset {_position}");

    public readonly MessagePackType NextType => TypeOf(PeekByte());

    public static MessagePackType TypeOf(byte code) => code switch
    {
        <= MessagePackCode.MaxFixInt => MessagePackType.Integer,
        <= MessagePackCode.MaxFixMap => MessagePackType.Map,
        <= MessagePackCode.MaxFixArray => MessagePackType.Array,
        <= MessagePackCode.MaxFixStr => MessagePackType.String,
        MessagePackCode.Nil => MessagePackType.Nil,
        MessagePackCode.False or MessagePackCode.True => MessagePackType.Boolean,
        MessagePackCode.Bin8 or MessagePackCode.Bin16 or MessagePackCode.Bin32 => MessagePackType.Binary,
        MessagePackCode.Ext8 or MessagePackCode.Ext16 or MessagePackCode.Ext32 => MessagePackType.Extension,
        MessagePackCode.Float32 or MessagePackCode.Float64 => MessagePackType.Float,
        >= MessagePackCode.UInt8 and <= MessagePackCode.Int64 => MessagePackType.Integer,
        >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16 => MessagePackType.Extension,
        >= MessagePackCode.Str8 and <= MessagePackCode.Str32 => MessagePackType.String,
        MessagePackCode.Array16 or MessagePackCode.Array32 => MessagePackType.Array,
        MessagePackCode.Map16 or MessagePackCode.Map32 => MessagePackType.Map,
        >= MessagePackCode.MinNegativeFixInt => MessagePackType.Integer,
        _ => MessagePackType.Unknown,
    };

    /// <summary>Returns the next format byte and moves past it (use on a copy of the reader to peek).</summary>
    public byte ReadByteForProbe() => ReadByte();

    public bool TryReadNil()
    {
        if (PeekByte() != MessagePackCode.Nil) return false;
        _position++;
        return true;
    }

    public void ReadNil()
    {
        if (!TryReadNil()) throw Unexpected("nil", PeekByte());
    }

    public bool ReadBoolean()
    {
        byte code = ReadByte();
        return code switch
        {
            MessagePackCode.True => true,
            MessagePackCode.False => false,
            _ => throw Unexpected("boolean", code),
        };
    }

    public long ReadInt64()
    {
        byte code = PeekByte();
        if (code == MessagePackCode.UInt64)
        {
            ulong u = ReadUInt64();
            if (u > long.MaxValue) throw new MessagePackSerializationException($"integer {u} does not fit a signed 64-bit value");
            return (long)u;
        }
        _position++;
        if (code <= MessagePackCode.MaxFixInt) return code;
        if (code >= MessagePackCode.MinNegativeFixInt) return (sbyte)code;
        return code switch
        {
            MessagePackCode.UInt8 => Take(1)[0],
            MessagePackCode.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.UInt32 => BinaryPrimitives.ReadUInt32BigEndian(Take(4)),
            MessagePackCode.Int8 => (sbyte)Take(1)[0],
            MessagePackCode.Int16 => BinaryPrimitives.ReadInt16BigEndian(Take(2)),
            MessagePackCode.Int32 => BinaryPrimitives.ReadInt32BigEndian(Take(4)),
            MessagePackCode.Int64 => BinaryPrimitives.ReadInt64BigEndian(Take(8)),
            _ => throw Unexpected("integer", code),
        };
    }

    public ulong ReadUInt64()
    {
        byte code = PeekByte();
        if (code == MessagePackCode.UInt64)
        {
            _position++;
            return BinaryPrimitives.ReadUInt64BigEndian(Take(8));
        }
        long v = ReadInt64();
        if (v < 0) throw new MessagePackSerializationException($"integer {v} is negative where unsigned was expected");
        return (ulong)v;
    }

    public int ReadInt32()
    {
        long v = ReadInt64();
        if (v is < int.MinValue or > int.MaxValue) throw new MessagePackSerializationException($"integer {v} does not fit 32 bits");
        return (int)v;
    }

    /// <summary>Reads any float or integer as a double.</summary>
    public double ReadDouble()
    {
        byte code = PeekByte();
        switch (code)
        {
            case MessagePackCode.Float64:
                _position++;
                return BinaryPrimitives.ReadDoubleBigEndian(Take(8));
            case MessagePackCode.Float32:
                _position++;
                return BinaryPrimitives.ReadSingleBigEndian(Take(4));
            case MessagePackCode.UInt64:
                return ReadUInt64();
            default:
                return ReadInt64();
        }
    }

    public float ReadSingle()
    {
        if (PeekByte() == MessagePackCode.Float32)
        {
            _position++;
            return BinaryPrimitives.ReadSingleBigEndian(Take(4));
        }
        return (float)ReadDouble();
    }

    /// <summary>Reads a str header and returns the UTF-8 bytes (no copy).</summary>
    public ReadOnlySpan<byte> ReadStringSpan()
    {
        byte code = ReadByte();
        int length;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr) length = code & 0x1f;
        else length = code switch
        {
            MessagePackCode.Str8 => Take(1)[0],
            MessagePackCode.Str16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Str32 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Unexpected("string", code),
        };
        return Take(length);
    }

    public string? ReadString()
    {
        if (TryReadNil()) return null;
        return Encoding.UTF8.GetString(ReadStringSpan());
    }

    /// <summary>Reads a bin value (no copy). Old-spec raw strings are accepted as binary too.</summary>
    public ReadOnlySpan<byte> ReadBytesSpan()
    {
        byte code = PeekByte();
        if (TypeOf(code) == MessagePackType.String) return ReadStringSpan();
        _position++;
        int length = code switch
        {
            MessagePackCode.Bin8 => Take(1)[0],
            MessagePackCode.Bin16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Bin32 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Unexpected("binary", code),
        };
        return Take(length);
    }

    public byte[]? ReadBytes()
    {
        if (TryReadNil()) return null;
        return ReadBytesSpan().ToArray();
    }

    public int ReadArrayHeader()
    {
        byte code = ReadByte();
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray) return code & 0x0f;
        return code switch
        {
            MessagePackCode.Array16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Array32 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Unexpected("array", code),
        };
    }

    public int ReadMapHeader()
    {
        byte code = ReadByte();
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap) return code & 0x0f;
        return code switch
        {
            MessagePackCode.Map16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Map32 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Unexpected("map", code),
        };
    }

    public (sbyte TypeCode, int Length) ReadExtensionHeader()
    {
        byte code = ReadByte();
        int length = code switch
        {
            MessagePackCode.FixExt1 => 1,
            MessagePackCode.FixExt2 => 2,
            MessagePackCode.FixExt4 => 4,
            MessagePackCode.FixExt8 => 8,
            MessagePackCode.FixExt16 => 16,
            MessagePackCode.Ext8 => Take(1)[0],
            MessagePackCode.Ext16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2)),
            MessagePackCode.Ext32 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4))),
            _ => throw Unexpected("extension", code),
        };
        return ((sbyte)ReadByte(), length);
    }

    public ReadOnlySpan<byte> ReadRaw(int length) => Take(length);

    /// <summary>Reads the timestamp extension (any of its three sizes) as a UTC DateTime.</summary>
    public DateTime ReadDateTime()
    {
        var (type, length) = ReadExtensionHeader();
        if (type != MessagePackCode.TimestampExtType) throw new MessagePackSerializationException($"expected a timestamp, found extension type {type}");
        return DecodeTimestamp(Take(length));
    }

    internal static DateTime DecodeTimestamp(ReadOnlySpan<byte> data)
    {
        long seconds;
        uint nanoseconds;
        switch (data.Length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                nanoseconds = 0;
                break;
            case 8:
                ulong v = BinaryPrimitives.ReadUInt64BigEndian(data);
                nanoseconds = (uint)(v >> 34);
                seconds = (long)(v & 0x3_ffff_ffffUL);
                break;
            case 12:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                seconds = BinaryPrimitives.ReadInt64BigEndian(data[4..]);
                break;
            default:
                throw new MessagePackSerializationException($"timestamp of {data.Length} bytes is not 4, 8 or 12");
        }
        if (nanoseconds > 999_999_999) throw new MessagePackSerializationException("timestamp nanoseconds out of range");
        return DateTime.UnixEpoch.AddTicks(checked(seconds * TimeSpan.TicksPerSecond + nanoseconds / 100));
    }

    /// <summary>Skips one complete value (with everything nested in it).</summary>
    public void Skip()
    {
        byte code = PeekByte();
        switch (TypeOf(code))
        {
            case MessagePackType.Nil:
            case MessagePackType.Boolean:
                _position++;
                break;
            case MessagePackType.Integer:
                ReadDoubleOrInteger();
                break;
            case MessagePackType.Float:
                ReadDouble();
                break;
            case MessagePackType.String:
                ReadStringSpan();
                break;
            case MessagePackType.Binary:
                ReadBytesSpan();
                break;
            case MessagePackType.Array:
                for (int i = ReadArrayHeader(); i > 0; i--) Skip();
                break;
            case MessagePackType.Map:
                for (int i = ReadMapHeader(); i > 0; i--) { Skip(); Skip(); }
                break;
            case MessagePackType.Extension:
                Take(ReadExtensionHeader().Length);
                break;
            default:
                throw Unexpected("a value", code);
        }
    }

    private void ReadDoubleOrInteger()
    {
        if (PeekByte() == MessagePackCode.UInt64) ReadUInt64();
        else ReadInt64();
    }

    private static int CheckedLength(uint length) =>
        length > int.MaxValue ? throw new MessagePackSerializationException($"length {length} is too large") : (int)length;
}
