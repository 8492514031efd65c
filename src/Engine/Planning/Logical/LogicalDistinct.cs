namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>Removes duplicate rows over all columns (NULLs compare equal, as in GROUP BY).</summary>
public sealed record LogicalDistinct(LogicalPlan Input) : LogicalPlan
{
    public override IReadOnlyList<LogicalColumn> Schema => Input.Schema;

    public override IReadOnlyList<LogicalPlan> Children => [Input];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
}
