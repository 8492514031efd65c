using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.Window;
using ActorWarehouse.Engine.Planning.Distribution;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>Window functions over the gathered input: input columns, then one column per call.</summary>
public sealed class PlanWindow : PhysicalNode
{
    private PlanWindow(PhysicalNode input, IReadOnlyList<WindowSpec> specs, IReadOnlyList<string> names)
        : base([.. input.OutputTypes, .. specs.Select(s => s.Type)], names, input.EstimatedRows)
    {
        Input = PlanGather.IfPartitioned(input);
        Specs = specs;
    }

    /// <summary>The input, gathered into one stream.</summary>
    public PhysicalNode Input { get; }

    public IReadOnlyList<WindowSpec> Specs { get; }

    public static PlanWindow Create(PhysicalNode input, LogicalWindow window, IReadOnlyList<string> names)
    {
        var specs = window.Functions.Select(call =>
        {
            if (call.Distinct) throw SqlException.NotSupported("DISTINCT in window functions");
            return new WindowSpec(call.Kind, call.Type, call.Aggregate?.Create,
                ExpressionCompiler.CompileAll(call.Arguments),
                ExpressionCompiler.CompileAll(call.PartitionBy),
                call.OrderBy.Select(k => new WindowOrderKey(ExpressionCompiler.Compile(k.Expression), k.Descending, k.NullsFirst)).ToArray(),
                new WindowFrameSpec(call.Frame.Units, Bound(call.Frame.Start), Bound(call.Frame.End), call.Frame.Exclusion),
                call.IgnoreNulls);
        }).ToArray();
        return new PlanWindow(input, specs, names);
    }

    private static WindowFrameBound Bound(FrameBound bound) =>
        new(bound.Kind, bound.Offset is null ? null : ExpressionCompiler.Compile(bound.Offset));

    public override int Partitions => 1;

    public override IReadOnlyList<PhysicalNode> Children => [Input];

    public override DataDistribution Distribution => DataDistribution.Single;

    public override Operator Open(int partition, QueryContext context) => new WindowOperator(Input.Open(0, context), Specs, context);

    public override string ExplainLabel => "Window";
}
