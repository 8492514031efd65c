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
