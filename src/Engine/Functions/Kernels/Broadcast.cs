using System.Runtime.CompilerServices;
using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>Helpers for the "length 1 means constant" argument convention and for combining validity.</summary>
internal static class Broadcast
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsConstant(ColumnVector vector, int rowCount) => vector.Length == 1 && rowCount != 1;

    /// <summary>True when the argument is a NULL constant (then a strict function's whole result is NULL).</summary>
    public static bool IsNullConstant(ColumnVector vector, int rowCount) => IsConstant(vector, rowCount) && vector.IsNull(0);

    /// <summary>The validity of a strict function's result: a row is valid when every non-constant argument is.</summary>
    public static ValidityBitmap? CombineValidity(ReadOnlySpan<ColumnVector> args, int rowCount)
    {
        ValidityBitmap? result = null;
        bool owned = false;
        foreach (var arg in args)
        {
            if (IsConstant(arg, rowCount) || arg.Validity is null) continue;
            if (result is null) { result = arg.Validity; continue; }
            if (!owned) { result = result.Clone(); owned = true; }
            var words = result.Words;
            var other = arg.Validity.Words;
            for (int w = 0; w < words.Length; w++) words[w] &= other[w];
        }
        return result is null ? null : owned ? result : Resize(result, rowCount);
    }

    /// <summary>A private copy trimmed to <paramref name="rowCount"/> (inputs may be shared with other vectors).</summary>
    private static ValidityBitmap Resize(ValidityBitmap source, int rowCount)
    {
        var copy = new ValidityBitmap(rowCount, allValid: false);
        Array.Copy(source.Words, copy.Words, copy.Words.Length);
        return copy;
    }

    public static bool AnyNullConstant(ReadOnlySpan<ColumnVector> args, int rowCount)
    {
        foreach (var arg in args)
            if (IsNullConstant(arg, rowCount)) return true;
        return false;
    }
}
