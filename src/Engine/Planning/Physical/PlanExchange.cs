using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// A fragment boundary: the rows of <see cref="Input"/> (the sending fragment, one instance per partition) move
/// through an <see cref="IExchange"/> from <see cref="Execution.QueryContext.Exchanges"/> to the receiving
/// fragment. Costs and row estimates pass through; EXPLAIN shows the movement on the node that needs it (the join's
/// DS_ label, the leader's Network step) rather than as a node of its own, as Redshift does.
/// </summary>
public abstract class PlanExchange(PhysicalNode input, ExchangeKind kind) : PhysicalNode(input.OutputTypes, input.OutputNames, input.EstimatedRows)
{
    public PhysicalNode Input { get; } = input;

    public ExchangeKind Kind { get; } = kind;

    /// <summary>The exchange's number in its plan, given by <see cref="PhysicalPlan"/> (fragment by fragment from the root, from 0).</summary>
    public int Id { get; internal set; } = -1;

    /// <summary>Redistribution key column ordinals (empty for gather and broadcast).</summary>
    public virtual IReadOnlyList<int> KeyColumns => [];

    public override IReadOnlyList<PhysicalNode> Children => [Input];

    public override double TotalCost => Input.TotalCost;

    public override double StartupCost => Input.StartupCost;

    protected ExchangeSpec Spec(int producers, int consumers, bool buffered) =>
        new(Id, Kind, producers, consumers, OutputTypes, KeyColumns, buffered);
}
