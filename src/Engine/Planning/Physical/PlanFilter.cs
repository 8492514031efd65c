using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>Keeps rows whose predicate is TRUE, in every partition of its input.</summary>
public sealed class PlanFilter(PhysicalNode input, CompiledExpression predicate, string predicateText, double estimatedRows)
    : PhysicalNode(input.OutputTypes, input.OutputNames, estimatedRows)
{
    public PhysicalNode Input { get; } = input;

    public override int Partitions => Input.Partitions;

    public override IReadOnlyList<PhysicalNode> Children => [Input];

    public override DataDistribution Distribution => Input.Distribution;

    public override int SliceOfPartition(int partition) => Input.SliceOfPartition(partition);

    public override Operator Open(int partition, QueryContext context) => new FilterOperator(Input.Open(partition, context), predicate, context);

    public override string ExplainLabel => "Filter";

    public override IEnumerable<string> ExplainDetails => [$"Filter: {predicateText}"];
}
