using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Pipelines;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// Exchange that collects every partition of its input into one stream (Redshift's "XN Network — Send to
/// leader"): partitions run concurrently on the workers and their batches are interleaved as they arrive.
/// </summary>
public sealed class PlanGather(PhysicalNode input, bool toLeader = false) : PhysicalNode(input.OutputTypes, input.OutputNames, input.EstimatedRows)
{
    public PhysicalNode Input { get; } = input;

    public override int Partitions => 1;

    public override IReadOnlyList<PhysicalNode> Children => [Input];

    public override DataDistribution Distribution => DataDistribution.Single;

    public override Operator Open(int partition, QueryContext context) =>
        Input.Partitions == 1 ? Input.Open(0, context) : new GatherOperator(Input.OutputTypes, Input.Partitions, p => Input.Open(p, context), context);

    public override string ExplainLabel => "Network";

    public override IEnumerable<string> ExplainDetails => [toLeader ? "Send to leader" : "Send to slice 0"];
}
