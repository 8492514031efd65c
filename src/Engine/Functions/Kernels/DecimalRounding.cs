using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>round / trunc / ceil / floor on decimals, to a number of fractional digits that may be negative.</summary>
internal static class DecimalRounding
{
    public enum Mode { HalfAwayFromZero, TowardZero, Ceiling, Floor }

    /// <summary>
    /// Kernel for f(x) or f(x, digits): the value is adjusted to <c>digits</c> fractional digits (the
    /// <paramref name="fixedDigits"/> when there is no second argument) and stored at the result scale.
    /// </summary>
    public static ScalarKernel Create(Mode mode, SqlType input, SqlType result, int? fixedDigits)
    {
        return (args, rows, _) =>
        {
            if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(result, rows);
            var validity = Broadcast.CombineValidity(args, rows);
            var values = DecimalArithmetic.ToWide(args[0]);
            bool valuesConstant = Broadcast.IsConstant(args[0], rows);
            int[]? digits = args.Length > 1 ? ((ColumnVector<int>)args[1]).Values : null;
            bool digitsConstant = args.Length > 1 && Broadcast.IsConstant(args[1], rows);
            var output = new Int128[rows];
            try
            {
                for (int i = 0; i < rows; i++)
                {
                    if (validity is not null && !validity.IsValid(i)) continue;
                    int d = digits is null ? fixedDigits ?? 0 : digits[digitsConstant ? 0 : i];
                    var v = Adjust(values[valuesConstant ? 0 : i], input.Scale, d, mode);
                    // v is now at scale max(d, 0) (or 0 with trailing zeros when d < 0); store at the result scale.
                    v = DecimalMath.Rescale(v, Math.Max(d, 0), result.Scale);
                    if (!DecimalMath.FitsPrecision(v, result.Precision)) throw new OverflowException();
                    output[i] = v;
                }
            }
            catch (OverflowException) { throw DataErrors.OutOfRange(result); }
            if (result.IsWideDecimal) return new ColumnVector<Int128>(result, output, rows, validity);
            var narrow = new long[rows];
            for (int i = 0; i < rows; i++) narrow[i] = (long)output[i];
            return new ColumnVector<long>(result, narrow, rows, validity);
        };
    }

    /// <summary>The unscaled value at scale max(digits, 0), rounded per <paramref name="mode"/>; negative digits zero the low integer digits.</summary>
    public static Int128 Adjust(Int128 value, int scale, int digits, Mode mode)
    {
        int keep = Math.Max(digits, 0);
        if (keep >= scale) return DecimalMath.Rescale(value, scale, keep);
        int drop = scale - digits; // digits < scale here; drop ≥ 1
        if (drop > 38) return 0;
        Int128 divisor = DecimalMath.Pow10Wide[drop];
        var (q, r) = Int128.DivRem(value, divisor);
        if (r != 0)
        {
            switch (mode)
            {
                case Mode.HalfAwayFromZero:
                    if (Int128.Abs(r) * 2 >= divisor) q += value < 0 ? -1 : 1;
                    break;
                case Mode.Ceiling:
                    if (value > 0) q += 1;
                    break;
                case Mode.Floor:
                    if (value < 0) q -= 1;
                    break;
            }
        }
        // q is at scale `digits`; for negative digits, shift back up to scale 0.
        return digits < 0 ? q * DecimalMath.Pow10Wide[-digits] : q;
    }

    /// <summary>The digits argument when the caller passed it as a constant.</summary>
    public static int? ConstantDigits(IReadOnlyList<object?>? constants, int index)
    {
        if (constants is null || constants.Count <= index || constants[index] is not { } value) return null;
        return value switch
        {
            int i => i,
            short s => s,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            string text when int.TryParse(text.Trim(), out int parsed) => parsed,
            _ => null,
        };
    }
}
