using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.Aggregate;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// Hash aggregation: every input partition is aggregated by a worker into a partial state, then the partials
/// are merged (per-slice aggregation, then the final aggregate). When the input is distributed on a group key,
/// each slice's groups are complete on that slice: slices aggregate and finish on their own, nothing is merged.
/// One output partition.
/// </summary>
public sealed class PlanAggregate(PhysicalNode input, AggregatePlan plan, IReadOnlyList<string> names, double estimatedRows, string label = "")
    : PhysicalNode(plan.OutputTypes, names, estimatedRows)
{
    public PhysicalNode Input { get; } = input;

    public AggregatePlan Plan { get; } = plan;

    public override int Partitions => 1;

    public override IReadOnlyList<PhysicalNode> Children => [Input];

    public override DataDistribution Distribution => DataDistribution.Single;

    public override Operator Open(int partition, QueryContext context)
    {
        if (SliceGroupsOnKey(context) is { } slices) return HashAggregateOperator.OverDisjointGroups(slices, Plan, context);
        var openers = new Func<Operator>[Input.Partitions];
        for (int p = 0; p < openers.Length; p++)
        {
            int captured = p;
            openers[p] = () => Input.Open(captured, context);
        }
        return new HashAggregateOperator(openers, Plan, context);
    }

    /// <summary>
    /// When the input is distributed on one of the group keys, each slice holds whole groups: the input partitions of
    /// each slice, or null when that does not hold (or there are fewer slices than workers, which would idle some).
    /// </summary>
    private List<IReadOnlyList<Func<Operator>>>? SliceGroupsOnKey(QueryContext context)
    {
        var distribution = Input.Distribution;
        if (Input.Partitions < 2 || distribution.Kind != DistributionKind.Key || distribution.Slices < context.MaxDegreeOfParallelism
            || Plan.GroupingSets.Count != 1 || Plan.GroupingSets[0].Count != Plan.KeyExpressions.Count)
            return null;
        bool onKey = false;
        foreach (var key in Plan.KeyExpressions)
            onKey |= key is ColumnExpression column && column.Ordinal == distribution.KeyColumn && ExchangeRouting.HashMatchesEquality(column.Type);
        if (!onKey) return null;
        var slices = new List<Func<Operator>>[distribution.Slices];
        for (int p = 0; p < Input.Partitions; p++)
        {
            int slice = Input.SliceOfPartition(p);
            if ((uint)slice >= (uint)slices.Length) return null;
            int captured = p;
            (slices[slice] ??= []).Add(() => Input.Open(captured, context));
        }
        return [.. slices.Where(s => s is not null)];
    }

    public override string ExplainLabel => label.Length > 0 ? label : Plan.KeyExpressions.Count == 0 ? "Aggregate" : "HashAggregate";

    public override double StartupCost => Input.TotalCost;
}
