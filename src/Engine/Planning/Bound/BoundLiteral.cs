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

    public override string ToString() => Value switch
    {
        null => "NULL",
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'::{Type}",
        bool b => b ? "true" : "false",
        _ => $"{Value}::{Type}",
    };

    public static BoundLiteral Null(SqlType type) => new(null, type);
    public static BoundLiteral Bool(bool value) => new(value, SqlType.Boolean);
}
