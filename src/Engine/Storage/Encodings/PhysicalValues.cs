using System.Runtime.InteropServices;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage.Encodings;

/// <summary>
/// Typed views of a column's values for the codecs: the raw bytes of fixed-width values, and the
/// integer family widened to <see cref="long"/>. One type switch per block, loops inside.
/// </summary>
internal static class PhysicalValues
{
    /// <summary>Bytes per value for fixed-width types, 0 for strings.</summary>
    public static int Width(SqlType type) => type.Id switch
    {
        TypeId.Boolean => 1,
        TypeId.SmallInt => 2,
        TypeId.Integer or TypeId.Date => 4,
        TypeId.BigInt or TypeId.Timestamp or TypeId.TimestampTz => 8,
        TypeId.Decimal => type.IsWideDecimal ? 16 : 8,
        TypeId.Real => 4,
        TypeId.Double => 8,
        TypeId.Interval => 16,
        TypeId.Char or TypeId.Varchar or TypeId.Unknown => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no storage width"),
    };

    public static bool IsString(SqlType type) => Width(type) == 0;

    /// <summary>The first <paramref name="count"/> values of a fixed-width column as bytes.</summary>
    public static ReadOnlySpan<byte> Bytes(ColumnVector column, int count) => WritableBytes(column, count);

    /// <summary>Writable bytes of a fixed-width column's first <paramref name="count"/> values.</summary>
    public static Span<byte> WritableBytes(ColumnVector column, int count) => column switch
    {
        ColumnVector<bool> v => MemoryMarshal.AsBytes(v.Values.AsSpan(0, count)),
        ColumnVector<short> v => MemoryMarshal.AsBytes(v.Values.AsSpan(0, count)),
        ColumnVector<int> v => MemoryMarshal.AsBytes(v.Values.AsSpan(0, count)),
        ColumnVector<long> v => MemoryMarshal.AsBytes(v.Values.AsSpan(0, count)),
        ColumnVector<Int128> v => MemoryMarshal.AsBytes(v.Values.AsSpan(0, count)),
        ColumnVector<float> v => MemoryMarshal.AsBytes(v.Values.AsSpan(0, count)),
        ColumnVector<double> v => MemoryMarshal.AsBytes(v.Values.AsSpan(0, count)),
        ColumnVector<Interval> v => MemoryMarshal.AsBytes(v.Values.AsSpan(0, count)),
        _ => throw new ArgumentException($"{column.GetType().Name} is not fixed-width", nameof(column)),
    };

    /// <summary>A new vector of <paramref name="type"/> whose values are copied from raw bytes.</summary>
    public static ColumnVector FromBytes(SqlType type, ReadOnlySpan<byte> bytes, int count)
    {
        var vector = ColumnVector.Allocate(type, count);
        var target = WritableBytes(vector, count);
        if (bytes.Length != target.Length) throw new Blocks.CorruptBlockException($"expected {target.Length} value bytes, found {bytes.Length}");
        bytes.CopyTo(target);
        return vector;
    }

    /// <summary>Integer-family values (see <see cref="ColumnEncodings.IsIntegerFamily"/>) widened to long.</summary>
    public static long[] ToLongs(ColumnVector column, int count)
    {
        var result = new long[count];
        switch (column)
        {
            case ColumnVector<short> v:
                for (int i = 0; i < count; i++) result[i] = v.Values[i];
                break;
            case ColumnVector<int> v:
                for (int i = 0; i < count; i++) result[i] = v.Values[i];
                break;
            case ColumnVector<long> v:
                Array.Copy(v.Values, result, count);
                break;
            default:
                throw new ArgumentException($"{column.Type} is not in the integer family", nameof(column));
        }
        return result;
    }

    /// <summary>A vector of <paramref name="type"/> narrowed back from longs; out-of-range values mean corruption.</summary>
    public static ColumnVector FromLongs(SqlType type, ReadOnlySpan<long> values)
    {
        int count = values.Length;
        var vector = ColumnVector.Allocate(type, count);
        switch (vector)
        {
            case ColumnVector<short> v:
                for (int i = 0; i < count; i++)
                {
                    long x = values[i];
                    if (x != (short)x) throw new Blocks.CorruptBlockException("decoded value does not fit smallint");
                    v.Values[i] = (short)x;
                }
                break;
            case ColumnVector<int> v:
                for (int i = 0; i < count; i++)
                {
                    long x = values[i];
                    if (x != (int)x) throw new Blocks.CorruptBlockException("decoded value does not fit a 32-bit column");
                    v.Values[i] = (int)x;
                }
                break;
            case ColumnVector<long> v:
                values.CopyTo(v.Values);
                break;
            default:
                throw new ArgumentException($"{type} is not in the integer family", nameof(type));
        }
        return vector;
    }
}
