using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators.Aggregate;

/// <summary>
/// What a hash aggregation computes. Output columns: every group key (NULL where a row's grouping set lacks
/// it), the aggregates, then — when <see cref="EmitGroupingSetColumn"/> — an INTEGER with the grouping set's
/// index. Plain GROUP BY is one grouping set holding every key; a scalar aggregate is one empty set.
/// </summary>
public sealed record AggregatePlan(
    IReadOnlyList<SqlType> InputTypes,
    IReadOnlyList<CompiledExpression> KeyExpressions,
    IReadOnlyList<SqlType> KeyTypes,
    IReadOnlyList<IReadOnlyList<int>> GroupingSets,
    IReadOnlyList<AggregateSpec> Aggregates,
    bool EmitGroupingSetColumn)
{
    public IReadOnlyList<SqlType> OutputTypes { get; } = BuildOutputTypes(KeyTypes, Aggregates, EmitGroupingSetColumn);

    public bool HasOrderedAggregates { get; } = Aggregates.Any(a => a.OrderExpressions.Count > 0);

    /// <summary>True when every partition may aggregate on its own and the partials be merged.</summary>
    public bool IsMergeable { get; } = Aggregates.All(a => a.IsMergeable);

    /// <summary>GROUP BY every key as one set (the usual case).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> SingleSet(int keyCount) => [Enumerable.Range(0, keyCount).ToArray()];

    private static SqlType[] BuildOutputTypes(IReadOnlyList<SqlType> keys, IReadOnlyList<AggregateSpec> aggregates, bool groupingColumn)
    {
        var types = new List<SqlType>(keys);
        foreach (var a in aggregates) types.Add(a.Type);
        if (groupingColumn) types.Add(SqlType.Integer);
        return [.. types];
    }
}
