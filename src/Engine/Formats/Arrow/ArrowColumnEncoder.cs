using System.Buffers.Binary;
using System.Text;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>
/// Turns one of our column vectors into Arrow's buffers for its type (validity bitmap first, then
/// offsets and/or values). Layouts that already match Arrow (validity words, fixed-width numbers,
/// dates, timestamps, 128-bit decimals) are handed over without copying.
/// </summary>
internal static class ArrowColumnEncoder
{
    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);

    public static void Encode(ColumnVector column, SqlType type, ArrowBody body)
    {
        int length = column.Length;
        if (type.Id == TypeId.Unknown)
        {
            body.AddNode(length, length); // Arrow's Null type has no buffers at all
            return;
        }

        int nullCount = CountNulls(column.Validity, length);
        body.AddNode(length, nullCount);
        if (nullCount == 0) body.AddEmptyBuffer();
        else body.AddBuffer(column.Validity!.Words, (length + 7) / 8);

        switch (type.Id)
        {
            case TypeId.Boolean: EncodeBooleans(As<bool>(column).Values, length, body); break;
            case TypeId.SmallInt: body.AddBuffer(As<short>(column).Values, length * 2); break;
            case TypeId.Integer or TypeId.Date: body.AddBuffer(As<int>(column).Values, length * 4); break;
            case TypeId.BigInt or TypeId.Timestamp or TypeId.TimestampTz: body.AddBuffer(As<long>(column).Values, length * 8); break;
            case TypeId.Real: body.AddBuffer(As<float>(column).Values, length * 4); break;
            case TypeId.Double: body.AddBuffer(As<double>(column).Values, length * 8); break;
            case TypeId.Decimal when type.IsWideDecimal: body.AddBuffer(As<Int128>(column).Values, length * 16); break;
            case TypeId.Decimal: EncodeShortDecimals(As<long>(column).Values, length, body); break;
            case TypeId.Char or TypeId.Varchar: EncodeStrings(column as StringVector ?? throw new ArgumentException($"a {type} column must be a StringVector"), length, body); break;
            case TypeId.Interval: EncodeIntervals(As<Interval>(column).Values, length, body); break;
            default: throw ArrowFormatException.Unsupported($"export of type {type}");
        }
    }

    /// <summary>Nulls among the first <paramref name="length"/> rows (a bitmap may be longer than its column).</summary>
    private static int CountNulls(ValidityBitmap? validity, int length)
    {
        if (validity is null) return 0;
        int valid = 0;
        var words = validity.Words;
        for (int w = 0; w < length >> 6; w++) valid += System.Numerics.BitOperations.PopCount(words[w]);
        if ((length & 63) != 0) valid += System.Numerics.BitOperations.PopCount(words[length >> 6] & ((1UL << (length & 63)) - 1));
        return length - valid;
    }

    private static ColumnVector<T> As<T>(ColumnVector column) =>
        column as ColumnVector<T> ?? throw new ArgumentException(
            $"a {column.Type} column must hold {typeof(T).Name} values, not {column.GetType().GenericTypeArguments.FirstOrDefault()?.Name}");

    private static void EncodeBooleans(bool[] values, int length, ArrowBody body)
    {
        var bits = new byte[(length + 7) / 8];
        for (int i = 0; i < length; i++)
            if (values[i]) bits[i >> 3] |= (byte)(1 << (i & 7));
        body.AddBuffer(bits, bits.Length);
    }

    private static void EncodeShortDecimals(long[] values, int length, ArrowBody body)
    {
        var wide = new Int128[length];
        for (int i = 0; i < length; i++) wide[i] = values[i];
        body.AddBuffer(wide, length * 16);
    }

    /// <summary>The vector's own offsets (rebased to 0) and UTF-8 bytes: batches are already in Arrow's layout.</summary>
    private static void EncodeStrings(StringVector values, int length, ArrowBody body)
    {
        var offsets = new int[length + 1];
        int first = values.Offsets[0];
        for (int i = 0; i <= length; i++) offsets[i] = values.Offsets[i] - first;
        body.AddBuffer(offsets, (length + 1) * 4);
        if (first == 0) body.AddBuffer(values.Data, offsets[length]);
        else body.AddBuffer(values.Data.AsSpan(first, offsets[length]).ToArray(), offsets[length]);
    }

    /// <summary>Arrow's month_day_nano: int32 months, int32 days, int64 nanoseconds.</summary>
    private static void EncodeIntervals(Interval[] values, int length, ArrowBody body)
    {
        var bytes = new byte[length * 16];
        for (int i = 0; i < length; i++)
        {
            var span = bytes.AsSpan(i * 16, 16);
            BinaryPrimitives.WriteInt32LittleEndian(span, values[i].Months);
            BinaryPrimitives.WriteInt32LittleEndian(span[4..], values[i].Days);
            long nanos;
            try { nanos = checked(values[i].Micros * 1000); }
            catch (OverflowException) { throw new ArrowFormatException(Errors.SqlState.NumericValueOutOfRange, $"interval of {values[i].Micros} microseconds does not fit Arrow's nanosecond field"); }
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], nanos);
        }
        body.AddBuffer(bytes, bytes.Length);
    }
}
