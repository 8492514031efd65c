namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>No rows with the given schema (e.g. a filter folded to FALSE).</summary>
public sealed record LogicalEmpty(IReadOnlyList<LogicalColumn> Columns) : LogicalPlan
{
    public override IReadOnlyList<LogicalColumn> Schema => Columns;

    public override IReadOnlyList<LogicalPlan> Children => [];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;
}
