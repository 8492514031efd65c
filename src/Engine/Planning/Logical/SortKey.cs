using ActorWarehouse.Engine.Planning.Bound;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>
/// One ORDER BY key. <paramref name="NullsFirst"/> is explicit (PostgreSQL default: NULLS LAST for ASC,
/// NULLS FIRST for DESC — the binder fills it in).
/// </summary>
public sealed record SortKey(BoundExpr Expression, bool Descending, bool NullsFirst)
{
    public override string ToString() => $"{Expression}{(Descending ? " DESC" : "")}{(NullsFirst ? " NULLS FIRST" : " NULLS LAST")}";
}
