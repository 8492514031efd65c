using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>Computes output columns per partition. Not shown by EXPLAIN (Redshift folds projections into the node below).</summary>
public sealed class PlanProject(PhysicalNode input, IReadOnlyList<CompiledExpression> expressions, IReadOnlyList<string> names)
    : PhysicalNode(ProjectOperator.TypesOf(expressions), names, input.EstimatedRows)
{
    public PhysicalNode Input { get; } = input;

    public IReadOnlyList<CompiledExpression> Expressions { get; } = expressions;

    public override int Partitions => Input.Partitions;

    public override IReadOnlyList<PhysicalNode> Children => [Input];

    public override DataDistribution Distribution => Input.Distribution.Remap(old =>
    {
        for (int i = 0; i < Expressions.Count; i++)
            if (Expressions[i] is ColumnExpression c && c.Ordinal == old) return i;
        return -1;
    });

    public override int SliceOfPartition(int partition) => Input.SliceOfPartition(partition);

    public override Operator Open(int partition, QueryContext context) => new ProjectOperator(Input.Open(partition, context), Expressions, context);

    public override string ExplainLabel => "Subquery Scan";
}
