using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Pipelines;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// Collects every partition of its input into one stream (Redshift's "XN Network — Send to leader"): a streaming
/// gather exchange whose producers are the workers running the input's partitions and whose one consumer is the
/// caller; batches interleave as they arrive and a slow consumer holds the producers back.
/// </summary>
public sealed class PlanGather(PhysicalNode input, bool toLeader = false) : PlanExchange(input, ExchangeKind.Gather)
{
    /// <summary><paramref name="input"/> itself when it already is one stream, else a gather over it.</summary>
    public static PhysicalNode IfPartitioned(PhysicalNode input) => input.Partitions == 1 ? input : new PlanGather(input);

    public bool ToLeader { get; } = toLeader;

    public override int Partitions => 1;

    public override DataDistribution Distribution => DataDistribution.Single;

    public override Operator Open(int partition, QueryContext context)
    {
        if (Input.Partitions == 1) return Input.Open(0, context);
        return StreamingGather.Open(OutputTypes, Input.Partitions, p => Input.Open(p, context), context, Id);
    }

    public override string ExplainLabel => "Network";

    public override IEnumerable<string> ExplainDetails => [ToLeader ? "Send to leader" : "Send to slice 0"];
}
