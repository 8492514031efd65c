using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.Aggregate;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// Hash aggregation: every input partition is aggregated by a worker into a partial state, then the partials
/// are merged (per-slice aggregation, then the final aggregate). One output partition.
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
        var openers = new Func<Operator>[Input.Partitions];
        for (int p = 0; p < openers.Length; p++)
        {
            int captured = p;
            openers[p] = () => Input.Open(captured, context);
        }
        return new HashAggregateOperator(openers, Plan, context);
    }

    public override string ExplainLabel => label.Length > 0 ? label : Plan.KeyExpressions.Count == 0 ? "Aggregate" : "HashAggregate";

    public override double StartupCost => Input.TotalCost;
}
