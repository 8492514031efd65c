using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Hashing;

/// <summary>
/// Deterministic hashing and grouping equality of physical values. Deterministic (not .NET's randomized
/// string hash) so that processes agree when they redistribute rows by hash. Equality follows SQL
/// grouping: NaN equals NaN, -0 equals 0, intervals compare by their PostgreSQL ordering key.
/// The <c>typeof(T)</c> tests are resolved by the JIT per instantiation, so each is a straight-line function.
/// </summary>
public static class KeyHash
{
    public const ulong NullHash = 0x5bd1e9955bd1e995UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong seed, ulong value) => (BitOperations.RotateLeft(seed, 23) ^ value) * 0x9E3779B97F4A7C15UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash<T>(T value)
    {
        if (typeof(T) == typeof(int)) return Mix((ulong)(long)Unsafe.As<T, int>(ref value));
        if (typeof(T) == typeof(long)) return Mix((ulong)Unsafe.As<T, long>(ref value));
        if (typeof(T) == typeof(short)) return Mix((ulong)(long)Unsafe.As<T, short>(ref value));
        if (typeof(T) == typeof(bool)) return Unsafe.As<T, bool>(ref value) ? 0x9ae16a3b2f90404fUL : 0xc3a5c85c97cb3127UL;
        if (typeof(T) == typeof(Int128))
        {
            var v = Unsafe.As<T, Int128>(ref value);
            return Mix((ulong)v ^ Mix((ulong)(v >> 64)));
        }
        if (typeof(T) == typeof(double))
        {
            double d = Unsafe.As<T, double>(ref value);
            if (d == 0) d = 0;
            if (double.IsNaN(d)) d = double.NaN;
            return Mix((ulong)BitConverter.DoubleToInt64Bits(d));
        }
        if (typeof(T) == typeof(float))
        {
            float f = Unsafe.As<T, float>(ref value);
            if (f == 0) f = 0;
            if (float.IsNaN(f)) f = float.NaN;
            return Mix((ulong)BitConverter.SingleToInt32Bits(f));
        }
        if (typeof(T) == typeof(string)) return HashString(Unsafe.As<T, string>(ref value));
        if (typeof(T) == typeof(Interval))
        {
            var key = Unsafe.As<T, Interval>(ref value).OrderingKey;
            return Mix((ulong)key ^ Mix((ulong)(key >> 64)));
        }
        throw new NotSupportedException(typeof(T).Name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal<T>(T a, T b)
    {
        if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref a) == Unsafe.As<T, int>(ref b);
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref a) == Unsafe.As<T, long>(ref b);
        if (typeof(T) == typeof(short)) return Unsafe.As<T, short>(ref a) == Unsafe.As<T, short>(ref b);
        if (typeof(T) == typeof(bool)) return Unsafe.As<T, bool>(ref a) == Unsafe.As<T, bool>(ref b);
        if (typeof(T) == typeof(Int128)) return Unsafe.As<T, Int128>(ref a) == Unsafe.As<T, Int128>(ref b);
        if (typeof(T) == typeof(double))
        {
            double x = Unsafe.As<T, double>(ref a), y = Unsafe.As<T, double>(ref b);
            return x == y || (double.IsNaN(x) && double.IsNaN(y));
        }
        if (typeof(T) == typeof(float))
        {
            float x = Unsafe.As<T, float>(ref a), y = Unsafe.As<T, float>(ref b);
            return x == y || (float.IsNaN(x) && float.IsNaN(y));
        }
        if (typeof(T) == typeof(string)) return string.Equals(Unsafe.As<T, string>(ref a), Unsafe.As<T, string>(ref b));
        if (typeof(T) == typeof(Interval)) return Unsafe.As<T, Interval>(ref a).OrderingKey == Unsafe.As<T, Interval>(ref b).OrderingKey;
        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>A stable 64-bit hash of a string value's UTF-8 bytes, eight bytes at a time.</summary>
    public static ulong HashUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= 7)
        {
            // Short codes (flags, status letters): pack the bytes and the length into one word.
            ulong packed = (ulong)bytes.Length << 56;
            for (int i = 0; i < bytes.Length; i++) packed |= (ulong)bytes[i] << (8 * i);
            return Mix(packed ^ 0x2545F4914F6CDD1DUL);
        }
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        ulong h = 0xcbf29ce484222325UL ^ (ulong)bytes.Length;
        for (int i = 0; i < words.Length; i++) h = (BitOperations.RotateLeft(h, 29) ^ words[i]) * 0x9E3779B97F4A7C15UL;
        int rest = bytes.Length & 7;
        if (rest != 0)
        {
            // The last eight bytes (overlapping the words already mixed) cover the tail without a byte loop.
            h = (BitOperations.RotateLeft(h, 29) ^ MemoryMarshal.Read<ulong>(bytes[^8..])) * 0x9E3779B97F4A7C15UL;
        }
        return Mix(h);
    }

    /// <summary>A stable 64-bit hash of the UTF-16 code units, eight bytes at a time.</summary>
    public static ulong HashString(string s)
    {
        if (s.Length <= 3)
        {
            // Short codes (flags, status letters): pack the code units and the length into one word.
            ulong packed = (ulong)s.Length << 48;
            for (int i = 0; i < s.Length; i++) packed |= (ulong)s[i] << (16 * i);
            return Mix(packed ^ 0x2545F4914F6CDD1DUL);
        }
        var chars = s.AsSpan();
        var words = MemoryMarshal.Cast<char, ulong>(chars);
        ulong h = 0xcbf29ce484222325UL ^ (ulong)s.Length;
        for (int i = 0; i < words.Length; i++) h = (BitOperations.RotateLeft(h, 29) ^ words[i]) * 0x9E3779B97F4A7C15UL;
        for (int i = words.Length * 4; i < chars.Length; i++) h = (BitOperations.RotateLeft(h, 29) ^ chars[i]) * 0x9E3779B97F4A7C15UL;
        return Mix(h);
    }
}
