using System.Numerics;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>= &lt;&gt; &lt; &lt;= &gt; &gt;= producing BOOLEAN, NULL when either side is NULL.</summary>
internal static class Comparisons
{
    private struct Eq<T, TO> : IBinaryOp<T, T, bool> where TO : IOrdering<T> { public static bool Apply(T a, T b) => TO.Compare(a, b) == 0; }
    private struct Ne<T, TO> : IBinaryOp<T, T, bool> where TO : IOrdering<T> { public static bool Apply(T a, T b) => TO.Compare(a, b) != 0; }
    private struct Lt<T, TO> : IBinaryOp<T, T, bool> where TO : IOrdering<T> { public static bool Apply(T a, T b) => TO.Compare(a, b) < 0; }
    private struct Le<T, TO> : IBinaryOp<T, T, bool> where TO : IOrdering<T> { public static bool Apply(T a, T b) => TO.Compare(a, b) <= 0; }
    private struct Gt<T, TO> : IBinaryOp<T, T, bool> where TO : IOrdering<T> { public static bool Apply(T a, T b) => TO.Compare(a, b) > 0; }
    private struct Ge<T, TO> : IBinaryOp<T, T, bool> where TO : IOrdering<T> { public static bool Apply(T a, T b) => TO.Compare(a, b) >= 0; }

    // Primitive numbers use the operators directly: one compare instruction per row, vectorizable.
    private struct NEq<T> : IBinaryOp<T, T, bool> where T : IComparisonOperators<T, T, bool> { public static bool Apply(T a, T b) => a == b; }
    private struct NNe<T> : IBinaryOp<T, T, bool> where T : IComparisonOperators<T, T, bool> { public static bool Apply(T a, T b) => a != b; }
    private struct NLt<T> : IBinaryOp<T, T, bool> where T : IComparisonOperators<T, T, bool> { public static bool Apply(T a, T b) => a < b; }
    private struct NLe<T> : IBinaryOp<T, T, bool> where T : IComparisonOperators<T, T, bool> { public static bool Apply(T a, T b) => a <= b; }
    private struct NGt<T> : IBinaryOp<T, T, bool> where T : IComparisonOperators<T, T, bool> { public static bool Apply(T a, T b) => a > b; }
    private struct NGe<T> : IBinaryOp<T, T, bool> where T : IComparisonOperators<T, T, bool> { public static bool Apply(T a, T b) => a >= b; }

    public static readonly string[] Operators = ["=", "<>", "<", "<=", ">", ">="];

    /// <summary>The kernel for <paramref name="op"/> on values of physical type <typeparamref name="T"/> with ordering <typeparamref name="TO"/>.</summary>
    public static ScalarKernel Ordered<T, TO>(string op) where TO : IOrdering<T> => op switch
    {
        "=" => (a, n, _) => KernelTemplates.Binary<T, T, bool, Eq<T, TO>>(a, n, SqlType.Boolean),
        "<>" => (a, n, _) => KernelTemplates.Binary<T, T, bool, Ne<T, TO>>(a, n, SqlType.Boolean),
        "<" => (a, n, _) => KernelTemplates.Binary<T, T, bool, Lt<T, TO>>(a, n, SqlType.Boolean),
        "<=" => (a, n, _) => KernelTemplates.Binary<T, T, bool, Le<T, TO>>(a, n, SqlType.Boolean),
        ">" => (a, n, _) => KernelTemplates.Binary<T, T, bool, Gt<T, TO>>(a, n, SqlType.Boolean),
        ">=" => (a, n, _) => KernelTemplates.Binary<T, T, bool, Ge<T, TO>>(a, n, SqlType.Boolean),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static ScalarKernel Number<T>(string op) where T : IComparisonOperators<T, T, bool> => op switch
    {
        "=" => (a, n, _) => KernelTemplates.Binary<T, T, bool, NEq<T>>(a, n, SqlType.Boolean),
        "<>" => (a, n, _) => KernelTemplates.Binary<T, T, bool, NNe<T>>(a, n, SqlType.Boolean),
        "<" => (a, n, _) => KernelTemplates.Binary<T, T, bool, NLt<T>>(a, n, SqlType.Boolean),
        "<=" => (a, n, _) => KernelTemplates.Binary<T, T, bool, NLe<T>>(a, n, SqlType.Boolean),
        ">" => (a, n, _) => KernelTemplates.Binary<T, T, bool, NGt<T>>(a, n, SqlType.Boolean),
        ">=" => (a, n, _) => KernelTemplates.Binary<T, T, bool, NGe<T>>(a, n, SqlType.Boolean),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>The comparison kernel for two arguments of the same SQL type (decimals already at one scale).</summary>
    public static ScalarKernel For(string op, SqlType type) => type.Id switch
    {
        TypeId.Boolean => Ordered<bool, BoolOrdering>(op),
        TypeId.SmallInt => Number<short>(op),
        TypeId.Integer or TypeId.Date => Number<int>(op),
        TypeId.BigInt or TypeId.Timestamp or TypeId.TimestampTz => Number<long>(op),
        TypeId.Decimal when type.IsWideDecimal => Number<Int128>(op),
        TypeId.Decimal => Number<long>(op),
        TypeId.Real => Ordered<float, RealOrdering>(op),
        TypeId.Double => Ordered<double, DoubleOrdering>(op),
        TypeId.Char => StringComparisons.For(op, blankPadded: true),
        TypeId.Varchar or TypeId.Unknown => StringComparisons.For(op, blankPadded: false),
        TypeId.Interval => Ordered<Interval, IntervalOrdering>(op),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
