namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>Orders the input rows by <paramref name="Keys"/> (stable); same columns out.</summary>
public sealed record LogicalSort(LogicalPlan Input, IReadOnlyList<SortKey> Keys) : LogicalPlan
{
    public override IReadOnlyList<LogicalColumn> Schema => Input.Schema;

    public override IReadOnlyList<LogicalPlan> Children => [Input];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
}
