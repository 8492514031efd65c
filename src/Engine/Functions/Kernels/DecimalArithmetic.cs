using System.Numerics;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// + - * / % on scaled-integer decimals. The resolver has already brought + - % operands to one scale,
/// so those kernels work on raw unscaled values; the physical width (long or Int128) of each side and of
/// the result is a type parameter, so a DECIMAL(15,2) + DECIMAL(15,2) loop is plain checked long addition.
/// </summary>
internal static class DecimalArithmetic
{
    private struct Add<TA, TB, TR> : IBinaryOp<TA, TB, TR>
        where TA : IBinaryInteger<TA> where TB : IBinaryInteger<TB> where TR : IBinaryInteger<TR>
    {
        public static TR Apply(TA a, TB b) => checked(TR.CreateTruncating(a) + TR.CreateTruncating(b));
    }

    private struct Subtract<TA, TB, TR> : IBinaryOp<TA, TB, TR>
        where TA : IBinaryInteger<TA> where TB : IBinaryInteger<TB> where TR : IBinaryInteger<TR>
    {
        public static TR Apply(TA a, TB b) => checked(TR.CreateTruncating(a) - TR.CreateTruncating(b));
    }

    private struct Multiply<TA, TB, TR> : IBinaryOp<TA, TB, TR>
        where TA : IBinaryInteger<TA> where TB : IBinaryInteger<TB> where TR : IBinaryInteger<TR>
    {
        public static TR Apply(TA a, TB b) => checked(TR.CreateTruncating(a) * TR.CreateTruncating(b));
    }

    private struct Remainder<TA, TB, TR> : IBinaryOp<TA, TB, TR>
        where TA : IBinaryInteger<TA> where TB : IBinaryInteger<TB> where TR : IBinaryInteger<TR>
    {
        public static TR Apply(TA a, TB b)
        {
            if (TB.IsZero(b)) throw DataErrors.DivisionByZero();
            return TR.CreateTruncating(Int128.CreateTruncating(a) % Int128.CreateTruncating(b));
        }
    }

    /// <summary>Two 64-bit operands never overflow a 128-bit product, so no check is needed.</summary>
    private struct MultiplyLongToWide : IBinaryOp<long, long, Int128>
    {
        public static Int128 Apply(long a, long b) => Math.BigMul(a, b);
    }

    /// <summary>128-bit products whose operands usually fit 64 bits (price × (1 − discount) × (1 + tax)): BigMul when they do.</summary>
    private struct MultiplyWide<TA, TB> : IBinaryOp<TA, TB, Int128>
        where TA : IBinaryInteger<TA> where TB : IBinaryInteger<TB>
    {
        public static Int128 Apply(TA a, TB b)
        {
            var x = Int128.CreateTruncating(a);
            var y = Int128.CreateTruncating(b);
            if (x >= long.MinValue && x <= long.MaxValue && y >= long.MinValue && y <= long.MaxValue)
                return Math.BigMul((long)x, (long)y);
            return checked(x * y);
        }
    }

    private struct Negate<T> : IUnaryOp<T, T> where T : IBinaryInteger<T> { public static T Apply(T a) => checked(-a); }

    private struct Absolute<T> : IUnaryOp<T, T> where T : IBinaryInteger<T> { public static T Apply(T a) => checked(T.Abs(a)); }

