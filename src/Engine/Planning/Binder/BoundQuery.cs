using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// A bound query: its plan and output names. For a correlated subquery, <see cref="Correlated"/> holds the pulled-up
/// correlation predicates over <see cref="BoundOuterRef"/>s (depth 1) and <see cref="BoundColumnRef"/>s into
/// <see cref="Plan"/>'s output (which carries the needed inner columns after the visible ones).
/// </summary>
internal sealed record BoundQuery(LogicalPlan Plan, IReadOnlyList<string> Names)
{
    /// <summary>Number of visible output columns (the plan may carry hidden correlation columns after them).</summary>
    public int VisibleCount => Names.Count;

    public IReadOnlyList<BoundExpr> Correlated { get; init; } = [];

    /// <summary>
    /// Per visible column, an expression to evaluate after the decorrelating join instead of the column (it reads
    /// the enclosing row through <see cref="BoundOuterRef"/>s and this plan's output through column references);
    /// null when every column is computed inside the subquery.
    /// </summary>
    public IReadOnlyList<BoundExpr?>? Deferred { get; init; }

    /// <summary>With <see cref="Deferred"/>: an output column that is TRUE on every row (NULL after an unmatched outer join).</summary>
    public int MatchedColumn { get; init; } = -1;

    /// <summary>True when correlation keys became grouping keys of the subquery's aggregate (scalar aggregate subquery).</summary>
    public bool AggregatedCorrelation { get; init; }

    /// <summary>For <see cref="AggregatedCorrelation"/>: the value of output 0 over an empty group (count bug), when not NULL.</summary>
    public BoundExpr? EmptyValue { get; init; }
}
