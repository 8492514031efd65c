using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators.Window;

/// <summary>One ORDER BY key of a window: its expression, direction and NULL placement.</summary>
public sealed record WindowOrderKey(CompiledExpression Expression, bool Descending, bool NullsFirst);

/// <summary>A frame edge; <see cref="Offset"/> is evaluated once (a constant) for PRECEDING/FOLLOWING.</summary>
public sealed record WindowFrameBound(FrameBoundKind Kind, CompiledExpression? Offset = null);

/// <summary>ROWS or RANGE frame between two edges, minus the rows its EXCLUDE clause removes.</summary>
public sealed record WindowFrameSpec(FrameUnits Units, WindowFrameBound Start, WindowFrameBound End,
    FrameExclusion Exclusion = FrameExclusion.NoOthers)
{
    public static readonly WindowFrameSpec WholePartition =
        new(FrameUnits.Rows, new WindowFrameBound(FrameBoundKind.UnboundedPreceding), new WindowFrameBound(FrameBoundKind.UnboundedFollowing));

    public static readonly WindowFrameSpec UpToCurrentPeers =
        new(FrameUnits.Range, new WindowFrameBound(FrameBoundKind.UnboundedPreceding), new WindowFrameBound(FrameBoundKind.CurrentRow));
}

/// <summary>One window function call, compiled: what to compute, over which partitioning, ordering and frame.</summary>
public sealed record WindowSpec(
    WindowFunctionKind Kind,
    SqlType Type,
    Func<IGroupedAggregate>? CreateAggregate,
    IReadOnlyList<CompiledExpression> Arguments,
    IReadOnlyList<CompiledExpression> PartitionBy,
    IReadOnlyList<WindowOrderKey> OrderBy,
    WindowFrameSpec Frame,
    bool IgnoreNulls = false);
