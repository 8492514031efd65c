using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Optimizer.Rules;

namespace ActorWarehouse.Engine.Planning.Optimizer;

/// <summary>
/// Runs the rules in order: fold constants, factor and derive single-input terms of ORs, push predicates down (into joins as keys and into scans for zone maps), move semi joins onto the input they filter,
/// reorder inner-join chains, push again (reordering exposes new placements), restrict aggregates to the join keys
/// that can match, then prune unused columns.
/// Subqueries were already decorrelated into joins by the binder.
/// </summary>
public static class PlanOptimizer
{
    public static IReadOnlyList<IOptimizerRule> DefaultRules { get; } =
    [
        new ConstantFolding(),
        new CommonConjunctExtraction(),
        new DisjunctionDerivation(),
        new PredicatePushdown(),
        new SemiJoinPushdown(),
        new JoinReordering(),
        new PredicatePushdown(),
        new AggregateKeyFilter(),
        new ProjectionPruning(),
    ];

    public static LogicalPlan Optimize(LogicalPlan plan, ICollection<string>? disabled = null)
    {
        foreach (var rule in DefaultRules)
        {
            if (disabled is not null && disabled.Contains(rule.Name)) continue;
            plan = rule.Apply(plan);
        }
        return plan;
    }
}
