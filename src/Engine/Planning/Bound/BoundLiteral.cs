using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Bound;

/// <summary>
/// A constant in its physical representation (int for INTEGER/DATE, long for BIGINT/TIMESTAMP/DECIMAL(p≤18)
/// scaled, string for text, ...). <see cref="Value"/> null is SQL NULL of <see cref="BoundExpr.Type"/>.
/// </summary>
public sealed record BoundLiteral(object? Value, SqlType Type) : BoundExpr(Type)
{
    public bool IsNull => Value is null;

    public override IReadOnlyList<BoundExpr> Children => [];

    /// <summary>
    /// SQL text as PostgreSQL's EXPLAIN shows constants: numbers plain in their user-visible form
    /// (a DECIMAL's scaled integer is never shown raw), everything else quoted with its type.
    /// </summary>
    public override string ToString() => Value switch
    {
        null => "NULL",
        bool b => b ? "true" : "false",
        _ when Type.IsNumeric => ValueFormatter.Format(Value, Type) ?? "NULL",
        _ => $"'{(ValueFormatter.Format(Value, Type) ?? "").Replace("'", "''", StringComparison.Ordinal)}'::{Type}",
    };

    public static BoundLiteral Null(SqlType type) => new(null, type);
    public static BoundLiteral Bool(bool value) => new(value, SqlType.Boolean);
}
