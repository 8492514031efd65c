using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.Sort;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>ORDER BY over the gathered input; with <see cref="TopN"/> only the first rows are kept.</summary>
public sealed class PlanSort(PhysicalNode input, IReadOnlyList<SortKey> keys, IReadOnlyList<string> keyTexts, long? topN = null)
    : PhysicalNode(input.OutputTypes, input.OutputNames, topN is { } n ? Math.Min(n, input.EstimatedRows) : input.EstimatedRows)
{
    /// <summary>The input, gathered into one stream.</summary>
    public PhysicalNode Input { get; } = PlanGather.IfPartitioned(input);

    public IReadOnlyList<SortKey> Keys { get; } = keys;

    public IReadOnlyList<string> KeyTexts { get; } = keyTexts;

    public long? TopN { get; } = topN;

    public override int Partitions => 1;

    public override IReadOnlyList<PhysicalNode> Children => [Input];

    public override DataDistribution Distribution => DataDistribution.Single;

    public override Operator Open(int partition, QueryContext context) =>
        new SortOperator(Input.Open(0, context), Keys, context, TopN);

    public override string ExplainLabel => TopN is null ? "Sort" : "Top-N Sort";

    public override IEnumerable<string> ExplainDetails => [$"Sort Key: {string.Join(", ", KeyTexts)}"];

    public override double StartupCost => Input.TotalCost + EstimatedRows * Math.Log2(Math.Max(2, Input.EstimatedRows)) * 0.01;
}
