using System.Buffers.Binary;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;
using ActorWarehouse.Host.PgWire.Buffers;
using ActorWarehouse.Host.PgWire.Protocol;

namespace ActorWarehouse.Host.PgWire.Types;

/// <summary>
/// Turns a Bind parameter (text or binary format) into the engine's physical value for the statement's parameter
/// type. Text goes through the engine's own input functions, so '1e3'::int errors are PostgreSQL's. Binary integers
/// and floats of another width than declared are accepted and range-checked (clients sometimes send int8 for int4).
/// </summary>
internal static class ParameterDecoder
{
    public const short TextFormat = 0;
    public const short BinaryFormat = 1;

    public static object? Decode(ReadOnlySpan<byte> value, short format, SqlType type, int parameterNumber)
    {
        if (format == TextFormat) return DecodeText(BodyReader.Decode(value), type);
        if (format != BinaryFormat) throw new PgProtocolException($"unsupported format code: {format}");
        try
        {
            return DecodeBinary(value, type);
        }
        catch (PgProtocolException)
        {
            throw new SqlException(WireSqlState.InvalidBinaryRepresentation, $"incorrect binary data format in bind parameter {parameterNumber}");
        }
    }

    public static object? DecodeText(string text, SqlType type) =>
        type.Id == TypeId.Unknown ? text : ValueParser.Parse(text, type);

    private static object DecodeBinary(ReadOnlySpan<byte> value, SqlType type)
    {
        switch (type.Id)
        {
            case TypeId.Boolean:
                Expect(value, 1);
                return value[0] != 0;
            case TypeId.SmallInt:
                return checked((short)Range(ReadInteger(value), short.MinValue, short.MaxValue, "smallint"));
            case TypeId.Integer:
                return checked((int)Range(ReadInteger(value), int.MinValue, int.MaxValue, "integer"));
            case TypeId.BigInt:
                return ReadInteger(value);
            case TypeId.Real:
                return value.Length == 8 ? (float)ReadDouble(value) : ReadSingle(value);
            case TypeId.Double:
                return value.Length == 4 ? ReadSingle(value) : ReadDouble(value);
            case TypeId.Decimal:
                return ValueParser.Parse(value.Length is 2 or 4 or 8 ? ReadInteger(value).ToString(System.Globalization.CultureInfo.InvariantCulture) : PgNumeric.ToText(value), type);
            case TypeId.Char or TypeId.Varchar:
                return ValueParser.ParseString(BodyReader.Decode(value), type, isExplicit: false);
            case TypeId.Unknown:
                return BodyReader.Decode(value);
            case TypeId.Date:
                Expect(value, 4);
                return BinaryPrimitives.ReadInt32BigEndian(value) + PgEpoch.DaysFromUnixEpoch;
            case TypeId.Timestamp or TypeId.TimestampTz:
                Expect(value, 8);
                return BinaryPrimitives.ReadInt64BigEndian(value) + PgEpoch.MicrosFromUnixEpoch;
            case TypeId.Interval:
                Expect(value, 16);
                return new Interval(BinaryPrimitives.ReadInt32BigEndian(value[12..]), BinaryPrimitives.ReadInt32BigEndian(value[8..]),
                    BinaryPrimitives.ReadInt64BigEndian(value));
            default:
                throw new SqlException(WireSqlState.FeatureNotSupported, $"binary input of type {type} is not supported");
        }
    }

    private static long ReadInteger(ReadOnlySpan<byte> value) => value.Length switch
    {
        2 => BinaryPrimitives.ReadInt16BigEndian(value),
        4 => BinaryPrimitives.ReadInt32BigEndian(value),
        8 => BinaryPrimitives.ReadInt64BigEndian(value),
        _ => throw Bad(),
    };

    private static float ReadSingle(ReadOnlySpan<byte> value)
    {
        Expect(value, 4);
        return BinaryPrimitives.ReadSingleBigEndian(value);
    }

    private static double ReadDouble(ReadOnlySpan<byte> value)
    {
        Expect(value, 8);
        return BinaryPrimitives.ReadDoubleBigEndian(value);
    }

    private static long Range(long value, long min, long max, string typeName) => value >= min && value <= max
        ? value
        : throw new SqlException(WireSqlState.NumericValueOutOfRange, $"value \"{value}\" is out of range for type {typeName}");

    private static void Expect(ReadOnlySpan<byte> value, int length)
    {
        if (value.Length != length) throw Bad();
    }

    private static PgProtocolException Bad() => new("incorrect binary data format", WireSqlState.InvalidBinaryRepresentation);
}
