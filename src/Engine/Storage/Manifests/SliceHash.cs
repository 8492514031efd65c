using System.Runtime.CompilerServices;
using System.Text;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// The stable hash that places DISTSTYLE KEY rows on slices; the executor uses the same function when it
/// redistributes rows to match a table's distribution, so it must never change (stored data depends on it).
/// <list type="bullet">
/// <item>Integer family (SMALLINT, INTEGER, BIGINT, DATE, TIMESTAMP[TZ], BOOLEAN as 0/1, DECIMAL(p≤18) scaled):
/// the value widened to 64 bits, then the 64-bit finaliser of MurmurHash3 (xor-shift 33, multiply by
/// 0xff51afd7ed558ccd, xor-shift 33, multiply by 0xc4ceb9fe1a85ec53, xor-shift 33). Equal numbers of
/// different integer widths hash alike.</item>
/// <item>DECIMAL(p&gt;18) and INTERVAL: the two 64-bit halves (interval: months·days packed, micros) mixed as
/// <c>Mix(low ^ Mix(high))</c>.</item>
/// <item>REAL/DOUBLE: the IEEE bits of the value as a double, with -0 folded to 0 and every NaN to one NaN.</item>
/// <item>Strings: 64-bit FNV-1a over the UTF-8 bytes, then the finaliser.</item>
/// <item>NULL hashes to 0.</item>
/// </list>
/// Slice = hash mod slice count (unsigned).
/// </summary>
public static class SliceHash
{
    public const ulong NullHash = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    public static ulong Hash(long value) => Mix((ulong)value);

    public static ulong Hash(Int128 value) => Mix((ulong)value ^ Mix((ulong)(value >> 64)));

    public static ulong Hash(double value)
    {
        if (value == 0) value = 0; // folds -0
        if (double.IsNaN(value)) value = double.NaN;
        return Mix((ulong)BitConverter.DoubleToInt64Bits(value));
    }

    public static ulong Hash(Interval value) =>
        Mix((ulong)value.Micros ^ Mix(((ulong)(uint)value.Months << 32) | (uint)value.Days));

    public static ulong Hash(string value)
    {
        Span<byte> buffer = stackalloc byte[256];
        int maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = maxBytes <= buffer.Length ? buffer : new byte[maxBytes];
        int length = Encoding.UTF8.GetBytes(value, bytes);
        return Hash(bytes.Slice(0, length));
    }

    /// <summary>FNV-1a over the UTF-8 bytes of a string value.</summary>
    public static ulong Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong offsetBasis = 14695981039346656037UL, prime = 1099511628211UL;
        ulong h = offsetBasis;
        foreach (byte b in utf8) h = (h ^ b) * prime;
        return Mix(h);
    }

    public static int SliceOf(ulong hash, int sliceCount) => (int)(hash % (ulong)sliceCount);

    /// <summary>Hashes the first <paramref name="count"/> rows of a column into <paramref name="hashes"/>.</summary>
    public static void HashColumn(ColumnVector column, int count, Span<ulong> hashes)
    {
        switch (column)
        {
            case ColumnVector<bool> v: for (int i = 0; i < count; i++) hashes[i] = Hash(v.Values[i] ? 1L : 0L); break;
            case ColumnVector<short> v: for (int i = 0; i < count; i++) hashes[i] = Hash(v.Values[i]); break;
            case ColumnVector<int> v: for (int i = 0; i < count; i++) hashes[i] = Hash(v.Values[i]); break;
            case ColumnVector<long> v: for (int i = 0; i < count; i++) hashes[i] = Hash(v.Values[i]); break;
            case ColumnVector<Int128> v: for (int i = 0; i < count; i++) hashes[i] = Hash(v.Values[i]); break;
            case ColumnVector<float> v: for (int i = 0; i < count; i++) hashes[i] = Hash(v.Values[i]); break;
            case ColumnVector<double> v: for (int i = 0; i < count; i++) hashes[i] = Hash(v.Values[i]); break;
            case ColumnVector<Interval> v: for (int i = 0; i < count; i++) hashes[i] = Hash(v.Values[i]); break;
            case StringVector v: for (int i = 0; i < count; i++) hashes[i] = Hash(v.GetBytes(i)); break;
            default: throw new ArgumentException($"cannot hash {column.GetType().Name}", nameof(column));
        }
        if (column.Validity is { } validity)
            for (int i = 0; i < count; i++)
                if (!validity.IsValid(i)) hashes[i] = NullHash;
    }
}
