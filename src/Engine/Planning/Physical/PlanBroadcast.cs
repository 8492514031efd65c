using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Pipelines;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// DS_BCAST_INNER's movement: every row of the input reaches every node (one consumer per node), where the node's
/// slices share the copy as one hash table. Buffered: the whole input has been sent before the join builds.
/// One partition: this node's copy.
/// </summary>
public sealed class PlanBroadcast(PhysicalNode input) : PlanExchange(input, ExchangeKind.Broadcast)
{
    public override int Partitions => 1;

    public override DataDistribution Distribution => DataDistribution.All;

    public override Operator Open(int partition, QueryContext context)
    {
        var buffered = context.GetShared(this, () => BufferedExchange.Fill(
            Spec(ExchangeSenders.WorkerCount(Input.Partitions, context), context.Exchanges.Nodes, buffered: true),
            Input.Partitions, p => Input.Open(p, context), context, localConsumers: 1));
        return buffered.OpenConsumer(context.Exchanges.LocalNode, OutputTypes, context);
    }

    public override string ExplainLabel => "Network";

    public override IEnumerable<string> ExplainDetails => ["Broadcast"];
}
