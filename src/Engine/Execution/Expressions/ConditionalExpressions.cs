using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Vectors;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Expressions;

/// <summary>
/// Searched CASE, evaluated lazily: each WHEN condition runs only on rows no earlier arm took, and each
/// result only on the rows that chose it.
/// </summary>
public sealed class CaseExpression : CompiledExpression
{
    private readonly (CompiledExpression Condition, CompiledExpression Result)[] _whens;
    private readonly CompiledExpression _else;

    public CaseExpression((CompiledExpression Condition, CompiledExpression Result)[] whens, CompiledExpression otherwise, SqlType type) : base(type)
    {
        _whens = whens;
        _else = otherwise;
        ReferencedColumns = Union(whens.SelectMany(w => new[] { w.Condition, w.Result }).Append(otherwise));
    }

    public override ColumnVector Evaluate(Batch input, QueryContext context)
    {
        int n = input.RowCount;
        var result = ColumnVector.Allocate(Type, n);
        result.Validity = new ValidityBitmap(n, allValid: false);
        var remaining = new int[n];
        for (int i = 0; i < n; i++) remaining[i] = i;
        int remainingCount = n;
        var taken = new int[n];
        var rest = new int[n];
        foreach (var (condition, value) in _whens)
        {
            if (remainingCount == 0) break;
            var rows = remaining.AsSpan(0, remainingCount);
            var cond = (ColumnVector<bool>)SubsetEvaluation.Evaluate(condition, input, rows, context);
            int takenCount = 0, restCount = 0;
            var cv = cond.Values;
            var cValid = cond.Validity;
            for (int k = 0; k < rows.Length; k++)
            {
                if (cv[k] && (cValid is null || cValid.IsValid(k))) taken[takenCount++] = rows[k];
                else rest[restCount++] = rows[k];
            }
            if (takenCount > 0)
            {
                var chosen = taken.AsSpan(0, takenCount);
                result = VectorOps.Scatter(SubsetEvaluation.Evaluate(value, input, chosen, context), result, chosen);
            }
            (remaining, rest) = (rest, remaining);
            remainingCount = restCount;
        }
        if (remainingCount > 0)
        {
            var rows = remaining.AsSpan(0, remainingCount);
            if (!(_else is ConstantExpression { IsNull: true }))
                result = VectorOps.Scatter(SubsetEvaluation.Evaluate(_else, input, rows, context), result, rows);
        }
        return result;
    }
}

/// <summary>COALESCE: later arguments are evaluated only on the rows still NULL.</summary>
public sealed class CoalesceExpression : CompiledExpression
{
    private readonly CompiledExpression[] _arguments;

    public CoalesceExpression(CompiledExpression[] arguments, SqlType type) : base(type)
    {
        _arguments = arguments;
        ReferencedColumns = Union(arguments);
    }

    public override ColumnVector Evaluate(Batch input, QueryContext context)
    {
        int n = input.RowCount;
        var first = _arguments[0].Evaluate(input, context);
        if (first.Validity is null || _arguments.Length == 1) return first;
        var all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        var result = VectorSelection.Take(first, all);
        var nulls = new int[n];
        for (int a = 1; a < _arguments.Length; a++)
        {
            int count = 0;
            var validity = result.Validity;
            if (validity is null) break;
            for (int i = 0; i < n; i++)
            {
                nulls[count] = i;
                count += validity.IsValid(i) ? 0 : 1;
            }
            if (count == 0) break;
            var rows = nulls.AsSpan(0, count);
            result = VectorOps.Scatter(SubsetEvaluation.Evaluate(_arguments[a], input, rows, context), result, rows);
        }
        return result;
    }
}

/// <summary>IS [NOT] DISTINCT FROM: equality where NULL equals NULL; never NULL.</summary>
public sealed class IsDistinctFromExpression : CompiledExpression
{
    private readonly CompiledExpression _left;
    private readonly CompiledExpression _right;
    private readonly bool _negated;

    public IsDistinctFromExpression(CompiledExpression left, CompiledExpression right, bool negated) : base(SqlType.Boolean)
    {
        _left = left;
        _right = right;
        _negated = negated;
        ReferencedColumns = Union([left, right]);
    }

    public override ColumnVector Evaluate(Batch input, QueryContext context)
    {
        int n = input.RowCount;
        var a = _left.Evaluate(input, context);
        var b = _right.Evaluate(input, context);
        var equal = ValueEquality.Equal(a, b, n);
        var av = a.Validity;
        var bv = b.Validity;
        var values = new bool[n];
        for (int i = 0; i < n; i++)
        {
            bool aNull = av is not null && !av.IsValid(i);
            bool bNull = bv is not null && !bv.IsValid(i);
            bool same = aNull || bNull ? aNull == bNull : equal[i];
            values[i] = _negated ? same : !same;
        }
        return new ColumnVector<bool>(SqlType.Boolean, values, n);
    }
}
