using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>Non-strict functions over values of one type: coalesce, nullif, greatest/least, decode, nvl2.</summary>
internal static class ConditionalKernels
{
    public static ScalarKernel Coalesce(SqlType type) => PhysicalDispatch.Visit(type, new CoalesceVisitor(type));

    public static ScalarKernel NullIf(SqlType type) => PhysicalDispatch.Visit(type, new NullIfVisitor(type));

    public static ScalarKernel Extreme(SqlType type, bool greatest) => PhysicalDispatch.Visit(type, new ExtremeVisitor(type, greatest));

    /// <summary>decode(expr, search1, result1, …, [default]) with searchType for expr/searches and resultType for results.</summary>
    public static ScalarKernel Decode(SqlType searchType, SqlType resultType) =>
        PhysicalDispatch.Visit(searchType, new DecodeSearchVisitor(resultType));

    /// <summary>nvl2(x, a, b): a when x is not NULL, else b.</summary>
    public static ScalarKernel Nvl2(SqlType resultType) => PhysicalDispatch.Visit(resultType, new Nvl2Visitor(resultType));

    private static int Row(ColumnVector v, int rows, int i) => v.Length == 1 && rows != 1 ? 0 : i;

    private sealed class CoalesceVisitor(SqlType type) : IPhysicalVisitor<ScalarKernel>
    {
        public ScalarKernel Visit<T>(IComparer<T> order) => (args, rows, _) =>
        {
            var result = new T[rows];
            ValidityBitmap? validity = null;
            var vectors = new ColumnVector<T>[args.Length];
            for (int k = 0; k < args.Length; k++) vectors[k] = (ColumnVector<T>)args[k];
            for (int i = 0; i < rows; i++)
            {
                bool found = false;
                foreach (var v in vectors)
                {
                    int r = Row(v, rows, i);
                    if (v.IsNull(r)) continue;
                    result[i] = v.Values[r];
                    found = true;
                    break;
                }
                if (found) continue;
                validity ??= new ValidityBitmap(rows);
                validity.SetNull(i);
            }
            return new ColumnVector<T>(type, result, rows, validity);
        };
    }

    private sealed class NullIfVisitor(SqlType type) : IPhysicalVisitor<ScalarKernel>
    {
        public ScalarKernel Visit<T>(IComparer<T> order) => (args, rows, _) =>
        {
            var a = (ColumnVector<T>)args[0];
            var b = (ColumnVector<T>)args[1];
            var result = new T[rows];
            var validity = new ValidityBitmap(rows);
            for (int i = 0; i < rows; i++)
            {
                int ra = Row(a, rows, i), rb = Row(b, rows, i);
                if (a.IsNull(ra)) { validity.SetNull(i); continue; }
                if (!b.IsNull(rb) && order.Compare(a.Values[ra], b.Values[rb]) == 0) { validity.SetNull(i); continue; }
                result[i] = a.Values[ra];
            }
            return new ColumnVector<T>(type, result, rows, validity);
        };
    }

    /// <summary>greatest/least ignore NULL arguments; the result is NULL only when all are NULL (PostgreSQL).</summary>
    private sealed class ExtremeVisitor(SqlType type, bool greatest) : IPhysicalVisitor<ScalarKernel>
    {
        public ScalarKernel Visit<T>(IComparer<T> order) => (args, rows, _) =>
        {
            var result = new T[rows];
            ValidityBitmap? validity = null;
            var vectors = new ColumnVector<T>[args.Length];
            for (int k = 0; k < args.Length; k++) vectors[k] = (ColumnVector<T>)args[k];
            for (int i = 0; i < rows; i++)
            {
                bool found = false;
                T best = default!;
                foreach (var v in vectors)
                {
                    int r = Row(v, rows, i);
                    if (v.IsNull(r)) continue;
                    var x = v.Values[r];
                    if (!found || (greatest ? order.Compare(x, best) > 0 : order.Compare(x, best) < 0)) best = x;
                    found = true;
                }
                if (found) { result[i] = best; continue; }
                validity ??= new ValidityBitmap(rows);
                validity.SetNull(i);
            }
            return new ColumnVector<T>(type, result, rows, validity);
        };
    }

    private sealed class DecodeSearchVisitor(SqlType resultType) : IPhysicalVisitor<ScalarKernel>
    {
        public ScalarKernel Visit<TS>(IComparer<TS> searchOrder) =>
            PhysicalDispatch.Visit(resultType, new DecodeResultVisitor<TS>(resultType, searchOrder));
    }

    private sealed class DecodeResultVisitor<TS>(SqlType resultType, IComparer<TS> searchOrder) : IPhysicalVisitor<ScalarKernel>
    {
        public ScalarKernel Visit<TR>(IComparer<TR> resultOrder) => (args, rows, _) =>
        {
            var expr = (ColumnVector<TS>)args[0];
            int pairs = (args.Length - 1) / 2;
            bool hasDefault = (args.Length - 1) % 2 == 1;
            var result = new TR[rows];
            ValidityBitmap? validity = null;
            for (int i = 0; i < rows; i++)
            {
                int re = Row(expr, rows, i);
                bool exprNull = expr.IsNull(re);
                ColumnVector<TR>? chosen = null;
                for (int p = 0; p < pairs && chosen is null; p++)
                {
                    var search = (ColumnVector<TS>)args[1 + 2 * p];
                    int rs = Row(search, rows, i);
                    bool searchNull = search.IsNull(rs);
                    // Redshift's DECODE treats NULL as matching NULL.
                    bool match = exprNull ? searchNull : !searchNull && searchOrder.Compare(expr.Values[re], search.Values[rs]) == 0;
                    if (match) chosen = (ColumnVector<TR>)args[2 + 2 * p];
                }
                if (chosen is null && hasDefault) chosen = (ColumnVector<TR>)args[^1];
                int rc = chosen is null ? 0 : Row(chosen, rows, i);
                if (chosen is null || chosen.IsNull(rc))
                {
                    validity ??= new ValidityBitmap(rows);
                    validity.SetNull(i);
                    continue;
                }
                result[i] = chosen.Values[rc];
            }
            return new ColumnVector<TR>(resultType, result, rows, validity);
        };
    }

    private sealed class Nvl2Visitor(SqlType type) : IPhysicalVisitor<ScalarKernel>
    {
        public ScalarKernel Visit<T>(IComparer<T> order) => (args, rows, _) =>
        {
            var test = args[0];
            var a = (ColumnVector<T>)args[1];
            var b = (ColumnVector<T>)args[2];
            var result = new T[rows];
            ValidityBitmap? validity = null;
            for (int i = 0; i < rows; i++)
            {
                var chosen = test.IsNull(Row(test, rows, i)) ? b : a;
                int r = Row(chosen, rows, i);
                if (chosen.IsNull(r))
                {
                    validity ??= new ValidityBitmap(rows);
                    validity.SetNull(i);
                    continue;
                }
                result[i] = chosen.Values[r];
            }
            return new ColumnVector<T>(type, result, rows, validity);
        };
    }
}
