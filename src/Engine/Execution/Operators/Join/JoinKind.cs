namespace ActorWarehouse.Engine.Execution.Operators.Join;

/// <summary>
/// Join semantics, always stated for the LEFT input (the outer side of the SQL text).
/// Semi, anti, null-aware anti, mark and single joins output left rows (mark adds a boolean, single
/// adds the right columns); they build their hash table on the right input, except that semi and anti joins
/// may build on a much smaller left input and report the build rows that found (or never found) a match.
/// </summary>
public enum JoinKind
{
    Inner,
    Left,
    Right,
    Full,
    /// <summary>EXISTS / IN: each left row with at least one match, once.</summary>
    Semi,
    /// <summary>NOT EXISTS: each left row without a match (a NULL key never matches, so it is kept).</summary>
    Anti,
    /// <summary>NOT IN: like anti, but any NULL on the right (or a NULL left key with a non-empty right) removes the row.</summary>
    NullAwareAnti,
    /// <summary>Left rows plus a boolean "has a match" column with IN's three-valued result (NULL when unknown).</summary>
    Mark,
    /// <summary>Scalar subquery: left rows plus the right columns of the single match (NULLs without one); a second match is error 21000.</summary>
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
