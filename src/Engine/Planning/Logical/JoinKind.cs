namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>
/// Join semantics, always stated for the LEFT input (the outer side of the SQL text), shared by the logical plan and
/// the hash join operator. Semi, anti, null-aware anti, mark and single joins output left rows (mark adds a boolean,
/// single adds the right columns); they build their hash table on the right input, except that semi and anti joins
/// may build on a much smaller left input and report the build rows that found (or never found) a match.
/// </summary>
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

public static class JoinKindExtensions
{
    /// <summary>True when the join outputs only left rows (plus a mark column or the single match).</summary>
    public static bool BuildsOnRightOnly(this JoinKind kind) =>
        kind is JoinKind.Semi or JoinKind.Anti or JoinKind.NullAwareAnti or JoinKind.Mark or JoinKind.Single;

    /// <summary>Semi and anti joins can also run with the left input as the build side.</summary>
    public static bool CanBuildOnLeft(this JoinKind kind) => !kind.BuildsOnRightOnly() || kind is JoinKind.Semi or JoinKind.Anti;

    public static bool PreservesLeft(this JoinKind kind) => kind is JoinKind.Left or JoinKind.Full;

    public static bool PreservesRight(this JoinKind kind) => kind is JoinKind.Right or JoinKind.Full;
}
