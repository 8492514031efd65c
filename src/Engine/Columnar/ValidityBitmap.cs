using System.Numerics;
using System.Runtime.CompilerServices;

namespace ActorWarehouse.Engine.Columnar;

/// <summary>
/// Arrow validity bitmap: bit i set means row i is not null, least-significant bit first.
/// Stored in 64-bit words so it can be scanned a word at a time.
/// </summary>
public sealed class ValidityBitmap
{
    private readonly ulong[] _words;

    public ValidityBitmap(int length, bool allValid = true)
    {
        Length = length;
        _words = new ulong[(length + 63) >> 6];
        if (allValid) SetAll();
    }

    private ValidityBitmap(ulong[] words, int length)
    {
        _words = words;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The raw words; bits past <see cref="Length"/> are unspecified.</summary>
    public ulong[] Words => _words;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(int index) => (_words[index >> 6] & (1UL << (index & 63))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValid(int index) => _words[index >> 6] |= 1UL << (index & 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetNull(int index) => _words[index >> 6] &= ~(1UL << (index & 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int index, bool valid)
    {
        if (valid) SetValid(index); else SetNull(index);
    }

    public void SetAll() => Array.Fill(_words, ulong.MaxValue);

    /// <summary>Number of null rows among the first <see cref="Length"/>.</summary>
    public int CountNulls()
    {
        int valid = 0;
        int fullWords = Length >> 6;
        for (int w = 0; w < fullWords; w++) valid += BitOperations.PopCount(_words[w]);
        int rest = Length & 63;
        if (rest != 0) valid += BitOperations.PopCount(_words[fullWords] & ((1UL << rest) - 1));
        return Length - valid;
    }

    public ValidityBitmap Clone() => new((ulong[])_words.Clone(), Length);

    /// <summary>Bitwise AND of two bitmaps (null if either is null), the usual rule for strict operators.</summary>
    public static ValidityBitmap? And(ValidityBitmap? a, ValidityBitmap? b, int length)
    {
        if (a is null) return b?.Clone();
        if (b is null) return a.Clone();
        var result = new ValidityBitmap(length, allValid: false);
        for (int w = 0; w < result._words.Length; w++) result._words[w] = a._words[w] & b._words[w];
        return result;
    }
}