    /// <summary>The kernel for + - * % with the given concrete parameter and result types.</summary>
    public static ScalarKernel For(string op, SqlType a, SqlType b, SqlType result)
    {
        bool wa = a.IsWideDecimal, wb = b.IsWideDecimal, wr = result.IsWideDecimal;
        return (wa, wb, wr) switch
        {
            (false, false, false) => Pick<long, long, long>(op, result),
            (false, false, true) when op == "*" => Checked<long, long, Int128, MultiplyLongToWide>(result),
            (true, false, true) when op == "*" => Checked<Int128, long, Int128, MultiplyWide<Int128, long>>(result),
            (false, true, true) when op == "*" => Checked<long, Int128, Int128, MultiplyWide<long, Int128>>(result),
            (true, true, true) when op == "*" => Checked<Int128, Int128, Int128, MultiplyWide<Int128, Int128>>(result),
            (false, false, true) => Pick<long, long, Int128>(op, result),
            (true, false, true) => Pick<Int128, long, Int128>(op, result),
            (false, true, true) => Pick<long, Int128, Int128>(op, result),
            (true, true, true) => Pick<Int128, Int128, Int128>(op, result),
            // Narrower result than an input only happens for %, whose result fits the divisor.
            (true, false, false) => Pick<Int128, long, long>(op, result),
            (false, true, false) => Pick<long, Int128, long>(op, result),
            (true, true, false) => Pick<Int128, Int128, long>(op, result),
        };
    }

    private static ScalarKernel Pick<TA, TB, TR>(string op, SqlType result)
        where TA : IBinaryInteger<TA> where TB : IBinaryInteger<TB> where TR : IBinaryInteger<TR>
    {
        return op switch
        {
            "+" => Checked<TA, TB, TR, Add<TA, TB, TR>>(result),
            "-" => Checked<TA, TB, TR, Subtract<TA, TB, TR>>(result),
            "*" => Checked<TA, TB, TR, Multiply<TA, TB, TR>>(result),
            "%" => Checked<TA, TB, TR, Remainder<TA, TB, TR>>(result),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
    }

    private static ScalarKernel Checked<TA, TB, TR, TOp>(SqlType result) where TOp : IBinaryOp<TA, TB, TR> => (args, rows, _) =>
    {
        try { return KernelTemplates.Binary<TA, TB, TR, TOp>(args, rows, result); }
        catch (OverflowException) { throw DataErrors.OutOfRange(result); }
    };

    public static ScalarKernel NegateKernel(SqlType type) => type.IsWideDecimal
        ? (args, rows, _) => KernelTemplates.Unary<Int128, Int128, Negate<Int128>>(args, rows, type)
        : (args, rows, _) => KernelTemplates.Unary<long, long, Negate<long>>(args, rows, type);

    public static ScalarKernel AbsKernel(SqlType type) => type.IsWideDecimal
        ? (args, rows, _) => KernelTemplates.Unary<Int128, Int128, Absolute<Int128>>(args, rows, type)
        : (args, rows, _) => KernelTemplates.Unary<long, long, Absolute<long>>(args, rows, type);

    /// <summary>
    /// a / b with the result at <paramref name="result"/>'s scale: unscaled = round(a · 10^(s + s2 − s1) / b),
    /// half away from zero, exact (BigInteger when 128 bits are not enough).
    /// </summary>
    public static ScalarKernel Divide(SqlType a, SqlType b, SqlType result)
    {
        int shift = result.Scale + b.Scale - a.Scale;
        return (args, rows, _) =>
        {
            if (Broadcast.AnyNullConstant(args, rows)) return ColumnVector.AllNull(result, rows);
            var validity = Broadcast.CombineValidity(args, rows);
            var x = ToWide(args[0]);
            var y = ToWide(args[1]);
            bool xc = Broadcast.IsConstant(args[0], rows), yc = Broadcast.IsConstant(args[1], rows);
            var quotient = new Int128[rows];
            try
            {
                for (int i = 0; i < rows; i++)
                {
                    if (validity is not null && !validity.IsValid(i)) continue;
                    var divisor = y[yc ? 0 : i];
                    if (divisor == 0) throw DataErrors.DivisionByZero();
                    var dividend = x[xc ? 0 : i];
                    var q = shift >= 0
                        ? DecimalMath.ScaledDivide(dividend, shift, divisor)
                        : DecimalMath.DivideRound(dividend, checked(divisor * DecimalMath.Pow10Wide[-shift]));
                    if (!DecimalMath.FitsPrecision(q, result.Precision)) throw new OverflowException();
                    quotient[i] = q;
                }
            }
            catch (OverflowException) { throw DataErrors.OutOfRange(result); }
            if (result.IsWideDecimal) return new ColumnVector<Int128>(result, quotient, rows, validity);
            var narrow = new long[rows];
            for (int i = 0; i < rows; i++) narrow[i] = (long)quotient[i];
            return new ColumnVector<long>(result, narrow, rows, validity);
        };
    }

    /// <summary>The unscaled values of a decimal vector as Int128 (a copy for 64-bit vectors).</summary>
    internal static Int128[] ToWide(ColumnVector vector)
    {
        if (vector is ColumnVector<Int128> wide) return wide.Values;
        var narrow = ((ColumnVector<long>)vector).Values;
        var result = new Int128[vector.Length];
        for (int i = 0; i < result.Length; i++) result[i] = narrow[i];
        return result;
    }

    /// <summary>Result type of a + b and a - b: the larger scale, one more integer digit, at most 38 digits.</summary>
    public static (SqlType A, SqlType B, SqlType Result) AddTypes(SqlType a, SqlType b)
    {
        int scale = Math.Max(a.Scale, b.Scale);
        int integerDigits = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale);
        int precision = Math.Min(SqlType.MaxDecimalPrecision, integerDigits + scale + 1);
        return (Rescaled(a, scale), Rescaled(b, scale), SqlType.Decimal(precision, scale));
    }

