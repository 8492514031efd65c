using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Optimizer.Rules;

/// <summary>
/// Orders inner-join chains: exhaustively (<see cref="JoinEnumeration"/>) up to ten inputs; beyond that greedily
/// by estimated row counts: start from the largest input and repeatedly
/// join the smallest input connected to what is joined so far by an equality (a cross product only when nothing
/// is connected). The executor builds hash tables on the smaller side, so the big input streams through.
/// A projection restores the original column order.
/// </summary>
public sealed class JoinReordering : IOptimizerRule
{
    public string Name => "join_reordering";

    public LogicalPlan Apply(LogicalPlan plan)
    {
        if (plan is LogicalJoin { Kind: JoinKind.Inner } join)
        {
            var leaves = new List<LogicalPlan>();
            var conditions = new List<BoundExpr>();
            Flatten(join, 0, leaves, conditions);
            if (leaves.Count >= 3 && leaves.Count <= JoinEnumeration.MaxLeaves)
                return new JoinEnumeration(leaves.Select(Apply).ToList(), conditions).Build(plan.Schema);
            if (leaves.Count >= 3) return Reorder(leaves.Select(Apply).ToList(), conditions, plan.Schema);
        }
        var children = plan.Children.Select(Apply).ToList();
        return children.Count == 0 ? plan : plan.WithChildren(children);
    }

    /// <summary>Collects the inputs of a tree of inner joins and its conditions over the concatenated columns.</summary>
    private static void Flatten(LogicalPlan plan, int offset, List<LogicalPlan> leaves, List<BoundExpr> conditions)
    {
        if (plan is LogicalJoin { Kind: JoinKind.Inner } j)
        {
            int leftCount = j.Left.Schema.Count;
            Flatten(j.Left, offset, leaves, conditions);
            Flatten(j.Right, offset + leftCount, leaves, conditions);
            for (int i = 0; i < j.LeftKeys.Count; i++)
                conditions.Add(ExpressionBinder.Call("=", [BoundExprs.Shift(j.LeftKeys[i], offset), BoundExprs.Shift(j.RightKeys[i], offset + leftCount)], 0));
            if (j.Residual is not null) conditions.AddRange(BoundExprs.Conjuncts(BoundExprs.Shift(j.Residual, offset)));
            return;
        }
        leaves.Add(plan);
    }

    private static LogicalPlan Reorder(List<LogicalPlan> leaves, List<BoundExpr> conditions, IReadOnlyList<LogicalColumn> schema)
    {
        var offsets = new int[leaves.Count];
        for (int i = 1; i < leaves.Count; i++) offsets[i] = offsets[i - 1] + leaves[i - 1].Schema.Count;
        int LeafOf(int ordinal)
        {
            for (int i = leaves.Count - 1; i >= 0; i--)
                if (ordinal >= offsets[i]) return i;
            return 0;
        }
        var conditionLeaves = conditions.Select(c => BoundExprs.Columns(c).Select(LeafOf).ToHashSet()).ToList();
        double Rows(int leaf) => Math.Max(leaves[leaf].EstimatedRows, 1);

        var remaining = Enumerable.Range(0, leaves.Count).ToHashSet();
        int first = remaining.OrderByDescending(Rows).ThenBy(i => i).First();
        remaining.Remove(first);
        var joined = new HashSet<int> { first };
        var order = new List<int> { first };
        LogicalPlan current = leaves[first];
        var used = new bool[conditions.Count];
        // Position of each original ordinal in the current plan's output.
        var position = new Dictionary<int, int>();
        for (int c = 0; c < leaves[first].Schema.Count; c++) position[offsets[first] + c] = c;

        while (remaining.Count > 0)
        {
            // Among inputs connected by an equality, the one giving the smallest estimated result:
            // |current| × |input| / distinct values of the join key (from zone-map ranges), smaller input on ties.
            var estimates = new Dictionary<int, double>();
            foreach (var r in remaining)
            {
                double distinct = 0;
                for (int k = 0; k < conditions.Count; k++)
                {
                    if (used[k] || !IsEquality(conditions[k]) || !conditionLeaves[k].Contains(r) || !conditionLeaves[k].Any(joined.Contains)
                        || !conditionLeaves[k].All(l => l == r || joined.Contains(l)))
                        continue;
                    distinct = Math.Max(distinct, KeyDistinct(conditions[k]));
                }
                if (distinct > 0) estimates[r] = Math.Max(current.EstimatedRows, 1) * Rows(r) / distinct;
            }
            int next = estimates.Count > 0
                ? estimates.OrderBy(e => e.Value).ThenBy(e => Rows(e.Key)).ThenBy(e => e.Key).First().Key
                : remaining.OrderBy(Rows).ThenBy(i => i).First();
            remaining.Remove(next);
            joined.Add(next);
            order.Add(next);

            int leftCount = current.Schema.Count;
            var nextPosition = new Dictionary<int, int>(position);
            for (int c = 0; c < leaves[next].Schema.Count; c++) nextPosition[offsets[next] + c] = leftCount + c;
            var applicable = new List<BoundExpr>();
            for (int k = 0; k < conditions.Count; k++)
            {
                if (used[k] || !conditionLeaves[k].All(joined.Contains)) continue;
                used[k] = true;
                applicable.Add(BoundExprs.Remap(conditions[k], nextPosition));
            }
            var (lk, rk, residual) = JoinConditions.Split(BoundExprs.And(applicable), leftCount);
            double estimate = estimates.TryGetValue(next, out var e) ? Math.Max(1, e)
                : lk.Count == 0 ? Math.Max(current.EstimatedRows, 1) * Rows(next) : Math.Max(current.EstimatedRows, Rows(next));
            current = new LogicalJoin(JoinKind.Inner, current, leaves[next], lk, rk, BoundExprs.And(residual)) { EstimatedRows = estimate };
            position = nextPosition;
        }

        double KeyDistinct(BoundExpr condition)
        {
            double best = 1;
            foreach (var side in condition.Children)
            {
                if (side is not BoundColumnRef c) continue;
                int leaf = LeafOf(c.Ordinal);
                best = Math.Max(best, ColumnStatistics.DistinctValues(leaves[leaf], c.Ordinal - offsets[leaf]));
            }
            return best;
        }

        var restore = new List<BoundExpr>(schema.Count);
        for (int o = 0; o < schema.Count; o++) restore.Add(new BoundColumnRef(position[o], schema[o].Type, schema[o].Name));
        return new LogicalProject(current, restore, schema.Select(c => c.Name).ToList()) { EstimatedRows = current.EstimatedRows };
    }

    private static bool IsEquality(BoundExpr e) => e is BoundFunctionCall { Name: "=" };
}
