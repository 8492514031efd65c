using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Optimizer.Rules;

/// <summary>
/// When a join can only keep the groups of an aggregate whose keys appear on its other side (inner, left outer with
/// the aggregate on the right, single, semi), and that other side is much smaller than the aggregate's input,
/// the aggregate's input is first semi-joined with the part of the other side that produces the keys. Whole groups
/// are kept or dropped, so the aggregates of the surviving groups are unchanged. Decorrelated subqueries are the
/// case: TPC-H Q17 averages lineitem per part only for the few hundred parts that passed the outer filter instead of
/// for all 200,000, and Q20 sums lineitem only for the parts and suppliers of interest.
/// </summary>
public sealed class AggregateKeyFilter : IOptimizerRule
{
    /// <summary>The key source must be at least this many times smaller than the aggregated rows.</summary>
    private const double MinimumReduction = 10;

    public string Name => "aggregate_key_filter";

    public LogicalPlan Apply(LogicalPlan plan)
    {
        var children = plan.Children.Select(Apply).ToList();
        plan = children.Count == 0 ? plan : plan.WithChildren(children);
        if (plan is not LogicalJoin { LeftKeys.Count: > 0 } join) return plan;
        if (join.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Single or JoinKind.Semi
            && Filtered(join.Right, join.RightKeys, join.Left, join.LeftKeys) is { } right)
            return join with { Right = right };
        if (join.Kind is JoinKind.Inner && Filtered(join.Left, join.LeftKeys, join.Right, join.RightKeys) is { } left)
            return join with { Left = left };
        return plan;
    }

    /// <summary>The aggregate side with its input restricted to keys of <paramref name="other"/>, or null when not applicable.</summary>
    private static LogicalPlan? Filtered(LogicalPlan side, IReadOnlyList<BoundExpr> sideKeys, LogicalPlan other, IReadOnlyList<BoundExpr> otherKeys)
    {
        var project = side as LogicalProject;
        if ((project?.Input ?? side) is not LogicalAggregate { GroupingSets: null, GroupKeys.Count: > 0 } aggregate) return null;
        var inputKeys = new List<BoundExpr>();
        foreach (var key in sideKeys)
        {
            if (key is not BoundColumnRef c) return null;
            var groupOrdinal = project is null ? c : project.Expressions[c.Ordinal] as BoundColumnRef;
            if (groupOrdinal is null || groupOrdinal.Ordinal >= aggregate.GroupKeys.Count) return null;
            inputKeys.Add(aggregate.GroupKeys[groupOrdinal.Ordinal]);
        }
        if (otherKeys.Any(k => k is not BoundColumnRef)) return null;
        var (source, sourceKeys) = KeySource(other, otherKeys.Cast<BoundColumnRef>().ToList());
        if (source.EstimatedRows < 0 || aggregate.Input.EstimatedRows < 0
            || source.EstimatedRows * MinimumReduction > aggregate.Input.EstimatedRows) return null;
        if (BoundExprs.Any(BoundExprs.And(inputKeys)!, e => e is BoundFunctionCall f && f.Function.IsVolatile)) return null;
        var semi = new LogicalJoin(JoinKind.Semi, aggregate.Input, source, inputKeys, sourceKeys, null)
        {
            EstimatedRows = ColumnStatistics.SemiJoinRows(aggregate.Input, source, inputKeys),
        };
        var filtered = aggregate with { Input = semi };
        return project is null ? filtered : project with { Input = filtered };
    }

    /// <summary>
    /// The smallest subtree of <paramref name="plan"/> that produces all the key columns: descends through inner
    /// joins and column-only projections while one child holds every key.
    /// </summary>
    private static (LogicalPlan Plan, List<BoundExpr> Keys) KeySource(LogicalPlan plan, List<BoundColumnRef> keys)
    {
        while (true)
        {
            if (plan is LogicalProject p && keys.All(k => p.Expressions[k.Ordinal] is BoundColumnRef))
            {
                keys = keys.Select(k => (BoundColumnRef)p.Expressions[k.Ordinal]).ToList();
                plan = p.Input;
                continue;
            }
            if (plan is LogicalJoin { Kind: JoinKind.Inner } j)
            {
                int leftCount = j.Left.Schema.Count;
                if (keys.All(k => k.Ordinal < leftCount))
                {
                    plan = j.Left;
                    continue;
                }
                if (keys.All(k => k.Ordinal >= leftCount))
                {
                    keys = keys.Select(k => k with { Ordinal = k.Ordinal - leftCount }).ToList();
                    plan = j.Right;
                    continue;
                }
            }
            return (plan, keys.Cast<BoundExpr>().ToList());
        }
    }
}
