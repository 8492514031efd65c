namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Summary of one column block: row and null counts and the range of its non-null values.
/// <see cref="HasRange"/> is false when every row is null. <see cref="MaxUnbounded"/> is true when the
/// true maximum was too long to keep (long strings keep a truncated minimum, which is still a lower bound,
/// and no maximum).
/// </summary>
public sealed record ZoneMap(int RowCount, int NullCount, bool HasRange, ZoneValue Min, ZoneValue Max, bool MaxUnbounded = false)
{
    /// <summary>Longest string kept as a bound.</summary>
    public const int MaxTextBoundLength = 128;

    public static ZoneMap AllNull(int rowCount) => new(rowCount, rowCount, false, default, default);
}
