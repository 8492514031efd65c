using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Bound;

/// <summary>Three-valued AND over two or more boolean terms (FALSE wins over NULL).</summary>
public sealed record BoundAnd(IReadOnlyList<BoundExpr> Terms) : BoundExpr(SqlType.Boolean)
{
    public override IReadOnlyList<BoundExpr> Children => Terms;

    public override string ToString() => "(" + string.Join(" AND ", Terms) + ")";
}

/// <summary>Three-valued OR over two or more boolean terms (TRUE wins over NULL).</summary>
public sealed record BoundOr(IReadOnlyList<BoundExpr> Terms) : BoundExpr(SqlType.Boolean)
{
    public override IReadOnlyList<BoundExpr> Children => Terms;

    public override string ToString() => "(" + string.Join(" OR ", Terms) + ")";
}

/// <summary>Three-valued NOT (NOT NULL is NULL).</summary>
public sealed record BoundNot(BoundExpr Input) : BoundExpr(SqlType.Boolean)
{
    public override IReadOnlyList<BoundExpr> Children => [Input];

    public override string ToString() => $"(NOT {Input})";
}

/// <summary><c>Input IS NULL</c>, or <c>IS NOT NULL</c> when <paramref name="Negated"/>; never NULL itself.</summary>
public sealed record BoundIsNull(BoundExpr Input, bool Negated) : BoundExpr(SqlType.Boolean)
{
    public override IReadOnlyList<BoundExpr> Children => [Input];

    public override string ToString() => Negated ? $"({Input} IS NOT NULL)" : $"({Input} IS NULL)";
}

/// <summary>
/// <c>Left IS DISTINCT FROM Right</c> (or NOT DISTINCT when <paramref name="Negated"/>): equality where
/// NULL equals NULL; never NULL itself. Both sides have the same type.
/// </summary>
public sealed record BoundIsDistinctFrom(BoundExpr Left, BoundExpr Right, bool Negated) : BoundExpr(SqlType.Boolean)
{
    public override IReadOnlyList<BoundExpr> Children => [Left, Right];

    public override string ToString() => $"({Left} IS {(Negated ? "NOT " : "")}DISTINCT FROM {Right})";
}
