using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Expressions;

/// <summary>
/// Three-valued AND / OR over two or more terms. After each term only the undecided rows (not yet FALSE
/// for AND, not yet TRUE for OR) are evaluated by the next term, so `x &lt;&gt; 0 AND 1/x &gt; 1` never divides
/// by zero, and a term is skipped entirely once every row is decided.
/// </summary>
public sealed class JunctionExpression : CompiledExpression
{
    private readonly CompiledExpression[] _terms;
    private readonly bool _isAnd;

    public JunctionExpression(CompiledExpression[] terms, bool isAnd) : base(SqlType.Boolean)
    {
        _terms = terms;
        _isAnd = isAnd;
        ReferencedColumns = Union(terms);
    }

    public override ColumnVector Evaluate(Batch input, QueryContext context)
    {
        int n = input.RowCount;
        var first = (ColumnVector<bool>)_terms[0].Evaluate(input, context);
        var values = new bool[n];
        Array.Copy(first.Values, values, n);
        // known[i]: the row's value is TRUE/FALSE (not NULL).
        var known = new bool[n];
        if (first.Validity is { } fv) for (int i = 0; i < n; i++) known[i] = fv.IsValid(i);
        else Array.Fill(known, true);
        bool decisive = !_isAnd; // FALSE decides AND, TRUE decides OR
        var undecided = new int[n];
        for (int t = 1; t < _terms.Length; t++)
        {
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                undecided[count] = i;
                count += known[i] && values[i] == decisive ? 0 : 1;
            }
            if (count == 0) break;
            var rows = undecided.AsSpan(0, count);
            var term = (ColumnVector<bool>)SubsetEvaluation.Evaluate(_terms[t], input, rows, context);
            var tv = term.Values;
            var tValid = term.Validity;
            for (int k = 0; k < count; k++)
            {
                int i = rows[k];
                bool termKnown = tValid is null || tValid.IsValid(k);
                if (termKnown && tv[k] == decisive)
                {
                    values[i] = decisive;
                    known[i] = true;
                }
                else if (!termKnown)
                {
                    known[i] = false;
                }
                // else the term is the neutral value: the row keeps its current value / unknown state.
            }
        }
        ValidityBitmap? validity = null;
        for (int i = 0; i < n; i++)
        {
            if (!known[i])
            {
                validity ??= new ValidityBitmap(n);
                validity.SetNull(i);
                values[i] = false;
            }
        }
        return new ColumnVector<bool>(SqlType.Boolean, values, n, validity);
    }
}

/// <summary>Three-valued NOT.</summary>
public sealed class NotExpression : CompiledExpression
{
    private readonly CompiledExpression _input;

    public NotExpression(CompiledExpression input) : base(SqlType.Boolean)
    {
        _input = input;
        ReferencedColumns = input.ReferencedColumns;
    }

    public override ColumnVector Evaluate(Batch input, QueryContext context)
    {
        var v = (ColumnVector<bool>)_input.Evaluate(input, context);
        int n = input.RowCount;
        var values = new bool[n];
        var src = v.Values;
        for (int i = 0; i < n; i++) values[i] = !src[i];
        return new ColumnVector<bool>(SqlType.Boolean, values, n, v.Validity?.Clone());
    }
}

/// <summary>IS [NOT] NULL: never NULL itself.</summary>
public sealed class IsNullExpression : CompiledExpression
{
    private readonly CompiledExpression _input;
    private readonly bool _negated;

    public IsNullExpression(CompiledExpression input, bool negated) : base(SqlType.Boolean)
    {
        _input = input;
        _negated = negated;
        ReferencedColumns = input.ReferencedColumns;
    }

    public override ColumnVector Evaluate(Batch input, QueryContext context)
    {
        var v = _input.Evaluate(input, context);
        int n = input.RowCount;
        var values = new bool[n];
        var validity = v.Validity;
        for (int i = 0; i < n; i++)
        {
            bool isNull = validity is not null && !validity.IsValid(i);
            values[i] = isNull != _negated;
        }
        return new ColumnVector<bool>(SqlType.Boolean, values, n);
    }
}
