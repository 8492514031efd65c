using ActorWarehouse.Engine.Planning.Bound;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>
/// Constant rows (VALUES lists, SELECT without FROM). Each row has one expression per column, typed exactly as
/// <paramref name="Columns"/>; expressions reference no input columns (they may call functions, e.g. now()).
/// </summary>
public sealed record LogicalValues(IReadOnlyList<LogicalColumn> Columns, IReadOnlyList<IReadOnlyList<BoundExpr>> Rows) : LogicalPlan
{
    public override IReadOnlyList<LogicalColumn> Schema => Columns;

    public override IReadOnlyList<LogicalPlan> Children => [];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;
}
