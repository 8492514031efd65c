using System.Numerics;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// + - * / on REAL and DOUBLE PRECISION as PostgreSQL: a finite result from finite inputs that becomes
/// infinite is an overflow (22003 "value out of range: overflow"), x / 0 raises 22012, NaN and ±Infinity
/// inputs flow through.
/// </summary>
internal static class FloatArithmetic<T> where T : struct, IFloatingPointIeee754<T>
{
    private static T Check(T result, T a, T b)
    {
        if (T.IsInfinity(result) && !T.IsInfinity(a) && !T.IsInfinity(b)) throw new OverflowException();
        return result;
    }

    private struct Add : IBinaryOp<T, T, T> { public static T Apply(T a, T b) => Check(a + b, a, b); }
    private struct Subtract : IBinaryOp<T, T, T> { public static T Apply(T a, T b) => Check(a - b, a, b); }
    private struct Multiply : IBinaryOp<T, T, T> { public static T Apply(T a, T b) => Check(a * b, a, b); }

    private struct Divide : IBinaryOp<T, T, T>
    {
        public static T Apply(T a, T b)
        {
            if (T.IsZero(b)) throw DataErrors.DivisionByZero();
            return Check(a / b, a, b);
        }
    }

    private struct Negate : IUnaryOp<T, T> { public static T Apply(T a) => -a; }
    private struct Absolute : IUnaryOp<T, T> { public static T Apply(T a) => T.Abs(a); }

    public static ScalarKernel For(string op, SqlType type) => op switch
    {
        "+" => Checked<Add>(type),
        "-" => Checked<Subtract>(type),
        "*" => Checked<Multiply>(type),
        "/" => Checked<Divide>(type),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static ScalarKernel NegateKernel(SqlType type) => (args, rows, _) => KernelTemplates.Unary<T, T, Negate>(args, rows, type);

    public static ScalarKernel AbsKernel(SqlType type) => (args, rows, _) => KernelTemplates.Unary<T, T, Absolute>(args, rows, type);

    private static ScalarKernel Checked<TOp>(SqlType type) where TOp : IBinaryOp<T, T, T> => (args, rows, _) =>
    {
        try { return KernelTemplates.Binary<T, T, T, TOp>(args, rows, type); }
        catch (OverflowException) { throw DataErrors.OutOfRange(type); }
    };
}
