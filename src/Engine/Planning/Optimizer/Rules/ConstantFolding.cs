using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Optimizer.Rules;

/// <summary>
/// Evaluates column-free deterministic subexpressions once at plan time, simplifies AND/OR with constant terms,
/// removes filters that are always TRUE and replaces filters that are never TRUE with an empty relation.
/// Folding errors (division by zero in a dead CASE arm) are left for run time, where laziness may avoid them.
/// </summary>
public sealed class ConstantFolding : IOptimizerRule
{
    public string Name => "constant_folding";

    public LogicalPlan Apply(LogicalPlan plan)
    {
        var children = plan.Children.Select(Apply).ToList();
        plan = children.Count == 0 ? plan : plan.WithChildren(children);
        switch (plan)
        {
            case LogicalFilter f:
            {
                var predicate = Fold(f.Predicate);
                if (predicate is BoundLiteral { Value: true }) return f.Input;
                if (predicate is BoundLiteral) return new LogicalEmpty(f.Schema);
                return f with { Predicate = predicate };
            }
            case LogicalProject p:
                return p with { Expressions = p.Expressions.Select(Fold).ToList() };
            case LogicalScan s when s.Filter is not null:
            {
                var predicate = Fold(s.Filter);
                if (predicate is BoundLiteral { Value: true }) return s with { Filter = null };
                if (predicate is BoundLiteral) return new LogicalEmpty(s.Schema);
                return s with { Filter = predicate };
            }
            case LogicalJoin j:
                return j with
                {
                    LeftKeys = j.LeftKeys.Select(Fold).ToList(),
                    RightKeys = j.RightKeys.Select(Fold).ToList(),
                    Residual = j.Residual is null ? null : Fold(j.Residual) is BoundLiteral { Value: true } ? null : Fold(j.Residual),
                };
            default:
                return plan;
        }
    }

    public static BoundExpr Fold(BoundExpr expr) => BoundExprs.Rewrite(expr, e =>
    {
        switch (e)
        {
            case BoundLiteral or BoundColumnRef:
                return null;
            case BoundAnd a:
            {
                var terms = new List<BoundExpr>();
                foreach (var t in a.Terms)
                {
                    if (t is BoundLiteral { Value: true }) continue;
                    if (t is BoundLiteral { Value: false }) return BoundLiteral.Bool(false);
                    terms.Add(t);
                }
                return terms.Count == 0 ? BoundLiteral.Bool(true) : terms.Count == 1 ? terms[0] : new BoundAnd(terms);
            }
            case BoundOr o:
            {
                var terms = new List<BoundExpr>();
                foreach (var t in o.Terms)
                {
                    if (t is BoundLiteral { Value: false }) continue;
                    if (t is BoundLiteral { Value: true }) return BoundLiteral.Bool(true);
                    terms.Add(t);
                }
                return terms.Count == 0 ? BoundLiteral.Bool(false) : terms.Count == 1 ? terms[0] : new BoundOr(terms);
            }
        }
        if (!BoundExprs.IsConstant(e)) return e is BoundFunctionCall call ? DateComparisonNarrowing.TryNarrow(call) : null;
        try
        {
            return ConstantEvaluator.TryFold(e);
        }
        catch (Errors.SqlException)
        {
            return null;
        }
    });
}
