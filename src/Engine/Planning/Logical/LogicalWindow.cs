using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Logical;

public enum WindowFunctionKind
{
    /// <summary>An aggregate over the frame (<see cref="WindowCall.Aggregate"/> is set).</summary>
    Aggregate,
    RowNumber,
    Rank,
    DenseRank,
    PercentRank,
    CumeDist,
    /// <summary>ntile(n): argument 0 is the bucket count.</summary>
    Ntile,
    /// <summary>lag(value [, offset [, default]]): arguments as given, offset BIGINT, default of the value type.</summary>
    Lag,
    Lead,
    FirstValue,
    LastValue,
    /// <summary>nth_value(value, n).</summary>
    NthValue,
}

public enum FrameUnits { Rows, Range }

public enum FrameBoundKind { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing }

/// <summary>EXCLUDE clause: which of the current row and its ORDER BY peers are removed from the frame.</summary>
public enum FrameExclusion { NoOthers, CurrentRow, Group, Ties }

/// <summary>A frame edge; <paramref name="Offset"/> is a constant expression for Preceding/Following.</summary>
public sealed record FrameBound(FrameBoundKind Kind, BoundExpr? Offset = null);

/// <summary>
/// The window frame. PostgreSQL default (filled in by the binder): with ORDER BY
/// <c>RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW</c> (peers included), without it the whole partition.
/// </summary>
public sealed record WindowFrame(FrameUnits Units, FrameBound Start, FrameBound End,
    FrameExclusion Exclusion = FrameExclusion.NoOthers)
{
    public static readonly WindowFrame WholePartition =
        new(FrameUnits.Rows, new FrameBound(FrameBoundKind.UnboundedPreceding), new FrameBound(FrameBoundKind.UnboundedFollowing));

    public static readonly WindowFrame UpToCurrentPeers =
        new(FrameUnits.Range, new FrameBound(FrameBoundKind.UnboundedPreceding), new FrameBound(FrameBoundKind.CurrentRow));
}

/// <summary>One window function call over its own partitioning and ordering (all over the window node's input).</summary>
public sealed record WindowCall(
    string Name,
    WindowFunctionKind Kind,
    ResolvedAggregate? Aggregate,
    IReadOnlyList<BoundExpr> Arguments,
    IReadOnlyList<BoundExpr> PartitionBy,
    IReadOnlyList<SortKey> OrderBy,
    WindowFrame Frame,
    SqlType Type)
{
    public bool Distinct { get; init; }

    /// <summary>IGNORE NULLS (lag/lead/first_value/last_value/nth_value skip NULL values).</summary>
    public bool IgnoreNulls { get; init; }

    public override string ToString() => $"{Name}({string.Join(", ", Arguments)}) OVER (...)";
}

/// <summary>Output: every input column unchanged (input order may be changed), then one column per call.</summary>
public sealed record LogicalWindow(LogicalPlan Input, IReadOnlyList<WindowCall> Functions, IReadOnlyList<string> Names) : LogicalPlan
{
    public override IReadOnlyList<LogicalColumn> Schema =>
        [.. Input.Schema, .. Functions.Select((f, i) => new LogicalColumn(Names[i], f.Type))];

    public override IReadOnlyList<LogicalPlan> Children => [Input];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
}
