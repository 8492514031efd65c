namespace ActorWarehouse.Engine.Storage;

/// <summary>Comparison of a column with a constant, as far as zone maps can judge it.</summary>
public enum ZoneOp : byte
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    IsNull,
    IsNotNull,
}

/// <summary>
/// <c>column op constant</c>. <see cref="Constant"/> is the physical representation for the column's type
/// (int for INTEGER and DATE, long for BIGINT/TIMESTAMP/DECIMAL(p≤18) scaled, string for text, ...);
/// ignored for IS [NOT] NULL. A NULL constant makes the comparison unknown, so nothing can match.
/// </summary>
public sealed record ZoneTerm(int ColumnOrdinal, ZoneOp Op, object? Constant = null);

/// <summary>A conjunction of terms pushed into a scan: a row group is skipped when any term cannot be true in it.</summary>
public sealed record ZonePredicate(IReadOnlyList<ZoneTerm> Terms)
{
    public static ZonePredicate Of(params ZoneTerm[] terms) => new(terms);
}
