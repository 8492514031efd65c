using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators.Sort;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators.Aggregate;

/// <summary>
/// One aggregate of a hash aggregation: how to make its grouped state, its compiled arguments, an optional
/// FILTER (rows where it is not TRUE are skipped), DISTINCT (each argument tuple fed once per group), and an
/// optional ordering of the fed values (string_agg/listagg WITHIN GROUP) as sort keys over the arguments
/// followed by <see cref="OrderExpressions"/>.
/// </summary>
public sealed record AggregateSpec(
    string Name,
    SqlType Type,
    Func<IGroupedAggregate> Create,
    IReadOnlyList<CompiledExpression> Arguments,
    CompiledExpression? Filter = null,
    bool Distinct = false)
{
    /// <summary>Expressions whose values order the rows fed to this aggregate (empty: input order).</summary>
    public IReadOnlyList<CompiledExpression> OrderExpressions { get; init; } = [];

    /// <summary>Direction and NULL placement of each of <see cref="OrderExpressions"/> (Column = its index).</summary>
    public IReadOnlyList<SortKey> OrderKeys { get; init; } = [];

    /// <summary>True when partial states of different partitions can simply be merged.</summary>
    public bool IsMergeable => !Distinct && OrderExpressions.Count == 0;
}
