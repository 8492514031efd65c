using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Optimizer.Rules;

/// <summary>
/// Factors conjuncts shared by every branch of an OR out of it: <c>(a AND b) OR (a AND c)</c> becomes
/// <c>a AND (b OR c)</c>. The extracted terms can then be pushed down on their own — TPC-H Q19 repeats its join
/// condition in each OR branch, and only after factoring does it become a hash join instead of a cross product.
/// </summary>
public sealed class CommonConjunctExtraction : IOptimizerRule
{
    public string Name => "common_conjunct_extraction";

    public LogicalPlan Apply(LogicalPlan plan)
    {
        var children = plan.Children.Select(Apply).ToList();
        plan = children.Count == 0 ? plan : plan.WithChildren(children);
        return plan switch
        {
            LogicalFilter f => f with { Predicate = Factor(f.Predicate) },
            LogicalJoin { Residual: not null } j => j with { Residual = Factor(j.Residual) },
            _ => plan,
        };
    }

    public static BoundExpr Factor(BoundExpr predicate) => BoundExprs.Rewrite(predicate, e =>
    {
        if (e is not BoundOr or) return null;
        var branches = or.Terms.Select(BoundExprs.Conjuncts).ToList();
        var common = branches[0].Where(t => branches.Skip(1).All(b => b.Any(x => BoundExprs.Key(x) == BoundExprs.Key(t)))).ToList();
        if (common.Count == 0) return null;
        var commonKeys = common.Select(BoundExprs.Key).ToHashSet();
        var rest = branches.Select(b => b.Where(t => !commonKeys.Contains(BoundExprs.Key(t))).ToList()).ToList();
        // A branch left with nothing is TRUE, which makes the whole remaining OR TRUE.
        if (rest.Any(r => r.Count == 0)) return BoundExprs.And(common);
        var remainder = new BoundOr(rest.Select(r => BoundExprs.And(r)!).ToList());
        return BoundExprs.And([.. common, remainder]);
    });
}
