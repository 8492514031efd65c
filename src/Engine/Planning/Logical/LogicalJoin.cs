using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Logical;

public enum JoinKind
{
    Inner,
    Left,
    Right,
    Full,
    /// <summary>Left rows that have at least one match; output = left columns.</summary>
    Semi,
    /// <summary>Left rows that have no match; output = left columns (NOT EXISTS semantics, NULL keys never match).</summary>
    Anti,
    /// <summary>
    /// Anti join with NOT IN semantics (null-aware): a left row is kept only when it has no match AND the
    /// right side has no NULL key AND (the right side is empty OR the left key is not NULL). Exactly one key pair.
    /// </summary>
    NullAwareAnti,
    /// <summary>
    /// Every left row plus one BOOLEAN column (named <see cref="LogicalJoin.MarkName"/>): TRUE when some right row
    /// matches (equi-keys equal and residual TRUE); else NULL when some right row could match but a comparison was
    /// NULL (a NULL key on either side with a non-empty right side, or a residual that was NULL); else FALSE.
    /// Used for IN / EXISTS / ANY / ALL inside expressions.
    /// </summary>
    Mark,
    /// <summary>
    /// Left outer join for scalar subqueries: every left row plus the right columns of its single match (NULLs
    /// when none); more than one matching right row raises SqlException 21000
    /// "more than one row returned by a subquery used as an expression".
    /// </summary>
    Single,
}

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
