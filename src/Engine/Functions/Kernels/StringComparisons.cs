using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// = &lt;&gt; &lt; &lt;= &gt; &gt;= on string columns, straight on their UTF-8 bytes: byte order is code point
/// order (the C collation). CHAR(n) ignores trailing blanks. NULL when either side is NULL.
/// </summary>
internal static class StringComparisons
{
    private interface IOutcome { static abstract bool Equality { get; } static abstract bool Test(int order); }
    private struct Eq : IOutcome { public static bool Equality => true; public static bool Test(int order) => order == 0; }
    private struct Ne : IOutcome { public static bool Equality => true; public static bool Test(int order) => order != 0; }
    private struct Lt : IOutcome { public static bool Equality => false; public static bool Test(int order) => order < 0; }
    private struct Le : IOutcome { public static bool Equality => false; public static bool Test(int order) => order <= 0; }
    private struct Gt : IOutcome { public static bool Equality => false; public static bool Test(int order) => order > 0; }
    private struct Ge : IOutcome { public static bool Equality => false; public static bool Test(int order) => order >= 0; }

    public static ScalarKernel For(string op, bool blankPadded) => StringFormAdapters.OnStringVectors(op switch
    {
        "=" => (a, n, _) => Compare<Eq>(a, n, blankPadded),
        "<>" => (a, n, _) => Compare<Ne>(a, n, blankPadded),
        "<" => (a, n, _) => Compare<Lt>(a, n, blankPadded),
        "<=" => (a, n, _) => Compare<Le>(a, n, blankPadded),
        ">" => (a, n, _) => Compare<Gt>(a, n, blankPadded),
        ">=" => (a, n, _) => Compare<Ge>(a, n, blankPadded),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    });

    private static ColumnVector Compare<TOutcome>(ReadOnlySpan<ColumnVector> args, int rowCount, bool blankPadded) where TOutcome : IOutcome
    {
        var a = (StringVector)args[0];
        var b = (StringVector)args[1];
        if (rowCount == 0) return ColumnVector.Allocate(SqlType.Boolean, 0);
        if (Broadcast.IsNullConstant(a, rowCount) || Broadcast.IsNullConstant(b, rowCount))
            return ColumnVector.AllNull(SqlType.Boolean, rowCount);
        bool aConst = Broadcast.IsConstant(a, rowCount);
        bool bConst = Broadcast.IsConstant(b, rowCount);
        var validity = Broadcast.CombineValidity(args, rowCount);
        var result = new bool[rowCount];
        for (int i = 0; i < rowCount; i++)
        {
            if (validity is not null && !validity.IsValid(i)) continue;
            var x = a.GetBytes(aConst ? 0 : i);
            var y = b.GetBytes(bConst ? 0 : i);
            if (blankPadded)
            {
                x = x.TrimEnd((byte)' ');
                y = y.TrimEnd((byte)' ');
            }
            result[i] = TOutcome.Equality
                ? TOutcome.Test(x.SequenceEqual(y) ? 0 : 1)
                : TOutcome.Test(x.SequenceCompareTo(y));
        }
        return new ColumnVector<bool>(SqlType.Boolean, result, rowCount, validity);
    }
}
