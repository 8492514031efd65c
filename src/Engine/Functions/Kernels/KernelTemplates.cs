using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>A strict binary operation on physical values, inlined into <see cref="KernelTemplates.Binary{TA,TB,TR,TOp}"/>.</summary>
internal interface IBinaryOp<TA, TB, TR>
{
    static abstract TR Apply(TA a, TB b);
}

/// <summary>A strict unary operation on physical values.</summary>
internal interface IUnaryOp<TA, TR>
{
    static abstract TR Apply(TA a);
}

/// <summary>
/// The loops every strict kernel shares: NULL propagation, constant-argument fast paths, and skipping
/// NULL rows (their value slots hold garbage that must not reach an operation that can fail).
/// The operation is a struct type parameter, so the JIT inlines it: no virtual call per row.
/// </summary>
internal static class KernelTemplates
{
    public static ColumnVector Binary<TA, TB, TR, TOp>(ReadOnlySpan<ColumnVector> args, int rowCount, SqlType resultType)
        where TOp : IBinaryOp<TA, TB, TR>
    {
        var a = (ColumnVector<TA>)args[0];
        var b = (ColumnVector<TB>)args[1];
        if (rowCount == 0) return ColumnVector.Allocate(resultType, 0);
        if (Broadcast.IsNullConstant(a, rowCount) || Broadcast.IsNullConstant(b, rowCount))
            return ColumnVector.AllNull(resultType, rowCount);
        bool aConst = Broadcast.IsConstant(a, rowCount);
        bool bConst = Broadcast.IsConstant(b, rowCount);
        var validity = Broadcast.CombineValidity(args, rowCount);
        var result = new TR[rowCount];
        var va = a.Values;
        var vb = b.Values;
        if (validity is null)
        {
            if (!aConst && !bConst)
            {
                for (int i = 0; i < rowCount; i++) result[i] = TOp.Apply(va[i], vb[i]);
            }
            else if (aConst && !bConst)
            {
                var x = va[0];
                for (int i = 0; i < rowCount; i++) result[i] = TOp.Apply(x, vb[i]);
            }
            else if (!aConst)
            {
                var y = vb[0];
                for (int i = 0; i < rowCount; i++) result[i] = TOp.Apply(va[i], y);
            }
            else
            {
                Array.Fill(result, TOp.Apply(va[0], vb[0]));
            }
        }
        else
        {
            for (int i = 0; i < rowCount; i++)
            {
                if (!validity.IsValid(i)) continue;
                result[i] = TOp.Apply(aConst ? va[0] : va[i], bConst ? vb[0] : vb[i]);
            }
        }
        return new ColumnVector<TR>(resultType, result, rowCount, validity);
    }

    public static ColumnVector Unary<TA, TR, TOp>(ReadOnlySpan<ColumnVector> args, int rowCount, SqlType resultType)
        where TOp : IUnaryOp<TA, TR>
    {
        var a = (ColumnVector<TA>)args[0];
        if (rowCount == 0) return ColumnVector.Allocate(resultType, 0);
        if (Broadcast.IsNullConstant(a, rowCount)) return ColumnVector.AllNull(resultType, rowCount);
        var result = new TR[rowCount];
        var va = a.Values;
        if (Broadcast.IsConstant(a, rowCount))
        {
            Array.Fill(result, TOp.Apply(va[0]));
            return new ColumnVector<TR>(resultType, result, rowCount);
        }
        var validity = a.Validity?.Clone();
        if (validity is null)
        {
            for (int i = 0; i < rowCount; i++) result[i] = TOp.Apply(va[i]);
        }
        else
        {
            for (int i = 0; i < rowCount; i++)
                if (validity.IsValid(i)) result[i] = TOp.Apply(va[i]);
        }
        return new ColumnVector<TR>(resultType, result, rowCount, validity);
    }

    /// <summary>
    /// Row-at-a-time strict kernel over any number of arguments, for functions whose per-row work
    /// dwarfs the dispatch (string and date functions). <paramref name="row"/> writes the result and
    /// returns false to make the row NULL.
    /// </summary>
    public static ColumnVector RowWise<TR>(ReadOnlySpan<ColumnVector> args, int rowCount, SqlType resultType, RowFunction<TR> row)
    {
        if (Broadcast.AnyNullConstant(args, rowCount)) return ColumnVector.AllNull(resultType, rowCount);
        var validity = Broadcast.CombineValidity(args, rowCount);
        var result = new TR[rowCount];
        var argArray = args.ToArray();
        var indexes = new int[argArray.Length];
        var constant = new bool[argArray.Length];
        for (int k = 0; k < argArray.Length; k++) constant[k] = Broadcast.IsConstant(argArray[k], rowCount);
        try
        {
            for (int i = 0; i < rowCount; i++)
            {
                if (validity is not null && !validity.IsValid(i)) continue;
                for (int k = 0; k < indexes.Length; k++) indexes[k] = constant[k] ? 0 : i;
                if (!row(argArray, indexes, out result[i]))
                {
                    validity ??= new ValidityBitmap(rowCount);
                    validity.SetNull(i);
                }
            }
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // Row-wise kernels include the regular-expression functions; a runaway pattern ends the statement.
            throw new Errors.SqlException(Errors.SqlState.QueryCanceled, "canceling statement due to regular expression timeout");
        }
        return new ColumnVector<TR>(resultType, result, rowCount, validity);
    }
}

/// <summary>Computes one row of a <see cref="KernelTemplates.RowWise{TR}"/> kernel; indexes[k] is the row to read in args[k].</summary>
internal delegate bool RowFunction<TR>(ColumnVector[] args, int[] indexes, out TR result);
