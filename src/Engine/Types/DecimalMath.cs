using System.Numerics;

namespace ActorWarehouse.Engine.Types;

/// <summary>
/// Arithmetic on scaled-integer decimals (value = unscaled / 10^scale) as PostgreSQL's numeric behaves:
/// rounding is half away from zero, precision overflow is an error raised by the caller.
/// </summary>
public static class DecimalMath
{
    /// <summary>10^0 .. 10^18.</summary>
    public static readonly long[] Pow10Long = BuildLong();

    /// <summary>10^0 .. 10^38.</summary>
    public static readonly Int128[] Pow10Wide = BuildWide();

    private static long[] BuildLong()
    {
        var table = new long[19];
        table[0] = 1;
        for (int i = 1; i < table.Length; i++) table[i] = table[i - 1] * 10;
        return table;
    }

    private static Int128[] BuildWide()
    {
        var table = new Int128[39];
        table[0] = 1;
        for (int i = 1; i < table.Length; i++) table[i] = table[i - 1] * 10;
        return table;
    }

    /// <summary>True when |value| &lt; 10^precision.</summary>
    public static bool FitsPrecision(Int128 value, int precision) =>
        precision >= 39 || (value < Pow10Wide[precision] && value > -Pow10Wide[precision]);

    public static bool FitsPrecision(long value, int precision) =>
        precision >= 19 || (value < Pow10Long[precision] && value > -Pow10Long[precision]);

    /// <summary>Divides by 10^digits rounding half away from zero.</summary>
    public static Int128 DivideRound(Int128 value, int digits)
    {
        if (digits <= 0) return value;
        if (digits > 38) return 0;
        var divisor = Pow10Wide[digits];
        var quotient = Int128.DivRem(value, divisor);
        var remainder = Int128.Abs(quotient.Remainder);
        if (remainder * 2 >= divisor) return value < 0 ? quotient.Quotient - 1 : quotient.Quotient + 1;
        return quotient.Quotient;
    }

    public static long DivideRound(long value, int digits)
    {
        if (digits <= 0) return value;
        if (digits > 18) return 0;
        long divisor = Pow10Long[digits];
        long q = Math.DivRem(value, divisor, out long r);
        if (Math.Abs(r) * 2 >= divisor) return value < 0 ? q - 1 : q + 1;
        return q;
    }

    /// <summary>Changes the scale of an unscaled value; scaling up is checked (OverflowException), down rounds.</summary>
    public static Int128 Rescale(Int128 value, int fromScale, int toScale)
    {
        if (toScale == fromScale) return value;
        if (toScale < fromScale) return DivideRound(value, fromScale - toScale);
        int up = toScale - fromScale;
        if (up > 38) throw new OverflowException();
        return checked(value * Pow10Wide[up]);
    }

    public static long Rescale(long value, int fromScale, int toScale)
    {
        if (toScale == fromScale) return value;
        if (toScale < fromScale) return DivideRound(value, fromScale - toScale);
        int up = toScale - fromScale;
        if (up > 18) throw new OverflowException();
        return checked(value * Pow10Long[up]);
    }

    /// <summary>Rounds a rational a/b to the nearest integer, half away from zero (b ≠ 0), exact for any Int128 inputs.</summary>
    public static Int128 DivideRound(Int128 numerator, Int128 denominator)
    {
        var (q, r) = Int128.DivRem(numerator, denominator);
        if (r == 0) return q;
        // |2r| >= |b| without overflow: compare |r| with |b| - |r|.
        var ar = Int128.Abs(r);
        var ab = Int128.Abs(denominator);
        if (ar >= ab - ar) return (numerator < 0) != (denominator < 0) ? q - 1 : q + 1;
        return q;
    }

    /// <summary>(a * 10^shift) / b rounded half away from zero, falling back to BigInteger when Int128 would overflow.</summary>
    public static Int128 ScaledDivide(Int128 a, int shift, Int128 b)
    {
        if (shift <= 38)
        {
            var factor = Pow10Wide[shift];
            Int128 limit = Int128.MaxValue / factor;
            if (a <= limit && a >= -limit) return DivideRound(a * factor, b);
        }
        var big = (BigInteger)a * BigInteger.Pow(10, shift);
        var bigB = (BigInteger)b;
        var q = BigInteger.DivRem(big, bigB, out var r);
        if (!r.IsZero && BigInteger.Abs(r) * 2 >= BigInteger.Abs(bigB)) q += (big.Sign != bigB.Sign) ? -1 : 1;
        if (q > (BigInteger)Int128.MaxValue || q < (BigInteger)Int128.MinValue) throw new OverflowException();
        return (Int128)q;
    }

    /// <summary>a * b then divided by 10^drop rounding half away from zero; BigInteger fallback on overflow.</summary>
    public static Int128 MultiplyRescale(Int128 a, Int128 b, int drop)
    {
        Int128 product;
        try
        {
            product = checked(a * b);
        }
        catch (OverflowException)
        {
            var big = (BigInteger)a * b;
            if (drop > 0)
            {
                var divisor = BigInteger.Pow(10, drop);
                var q = BigInteger.DivRem(big, divisor, out var r);
                if (BigInteger.Abs(r) * 2 >= divisor) q += big.Sign;
                big = q;
            }
            if (big > (BigInteger)Int128.MaxValue || big < (BigInteger)Int128.MinValue) throw;
            return (Int128)big;
        }
        return DivideRound(product, drop);
    }

    /// <summary>The unscaled value as a double, correctly rounded when it is exactly representable in the operands.</summary>
    public static double ToDouble(Int128 unscaled, int scale)
    {
        if (scale == 0) return (double)unscaled;
        if (scale <= 22 && unscaled < (Int128)(1L << 53) && unscaled > -(Int128)(1L << 53))
            return (double)(long)unscaled / Pow10Double[scale];
        return double.Parse(ValueFormatter.FormatDecimal(unscaled, scale), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly double[] Pow10Double =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
}
