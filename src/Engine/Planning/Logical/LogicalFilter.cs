using ActorWarehouse.Engine.Planning.Bound;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>Keeps the input rows where <paramref name="Predicate"/> is TRUE (NULL and FALSE drop the row).</summary>
public sealed record LogicalFilter(LogicalPlan Input, BoundExpr Predicate) : LogicalPlan
{
    public override IReadOnlyList<LogicalColumn> Schema => Input.Schema;

    public override IReadOnlyList<LogicalPlan> Children => [Input];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
}
