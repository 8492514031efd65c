using System.Numerics;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// + - * / % and unary minus on SMALLINT, INTEGER and BIGINT, in the operand type as PostgreSQL does:
/// overflow raises 22003 ("integer out of range"), division truncates toward zero, x / 0 raises 22012.
/// </summary>
internal static class IntegerArithmetic<T> where T : struct, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
{
    private struct Add : IBinaryOp<T, T, T> { public static T Apply(T a, T b) => checked(a + b); }
    private struct Subtract : IBinaryOp<T, T, T> { public static T Apply(T a, T b) => checked(a - b); }
    private struct Multiply : IBinaryOp<T, T, T> { public static T Apply(T a, T b) => checked(a * b); }

    private struct Divide : IBinaryOp<T, T, T>
    {
        public static T Apply(T a, T b)
        {
            if (T.IsZero(b)) throw DataErrors.DivisionByZero();
            // MinValue / -1 overflows; checked division reports it as OverflowException.
            return checked(a / b);
        }
    }

    private struct Modulo : IBinaryOp<T, T, T>
    {
        public static T Apply(T a, T b)
        {
            if (T.IsZero(b)) throw DataErrors.DivisionByZero();
            // MinValue % -1 throws in .NET; the mathematical answer is 0.
            return b == T.NegativeOne ? T.Zero : a % b;
        }
    }

    private struct Negate : IUnaryOp<T, T> { public static T Apply(T a) => checked(-a); }

    private struct Absolute : IUnaryOp<T, T> { public static T Apply(T a) => checked(T.Abs(a)); }

    public static ScalarKernel For(string op, SqlType type) => op switch
    {
        "+" => Checked<Add>(type),
        "-" => Checked<Subtract>(type),
        "*" => Checked<Multiply>(type),
        "/" => Checked<Divide>(type),
        "%" => Checked<Modulo>(type),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static ScalarKernel NegateKernel(SqlType type) => (args, rows, _) =>
    {
        try { return KernelTemplates.Unary<T, T, Negate>(args, rows, type); }
        catch (OverflowException) { throw DataErrors.OutOfRange(type); }
    };

    public static ScalarKernel AbsKernel(SqlType type) => (args, rows, _) =>
    {
        try { return KernelTemplates.Unary<T, T, Absolute>(args, rows, type); }
        catch (OverflowException) { throw DataErrors.OutOfRange(type); }
    };

    private static ScalarKernel Checked<TOp>(SqlType type) where TOp : IBinaryOp<T, T, T> => (args, rows, _) =>
    {
        try { return KernelTemplates.Binary<T, T, T, TOp>(args, rows, type); }
        catch (OverflowException) { throw DataErrors.OutOfRange(type); }
    };
}
