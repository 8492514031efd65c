using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Pipelines;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// DS_DIST_INNER/OUTER/BOTH's movement: each row goes to the slice its key hashes to (<see cref="ExchangeRouting"/>,
/// the function that placed stored rows), so partition <c>s</c> of the output holds exactly the rows that can
/// meet slice <c>s</c> of the other side. Buffered: the whole input has been sent before any slice reads.
/// </summary>
public sealed class PlanRedistribute : PlanExchange
{
    private readonly int[] _keyColumns;

    public PlanRedistribute(PhysicalNode input, int keyColumn, int slices) : base(input, ExchangeKind.Redistribute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keyColumn);
        ArgumentOutOfRangeException.ThrowIfLessThan(slices, 1);
        _keyColumns = [keyColumn];
        Slices = slices;
    }

    public int Slices { get; }

    public override IReadOnlyList<int> KeyColumns => _keyColumns;

    public override int Partitions => Slices;

    public override DataDistribution Distribution => DataDistribution.OnKey(_keyColumns[0], Slices);

    public override int SliceOfPartition(int partition) => partition;

    public override Operator Open(int partition, QueryContext context)
    {
        var buffered = context.GetShared(this, () => BufferedExchange.Fill(
            Spec(ExchangeSenders.WorkerCount(Input.Partitions, context), Slices, buffered: true),
            Input.Partitions, p => Input.Open(p, context), context, localConsumers: Slices));
        return buffered.OpenConsumer(partition, OutputTypes, context);
    }

    public override string ExplainLabel => "Network";

    public override IEnumerable<string> ExplainDetails => [$"Distribute on {OutputNames[_keyColumns[0]]}"];
}
