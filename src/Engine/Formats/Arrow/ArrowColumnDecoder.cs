using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>
/// Decodes one Arrow array (a field node plus its buffers) into our column vector for the mapped SQL
/// type. Buffer sizes and string offsets are validated before any value is touched.
/// </summary>
internal static class ArrowColumnDecoder
{
    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);

    public static ColumnVector Decode(ArrowType arrow, SqlType type, ArrowBatchDecoder decoder, long expectedLength, string fieldName)
    {
        int length = NodeLength(decoder, expectedLength, fieldName, out long nullCount);
        if (arrow.Kind == ArrowTypeKind.Null) return ColumnVector.AllNull(SqlType.Unknown, length);

        var validity = DecodeValidity(decoder.NextBuffer().Span, length, nullCount, fieldName);
        var vector = DecodeValues(arrow, type, decoder, length, fieldName);
        vector.Validity = validity;
        return vector;
    }

    /// <summary>Decodes the integer indices of a dictionary-encoded array (validity stays separate).</summary>
    public static (long[] Indices, ValidityBitmap? Validity) DecodeIndices(ArrowDictionary dictionary, ArrowBatchDecoder decoder, long expectedLength, string fieldName)
    {
        int length = NodeLength(decoder, expectedLength, fieldName, out long nullCount);
        var validity = DecodeValidity(decoder.NextBuffer().Span, length, nullCount, fieldName);
        var data = Values(decoder, length, dictionary.IndexBitWidth / 8, fieldName);
        var indices = new long[length];
        for (int i = 0; i < length; i++) indices[i] = ReadInteger(data, i, dictionary.IndexBitWidth, dictionary.IndexSigned);
        return (indices, validity);
    }

    private static int NodeLength(ArrowBatchDecoder decoder, long expectedLength, string fieldName, out long nullCount)
    {
        (long length, nullCount) = decoder.NextNode();
        if (length != expectedLength)
            throw ArrowFormatException.Malformed($"field \"{fieldName}\" has {length} rows, its record batch {expectedLength}");
        if (length > Array.MaxLength / 16) throw ArrowFormatException.Unsupported($"array of {length} rows");
        return (int)length;
    }

    private static ValidityBitmap? DecodeValidity(ReadOnlySpan<byte> bits, int length, long nullCount, string fieldName)
    {
        if (nullCount == 0) return null;
        int needed = (length + 7) / 8;
        if (bits.Length < needed)
            throw ArrowFormatException.Malformed($"validity bitmap of \"{fieldName}\" has {bits.Length} bytes, {needed} needed for {length} rows");
        var bitmap = new ValidityBitmap(length, allValid: false);
        bits[..needed].CopyTo(MemoryMarshal.AsBytes(bitmap.Words.AsSpan()));
        return bitmap;
    }

    private static ColumnVector DecodeValues(ArrowType arrow, SqlType type, ArrowBatchDecoder decoder, int length, string fieldName)
    {
        switch (arrow.Kind)
        {
            case ArrowTypeKind.Bool:
            {
                var bits = Values(decoder, (length + 7) / 8, 1, fieldName);
                var values = new bool[length];
                for (int i = 0; i < length; i++) values[i] = (bits[i >> 3] & (1 << (i & 7))) != 0;
                return new ColumnVector<bool>(type, values, length);
            }
            case ArrowTypeKind.Int:
                return DecodeIntegers(arrow, type, Values(decoder, length, arrow.BitWidth / 8, fieldName), length);
            case ArrowTypeKind.FloatingPoint when arrow.Precision == ArrowType.Half:
            {
                var data = Values(decoder, length, 2, fieldName);
                var values = new float[length];
                for (int i = 0; i < length; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data[(2 * i)..]);
                return new ColumnVector<float>(type, values, length);
            }
            case ArrowTypeKind.FloatingPoint when arrow.Precision == ArrowType.Single:
                return new ColumnVector<float>(type, Copy<float>(Values(decoder, length, 4, fieldName), length), length);
            case ArrowTypeKind.FloatingPoint:
                return new ColumnVector<double>(type, Copy<double>(Values(decoder, length, 8, fieldName), length), length);
            case ArrowTypeKind.Decimal:
                return DecodeDecimals(type, Values(decoder, length, 16, fieldName), length, fieldName);
            case ArrowTypeKind.Date when arrow.Unit == ArrowType.DateDay:
                return new ColumnVector<int>(type, Copy<int>(Values(decoder, length, 4, fieldName), length), length);
            case ArrowTypeKind.Date:
            {
                var millis = Values(decoder, length, 8, fieldName);
                var values = new int[length];
                for (int i = 0; i < length; i++)
                    values[i] = (int)Math.Clamp(Math.Floor(BinaryPrimitives.ReadInt64LittleEndian(millis[(8 * i)..]) / 86_400_000.0), int.MinValue, int.MaxValue);
                return new ColumnVector<int>(type, values, length);
            }
            case ArrowTypeKind.Timestamp:
                return DecodeTimestamps(arrow.Unit, type, Values(decoder, length, 8, fieldName), length, fieldName);
            case ArrowTypeKind.Interval:
                return DecodeIntervals(arrow.Unit, type, decoder, length, fieldName);
            case ArrowTypeKind.Utf8:
                return DecodeStrings(type, decoder, length, offsetWidth: 4, fieldName);
            case ArrowTypeKind.LargeUtf8:
                return DecodeStrings(type, decoder, length, offsetWidth: 8, fieldName);
            default:
                throw ArrowFormatException.Unsupported($"type {arrow} (field \"{fieldName}\")");
        }
    }

    /// <summary>The next buffer, checked to hold at least <paramref name="count"/> values of <paramref name="width"/> bytes.</summary>
    private static ReadOnlySpan<byte> Values(ArrowBatchDecoder decoder, int count, int width, string fieldName)
    {
        var buffer = decoder.NextBuffer().Span;
        long needed = (long)count * width;
        if (buffer.Length < needed)
            throw ArrowFormatException.Malformed($"value buffer of \"{fieldName}\" has {buffer.Length} bytes, {needed} needed for {count} values");
        return buffer[..(int)needed];
    }

    private static T[] Copy<T>(ReadOnlySpan<byte> data, int length) where T : unmanaged
    {
        var values = new T[length];
        data.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static long ReadInteger(ReadOnlySpan<byte> data, int index, int bitWidth, bool signed) => (bitWidth, signed) switch
    {
        (8, true) => (sbyte)data[index],
        (8, false) => data[index],
        (16, true) => BinaryPrimitives.ReadInt16LittleEndian(data[(2 * index)..]),
        (16, false) => BinaryPrimitives.ReadUInt16LittleEndian(data[(2 * index)..]),
        (32, true) => BinaryPrimitives.ReadInt32LittleEndian(data[(4 * index)..]),
        (32, false) => BinaryPrimitives.ReadUInt32LittleEndian(data[(4 * index)..]),
        _ => BinaryPrimitives.ReadInt64LittleEndian(data[(8 * index)..]),
    };

    private static ColumnVector DecodeIntegers(ArrowType arrow, SqlType type, ReadOnlySpan<byte> data, int length)
    {
        switch (arrow.BitWidth, arrow.Signed)
        {
            case (16, true): return new ColumnVector<short>(type, Copy<short>(data, length), length);
            case (32, true): return new ColumnVector<int>(type, Copy<int>(data, length), length);
            case (64, true): return new ColumnVector<long>(type, Copy<long>(data, length), length);
            case (64, false):
            {
                var values = new Int128[length];
                for (int i = 0; i < length; i++) values[i] = BinaryPrimitives.ReadUInt64LittleEndian(data[(8 * i)..]);
                return new ColumnVector<Int128>(type, values, length);
            }
        }
        var vector = ColumnVector.Allocate(type, length);
        switch (vector)
        {
            case ColumnVector<short> shorts:
                for (int i = 0; i < length; i++) shorts.Values[i] = (short)ReadInteger(data, i, arrow.BitWidth, arrow.Signed);
                break;
            case ColumnVector<int> ints:
                for (int i = 0; i < length; i++) ints.Values[i] = (int)ReadInteger(data, i, arrow.BitWidth, arrow.Signed);
                break;
            case ColumnVector<long> longs:
                for (int i = 0; i < length; i++) longs.Values[i] = ReadInteger(data, i, arrow.BitWidth, arrow.Signed);
                break;
        }
        return vector;
    }

    private static ColumnVector DecodeDecimals(SqlType type, ReadOnlySpan<byte> data, int length, string fieldName)
    {
        var wide = Copy<Int128>(data, length);
        if (type.IsWideDecimal) return new ColumnVector<Int128>(type, wide, length);
        var values = new long[length];
        for (int i = 0; i < length; i++)
        {
            if (wide[i] < long.MinValue || wide[i] > long.MaxValue)
                throw ArrowFormatException.Malformed($"decimal value of \"{fieldName}\" at row {i} exceeds precision {type.Precision}");
            values[i] = (long)wide[i];
        }
        return new ColumnVector<long>(type, values, length);
    }

    private static ColumnVector DecodeTimestamps(short unit, SqlType type, ReadOnlySpan<byte> data, int length, string fieldName)
    {
        var values = Copy<long>(data, length);
        switch (unit)
        {
            case ArrowType.Second or ArrowType.Millisecond:
                long factor = unit == ArrowType.Second ? 1_000_000 : 1_000;
                for (int i = 0; i < length; i++)
                {
                    long scaled = values[i] * factor;
                    if (scaled / factor != values[i])
                        throw new ArrowFormatException(Errors.SqlState.DatetimeFieldOverflow, $"timestamp of \"{fieldName}\" at row {i} is out of range");
                    values[i] = scaled;
                }
                break;
            case ArrowType.Nanosecond:
                for (int i = 0; i < length; i++) values[i] = FloorDivide(values[i], 1000);
                break;
        }
        return new ColumnVector<long>(type, values, length);
    }

    private static ColumnVector DecodeIntervals(short unit, SqlType type, ArrowBatchDecoder decoder, int length, string fieldName)
    {
        var values = new Interval[length];
        switch (unit)
        {
            case ArrowType.YearMonth:
            {
                var data = Values(decoder, length, 4, fieldName);
                for (int i = 0; i < length; i++) values[i] = new Interval(BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]), 0, 0);
                break;
            }
            case ArrowType.DayTime:
            {
                var data = Values(decoder, length, 8, fieldName);
                for (int i = 0; i < length; i++)
                    values[i] = new Interval(0, BinaryPrimitives.ReadInt32LittleEndian(data[(8 * i)..]),
                        BinaryPrimitives.ReadInt32LittleEndian(data[(8 * i + 4)..]) * 1000L);
                break;
            }
            default:
            {
                var data = Values(decoder, length, 16, fieldName);
                for (int i = 0; i < length; i++)
                {
                    var item = data.Slice(16 * i, 16);
                    values[i] = new Interval(BinaryPrimitives.ReadInt32LittleEndian(item), BinaryPrimitives.ReadInt32LittleEndian(item[4..]),
                        BinaryPrimitives.ReadInt64LittleEndian(item[8..]) / 1000);
                }
                break;
            }
        }
        return new ColumnVector<Interval>(type, values, length);
    }

    private static ColumnVector DecodeStrings(SqlType type, ArrowBatchDecoder decoder, int length, int offsetWidth, string fieldName)
    {
        var offsets = Values(decoder, length + 1, offsetWidth, fieldName);
        var data = decoder.NextBuffer().Span;
        var builder = new StringVectorBuilder(length, data.Length);
        bool trimBlanks = type.Id == TypeId.Char;
        long previous = ReadOffset(offsets, 0, offsetWidth);
        for (int i = 0; i < length; i++)
        {
            long next = ReadOffset(offsets, i + 1, offsetWidth);
            if (previous < 0 || next < previous || next > data.Length)
                throw ArrowFormatException.Malformed($"string offsets of \"{fieldName}\" at row {i} ({previous}..{next}) are not within the {data.Length}-byte data buffer");
            var text = data.Slice((int)previous, (int)(next - previous));
            if (!System.Text.Unicode.Utf8.IsValid(text))
                throw new ArrowFormatException(Errors.SqlState.CharacterNotInRepertoire, $"string of \"{fieldName}\" at row {i} is not valid UTF-8");
            builder.Append(trimBlanks ? text.TrimEnd((byte)' ') : text);
            previous = next;
        }
        return builder.Build(type);
    }

    private static long FloorDivide(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private static long ReadOffset(ReadOnlySpan<byte> offsets, int index, int width) =>
        width == 4 ? BinaryPrimitives.ReadInt32LittleEndian(offsets[(4 * index)..]) : BinaryPrimitives.ReadInt64LittleEndian(offsets[(8 * index)..]);
}
