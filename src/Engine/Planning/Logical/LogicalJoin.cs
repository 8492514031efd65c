using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>
/// A join. <paramref name="LeftKeys"/>[i] (over left columns) equals <paramref name="RightKeys"/>[i] (over right
/// columns) — same types, NULL never equal; <paramref name="Residual"/> is an extra condition over left columns
/// followed by right columns. Output: left ++ right for Inner/Left/Right/Full/Single; left only for
/// Semi/Anti/NullAwareAnti; left ++ mark for Mark. No keys and no residual is a cross product.
/// </summary>
public sealed record LogicalJoin(
    JoinKind Kind,
    LogicalPlan Left,
    LogicalPlan Right,
    IReadOnlyList<BoundExpr> LeftKeys,
    IReadOnlyList<BoundExpr> RightKeys,
    BoundExpr? Residual) : LogicalPlan
{
    public string MarkName { get; init; } = "mark";

    public override IReadOnlyList<LogicalColumn> Schema => Kind switch
    {
        JoinKind.Semi or JoinKind.Anti or JoinKind.NullAwareAnti => Left.Schema,
        JoinKind.Mark => [.. Left.Schema, new LogicalColumn(MarkName, SqlType.Boolean)],
        _ => [.. Left.Schema, .. Right.Schema],
    };

    public override IReadOnlyList<LogicalPlan> Children => [Left, Right];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Left = children[0], Right = children[1] };
}
