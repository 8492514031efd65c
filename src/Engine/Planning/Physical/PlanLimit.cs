using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>LIMIT/OFFSET over the gathered input.</summary>
public sealed class PlanLimit(PhysicalNode input, long? limit, long offset)
    : PhysicalNode(input.OutputTypes, input.OutputNames, limit is { } l ? Math.Min(l, input.EstimatedRows) : input.EstimatedRows)
{
    /// <summary>The input, gathered into one stream.</summary>
    public PhysicalNode Input { get; } = PlanGather.IfPartitioned(input);

    public long? Limit { get; } = limit;

    public long Offset { get; } = offset;

    public override int Partitions => 1;

    public override IReadOnlyList<PhysicalNode> Children => [Input];

    public override DataDistribution Distribution => DataDistribution.Single;

    public override Operator Open(int partition, QueryContext context) => new LimitOperator(Input.Open(0, context), Limit, Offset);

    public override string ExplainLabel => "Limit";
}
