using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.SetOperations;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>INTERSECT / EXCEPT [ALL] over both gathered inputs.</summary>
public sealed class PlanSetOperation(PhysicalNode left, PhysicalNode right, SetOperation operation, bool all)
    : PhysicalNode(left.OutputTypes, left.OutputNames, operation == SetOperation.Intersect ? Math.Min(left.EstimatedRows, right.EstimatedRows) : left.EstimatedRows)
{
    private readonly PhysicalNode _left = PlanGather.IfPartitioned(left);
    private readonly PhysicalNode _right = PlanGather.IfPartitioned(right);

    public override int Partitions => 1;

    public override IReadOnlyList<PhysicalNode> Children => [_left, _right];

    public override DataDistribution Distribution => DataDistribution.Single;

    public override Operator Open(int partition, QueryContext context) =>
        new SetOperationOperator(_left.Open(0, context), _right.Open(0, context), operation, all, context);

    public override string ExplainLabel => "SetOp " + (operation == SetOperation.Intersect ? "Intersect" : "Except") + (all ? " All" : "");
}

/// <summary>UNION ALL: the partitions of every input, side by side (partition i belongs to one input).</summary>
public sealed class PlanAppend(IReadOnlyList<PhysicalNode> inputs)
    : PhysicalNode(inputs[0].OutputTypes, inputs[0].OutputNames, inputs.Sum(i => i.EstimatedRows))
{
    public override int Partitions => inputs.Sum(i => i.Partitions);

    public override IReadOnlyList<PhysicalNode> Children => inputs;

    public override Operator Open(int partition, QueryContext context)
    {
        foreach (var input in inputs)
        {
            if (partition < input.Partitions) return input.Open(partition, context);
            partition -= input.Partitions;
        }
        throw new ArgumentOutOfRangeException(nameof(partition));
    }

    public override string ExplainLabel => "Append";
}
