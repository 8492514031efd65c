using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Optimizer;

/// <summary>
/// Evaluates column-free deterministic expressions at plan time (one-row vectors through the same kernels and
/// casts the executor uses, so folding never changes a result). Errors (22012 division by zero, ...) surface as
/// they would at run time.
/// </summary>
public static class ConstantEvaluator
{
    private static readonly FunctionContext Context = FunctionContext.ForNow();

    /// <summary>The value of <paramref name="expr"/> as a literal, or null when it is not constant.</summary>
    public static BoundLiteral? TryFold(BoundExpr expr)
    {
        if (expr is BoundLiteral literal) return literal;
        if (!BoundExprs.IsConstant(expr)) return null;
        return new BoundLiteral(Evaluate(expr), expr.Type);
    }

    /// <summary>Evaluates a constant expression to its boxed physical value (null = SQL NULL).</summary>
    public static object? Evaluate(BoundExpr expr)
    {
        switch (expr)
        {
            case BoundLiteral l:
                return l.Value;
            case BoundCast c:
            {
                var input = Evaluate(c.Input);
                if (input is null) return null;
                if (c.Input.Type.Id == TypeId.Unknown && input is string s)
                    return Constants.Normalize(c.Type.IsString ? ValueParser.ParseString(s, c.Type, c.IsExplicit) : ValueParser.Parse(s, c.Type), c.Type);
                return Constants.FromVector(Casts.Cast(Constants.ToVector(input, c.Input.Type), c.Type, c.IsExplicit));
            }
            case BoundFunctionCall f:
            {
                var args = new Columnar.ColumnVector[f.Arguments.Count];
                for (int i = 0; i < args.Length; i++) args[i] = Constants.ToVector(Evaluate(f.Arguments[i]), f.Arguments[i].Type);
                return Constants.FromVector(f.Function.Kernel(args, 1, Context));
            }
            case BoundAnd a:
            {
                bool sawNull = false;
                foreach (var t in a.Terms)
                {
                    var v = Evaluate(t);
                    if (v is false) return false;
                    if (v is null) sawNull = true;
                }
                return sawNull ? null : true;
            }
            case BoundOr o:
            {
                bool sawNull = false;
                foreach (var t in o.Terms)
                {
                    var v = Evaluate(t);
                    if (v is true) return true;
                    if (v is null) sawNull = true;
                }
                return sawNull ? null : false;
            }
            case BoundNot n:
                return Evaluate(n.Input) is bool b ? !b : null;
            case BoundIsNull n:
                return (Evaluate(n.Input) is null) != n.Negated;
            case BoundIsDistinctFrom d:
                return !Equals(Evaluate(d.Left), Evaluate(d.Right)) != d.Negated;
            case BoundCase c:
                foreach (var w in c.Whens)
                    if (Evaluate(w.Condition) is true) return Evaluate(w.Result);
                return Evaluate(c.Else);
            case BoundCoalesce c:
                foreach (var a in c.Arguments)
                    if (Evaluate(a) is { } v) return v;
                return null;
            case BoundInList i:
            {
                var input = Evaluate(i.Input);
                if (input is null) return null;
                bool sawNull = false;
                foreach (var item in i.List)
                {
                    var v = Evaluate(item);
                    if (v is null) sawNull = true;
                    else if (Equals(v, input)) return !i.Negated;
                }
                return sawNull ? null : i.Negated;
            }
            default:
                throw new InvalidOperationException($"not a constant expression: {expr}");
        }
    }
}
