using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Optimizer.Rules;

/// <summary>
/// Moves filter conjuncts as close to the scans as semantics allow: through projections (by inlining), sorts,
/// DISTINCT, UNION branches, aggregates (conjuncts on group keys only), into both sides of inner joins, into the
/// preserved side of outer/semi/anti/mark/single joins, and finally into scans (where zone maps can skip blocks).
/// Conjuncts that span both sides of an inner join become its equi-keys or residual, so comma joins become hash joins.
/// </summary>
public sealed class PredicatePushdown : IOptimizerRule
{
    public string Name => "predicate_pushdown";

    public LogicalPlan Apply(LogicalPlan plan) => Push(plan, []);

    private static LogicalPlan Push(LogicalPlan plan, List<BoundExpr> predicates)
    {
        switch (plan)
        {
            case LogicalFilter f:
                return Push(f.Input, [.. predicates, .. BoundExprs.Conjuncts(f.Predicate)]);

            case LogicalScan s:
            {
                if (predicates.Count == 0) return s;
                var all = BoundExprs.Conjuncts(s.Filter).Concat(predicates).ToList();
                var filter = BoundExprs.And(all);
                return s with { Filter = filter, EstimatedRows = Math.Max(1, s.Table.RowCount * Selectivity.Of(filter, s)) };
            }

            case LogicalProject p:
            {
                var below = new List<BoundExpr>();
                var above = new List<BoundExpr>();
                foreach (var predicate in predicates)
                {
                    var inlined = BoundExprs.Inline(predicate, p.Expressions);
                    if (Deterministic(inlined)) below.Add(inlined);
                    else above.Add(predicate);
                }
                var projected = Push(p.Input, below);
                return Wrap(p with { Input = projected, EstimatedRows = projected.EstimatedRows }, above);
            }

            case LogicalSort s:
                return s with { Input = Push(s.Input, predicates) };

            case LogicalDistinct d:
                return d with { Input = Push(d.Input, predicates) };

            case LogicalSetOperation { Kind: SetOperationKind.Union } u when predicates.All(Deterministic):
                return u with { Left = Push(u.Left, predicates), Right = Push(u.Right, predicates) };

            case LogicalAggregate a:
            {
                var below = new List<BoundExpr>();
                var above = new List<BoundExpr>();
                foreach (var predicate in predicates)
                {
                    var columns = BoundExprs.Columns(predicate);
                    bool keysOnly = a.GroupingSets is null && a.GroupKeys.Count > 0 && columns.All(c => c < a.GroupKeys.Count) && Deterministic(predicate);
                    if (keysOnly) below.Add(BoundExprs.Inline(predicate, a.GroupKeys));
                    else above.Add(predicate);
                }
                var grouped = Push(a.Input, below);
                double groups = a.GroupKeys.Count == 0 && a.GroupingSets is null ? 1 : Math.Max(1, grouped.EstimatedRows / 10);
                return Wrap(a with { Input = grouped, EstimatedRows = a.EstimatedRows < 0 ? groups : Math.Min(a.EstimatedRows, groups) }, above);
            }

            case LogicalJoin j:
                return PushIntoJoin(j, predicates);

            default:
            {
                var children = plan.Children.Select(c => Push(c, [])).ToList();
                return Wrap(children.Count == 0 ? plan : plan.WithChildren(children), predicates);
            }
        }
    }

    private static LogicalPlan PushIntoJoin(LogicalJoin j, List<BoundExpr> predicates)
    {
        int leftCount = j.Left.Schema.Count;
        int rightCount = j.Right.Schema.Count;
        var toLeft = new List<BoundExpr>();
        var toRight = new List<BoundExpr>();
        var above = new List<BoundExpr>();
        var intoJoin = new List<BoundExpr>();
        bool inner = j.Kind == JoinKind.Inner;
        bool rightColumnsVisible = j.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Right or JoinKind.Full or JoinKind.Single;

        foreach (var predicate in predicates)
        {
            int side = JoinConditions.Side(predicate, leftCount);
            bool deterministic = Deterministic(predicate);
            if (side == 1 && deterministic && j.Kind is not (JoinKind.Right or JoinKind.Full)) toLeft.Add(predicate);
            else if (side == 2 && deterministic && rightColumnsVisible && j.Kind is JoinKind.Inner or JoinKind.Right) toRight.Add(BoundExprs.Shift(predicate, -leftCount));
            else if (inner && deterministic && side == 3) intoJoin.Add(predicate);
            else if (side == 0 && deterministic && j.Kind is not (JoinKind.Right or JoinKind.Full)) toLeft.Add(predicate);
            else above.Add(predicate);
        }

        // The join's own condition: on inner joins single-side conjuncts move into the inputs; on outer joins only
        // conjuncts on the side whose unmatched rows are dropped anyway (the nullable side) may move.
        var condition = new List<BoundExpr>(intoJoin);
        if (j.Residual is not null)
        {
            foreach (var term in BoundExprs.Conjuncts(j.Residual))
            {
                int side = JoinConditions.Side(term, leftCount);
                bool deterministic = Deterministic(term);
                bool leftOk = j.Kind is JoinKind.Inner or JoinKind.Right or JoinKind.Semi;
                bool rightOk = j.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Semi or JoinKind.Anti or JoinKind.Single;
                if (side == 1 && deterministic && leftOk) toLeft.Add(term);
                else if (side == 2 && deterministic && rightOk) toRight.Add(BoundExprs.Shift(term, -leftCount));
                else condition.Add(term);
            }
        }

        var left = Push(j.Left, toLeft);
        var right = Push(j.Right, toRight);
        var leftKeys = new List<BoundExpr>(j.LeftKeys);
        var rightKeys = new List<BoundExpr>(j.RightKeys);
        BoundExpr? residual = null;
        if (condition.Count > 0)
        {
            var (lk, rk, rest) = JoinConditions.Split(BoundExprs.And(condition), leftCount);
            leftKeys.AddRange(lk);
            rightKeys.AddRange(rk);
            residual = BoundExprs.And(rest);
        }
        double estimate = j.Kind switch
        {
            JoinKind.Semi when leftKeys.Count > 0 => ColumnStatistics.SemiJoinRows(left, right, leftKeys),
            JoinKind.Semi or JoinKind.Anti or JoinKind.NullAwareAnti or JoinKind.Mark or JoinKind.Single => Math.Max(left.EstimatedRows, 0),
            _ when leftKeys.Count == 0 => Math.Max(left.EstimatedRows, 1) * Math.Max(right.EstimatedRows, 1),
            JoinKind.Inner => ColumnStatistics.JoinRows(left, right, leftKeys, rightKeys) * (residual is null ? 1 : 0.5),
            _ => Math.Max(left.EstimatedRows, right.EstimatedRows),
        };
        var join = j with { Left = left, Right = right, LeftKeys = leftKeys, RightKeys = rightKeys, Residual = residual, EstimatedRows = estimate };
        _ = rightCount;
        return Wrap(join, above);
    }

    private static LogicalPlan Wrap(LogicalPlan plan, List<BoundExpr> predicates) =>
        predicates.Count == 0 ? plan : new LogicalFilter(plan, BoundExprs.And(predicates)!) { EstimatedRows = Reduce(plan.EstimatedRows, predicates.Count) };

    private static double Reduce(double rows, int predicates) => rows < 0 ? rows : Math.Max(1, rows * Math.Pow(0.5, Math.Min(predicates, 3)));

    private static bool Deterministic(BoundExpr e) =>
        !BoundExprs.Any(e, x => x is BoundFunctionCall f && f.Function.IsVolatile);
}