    /// <summary>Result type of a * b: scales add, precisions add plus one, capped at 38 (scales trimmed first if their sum exceeds 38).</summary>
    public static (SqlType A, SqlType B, SqlType Result) MultiplyTypes(SqlType a, SqlType b)
    {
        while (a.Scale + b.Scale > SqlType.MaxDecimalPrecision)
        {
            if (a.Scale >= b.Scale) a = Rescaled(a, a.Scale - 1);
            else b = Rescaled(b, b.Scale - 1);
        }
        int scale = a.Scale + b.Scale;
        int precision = Math.Min(SqlType.MaxDecimalPrecision, a.Precision + b.Precision + 1);
        return (a, b, SqlType.Decimal(Math.Max(precision, scale), scale));
    }

    /// <summary>
    /// Result type of a / b: scale = max(6, s1 + p2 − s2 + 1), integer digits = p1 − s1 + s2; when the two
    /// exceed 38 digits the scale gives way first, down to 6, then the integer digits.
    /// </summary>
    public static SqlType DivideType(SqlType a, SqlType b)
    {
        int scale = Math.Max(6, a.Scale + b.Precision - b.Scale + 1);
        int integerDigits = Math.Max(1, a.Precision - a.Scale + b.Scale);
        if (integerDigits + scale > SqlType.MaxDecimalPrecision)
        {
            scale = Math.Max(6, SqlType.MaxDecimalPrecision - integerDigits);
            integerDigits = Math.Min(integerDigits, SqlType.MaxDecimalPrecision - scale);
        }
        return SqlType.Decimal(integerDigits + scale, scale);
    }

    /// <summary>Result type of a % b: the larger scale; integer digits of the divisor suffice.</summary>
    public static (SqlType A, SqlType B, SqlType Result) ModuloTypes(SqlType a, SqlType b)
    {
        int scale = Math.Max(a.Scale, b.Scale);
        int integerDigits = Math.Min(a.Precision - a.Scale, b.Precision - b.Scale);
        int precision = Math.Min(SqlType.MaxDecimalPrecision, Math.Max(1, integerDigits + scale));
        return (Rescaled(a, scale), Rescaled(b, scale), SqlType.Decimal(precision, scale));
    }

    /// <summary>The same integer digits at a new scale (the cast the binder inserts), capped at 38 digits.</summary>
    public static SqlType Rescaled(SqlType type, int scale)
    {
        if (type.Scale == scale) return type;
        int precision = Math.Min(SqlType.MaxDecimalPrecision, type.Precision - type.Scale + scale);
        return SqlType.Decimal(Math.Max(precision, scale), scale);
    }
}
