using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Optimizer;

/// <summary>
/// Cheap statistics from what storage already keeps: row counts from manifests and, for integer-like columns,
/// the value range from block zone maps (a column whose values span 0..24 has at most 25 distinct values).
/// </summary>
public static class ColumnStatistics
{
    /// <summary>
    /// Estimated rows of an equi-join: the product of its inputs divided, per key pair, by the larger distinct-value
    /// estimate of the two keys — but never below what a key/foreign-key join gives (the larger input's share).
    /// </summary>
    public static double JoinRows(LogicalPlan left, LogicalPlan right, IReadOnlyList<BoundExpr> leftKeys, IReadOnlyList<BoundExpr> rightKeys)
    {
        double l = Math.Max(left.EstimatedRows, 1), r = Math.Max(right.EstimatedRows, 1);
        if (leftKeys.Count == 0) return l * r;
        double factor = 1;
        for (int i = 0; i < leftKeys.Count; i++)
        {
            double distinct = 1;
            if (leftKeys[i] is BoundColumnRef a) distinct = Math.Max(distinct, DistinctValues(left, a.Ordinal));
            if (rightKeys[i] is BoundColumnRef b) distinct = Math.Max(distinct, DistinctValues(right, b.Ordinal));
            factor /= distinct;
        }
        return Math.Max(1, l * r * Math.Max(factor, 1 / Math.Max(l, r)));
    }

    /// <summary>Rows of the left input kept by a semi join: at most one per distinct right key among the left's distinct keys.</summary>
    public static double SemiJoinRows(LogicalPlan left, LogicalPlan right, IReadOnlyList<BoundExpr> leftKeys)
    {
        double l = Math.Max(left.EstimatedRows, 1);
        double distinct = leftKeys.Count == 1 && leftKeys[0] is BoundColumnRef c ? DistinctValues(left, c.Ordinal) : l;
        return Math.Max(1, l * Math.Min(1, Math.Max(right.EstimatedRows, 1) / Math.Max(distinct, 1)));
    }

    /// <summary>An upper estimate of the distinct values of output column <paramref name="ordinal"/> of <paramref name="plan"/>.</summary>
    public static double DistinctValues(LogicalPlan plan, int ordinal)
    {
        double rows = Math.Max(plan.EstimatedRows, 1);
        switch (plan)
        {
            case LogicalFilter f:
                return Math.Min(rows, DistinctValues(f.Input, ordinal));
            case LogicalProject p when p.Expressions[ordinal] is BoundColumnRef c:
                return Math.Min(rows, DistinctValues(p.Input, c.Ordinal));
            case LogicalJoin j when j.Kind is JoinKind.Inner or JoinKind.Semi or JoinKind.Anti or JoinKind.Left or JoinKind.Single:
            {
                int leftCount = j.Left.Schema.Count;
                return ordinal < leftCount
                    ? Math.Min(rows, DistinctValues(j.Left, ordinal))
                    : ordinal - leftCount < j.Right.Schema.Count ? Math.Min(rows, DistinctValues(j.Right, ordinal - leftCount)) : rows;
            }
            case LogicalAggregate a when ordinal < a.GroupKeys.Count:
                return a.GroupKeys.Count == 1 && a.GroupingSets is null ? rows : Math.Min(rows, a.GroupKeys[ordinal] is BoundColumnRef k ? DistinctValues(a.Input, k.Ordinal) : rows);
            case LogicalScan s:
            {
                int column = s.ColumnOrdinals[ordinal];
                var type = s.Table.Definition.Columns[column].Type;
                if (!(type.IsInteger || type.Id is TypeId.Date || type.Id is TypeId.Boolean)) return rows;
                Int128? min = null, max = null;
                foreach (var slice in s.Table.Manifest.Slices)
                    foreach (var group in slice.RowGroups)
                    {
                        if (column >= group.Blocks.Count) continue;
                        var zone = group.Blocks[column].Zone;
                        if (!zone.HasRange) continue;
                        if (min is null || zone.Min.Integer < min) min = zone.Min.Integer;
                        if (max is null || zone.Max.Integer > max) max = zone.Max.Integer;
                    }
                if (min is null || max is null) return rows;
                var span = (double)(max.Value - min.Value) + 1;
                return Math.Max(1, Math.Min(rows, span));
            }
            default:
                return rows;
        }
    }
}
