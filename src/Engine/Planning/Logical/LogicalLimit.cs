namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>Skips <paramref name="Offset"/> rows then passes at most <paramref name="Limit"/> (null = all).</summary>
public sealed record LogicalLimit(LogicalPlan Input, long? Limit, long Offset) : LogicalPlan
{
    public override IReadOnlyList<LogicalColumn> Schema => Input.Schema;

    public override IReadOnlyList<LogicalPlan> Children => [Input];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
}
