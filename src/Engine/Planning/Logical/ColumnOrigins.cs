using ActorWarehouse.Engine.Planning.Bound;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>
/// Which table column a plan's output column passes through unchanged (PostgreSQL reports it in RowDescription: table
/// OID and column number, which PgJDBC's ResultSetMetaData joins with pg_attribute). Computed columns have none.
/// </summary>
public static class ColumnOrigins
{
    /// <summary>The table's object id and 1-based column number behind output <paramref name="ordinal"/>, or null.</summary>
    public static (long TableId, int ColumnNumber)? Trace(LogicalPlan plan, int ordinal)
    {
        while (true)
        {
            switch (plan)
            {
                case LogicalScan scan:
                    return ordinal < scan.ColumnOrdinals.Count ? (scan.Table.Definition.Id, scan.ColumnOrdinals[ordinal] + 1) : null;
                case LogicalProject project:
                    if (ordinal >= project.Expressions.Count || project.Expressions[ordinal] is not BoundColumnRef column) return null;
                    plan = project.Input;
                    ordinal = column.Ordinal;
                    break;
                case LogicalFilter or LogicalSort or LogicalLimit or LogicalDistinct:
                    plan = plan.Children[0];
                    break;
                case LogicalWindow window when ordinal < window.Input.Schema.Count:
                    plan = window.Input;
                    break;
                case LogicalJoin join:
                {
                    int left = join.Left.Schema.Count;
                    if (ordinal < left)
                    {
                        plan = join.Left;
                    }
                    else if (join.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Right or JoinKind.Full)
                    {
                        plan = join.Right;
                        ordinal -= left;
                    }
                    else
                    {
                        return null;
                    }
                    break;
                }
                default:
                    return null;
            }
        }
    }
}
