using ActorWarehouse.Engine.Planning.Bound;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>Computes one output column per expression (over the input row); <paramref name="Names"/> name them.</summary>
public sealed record LogicalProject(LogicalPlan Input, IReadOnlyList<BoundExpr> Expressions, IReadOnlyList<string> Names) : LogicalPlan
{
    public override IReadOnlyList<LogicalColumn> Schema => Expressions.Select((e, i) => new LogicalColumn(Names[i], e.Type)).ToList();

    public override IReadOnlyList<LogicalPlan> Children => [Input];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
}
