using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>
/// One aggregate: <c>Function</c> resolved by FunctionRegistry.ResolveAggregate, arguments already cast to its
/// parameter types (count(*) has none). <paramref name="Distinct"/>: feed each distinct argument tuple once per
/// group. <paramref name="Filter"/>: only rows where it is TRUE. <paramref name="OrderBy"/>: the order values are
/// fed in (listagg/string_agg WITHIN GROUP); empty when irrelevant.
/// </summary>
public sealed record AggregateCall(
    string Name,
    ResolvedAggregate Function,
    IReadOnlyList<BoundExpr> Arguments,
    bool Distinct,
    BoundExpr? Filter,
    IReadOnlyList<SortKey> OrderBy)
{
    public SqlType Type => Function.ReturnType;

    public override string ToString() =>
        $"{Name}({(Distinct ? "DISTINCT " : "")}{(Arguments.Count == 0 ? "*" : string.Join(", ", Arguments))})";
}

/// <summary>
/// GROUP BY. Output columns: the group keys (in order), then the aggregates, then — only when
/// <see cref="GroupingSets"/> is not null — an INTEGER column "grouping_set" holding the 0-based index of the
/// grouping set the row belongs to. Each grouping set lists indexes into <see cref="GroupKeys"/>; keys not in a
/// row's set are NULL in that row. With no group keys and no grouping sets the output is exactly one row, even
/// for empty input (count = 0, sum = NULL). An empty grouping set behaves the same way.
/// </summary>
public sealed record LogicalAggregate(
    LogicalPlan Input,
    IReadOnlyList<BoundExpr> GroupKeys,
    IReadOnlyList<string> GroupKeyNames,
    IReadOnlyList<AggregateCall> Aggregates,
    IReadOnlyList<string> AggregateNames,
    IReadOnlyList<IReadOnlyList<int>>? GroupingSets) : LogicalPlan
{
    public override IReadOnlyList<LogicalColumn> Schema
    {
        get
        {
            var columns = new List<LogicalColumn>(GroupKeys.Count + Aggregates.Count + 1);
            for (int i = 0; i < GroupKeys.Count; i++) columns.Add(new LogicalColumn(GroupKeyNames[i], GroupKeys[i].Type));
            for (int i = 0; i < Aggregates.Count; i++) columns.Add(new LogicalColumn(AggregateNames[i], Aggregates[i].Type));
            if (GroupingSets is not null) columns.Add(new LogicalColumn("grouping_set", SqlType.Integer));
            return columns;
        }
    }

    public override IReadOnlyList<LogicalPlan> Children => [Input];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
}
