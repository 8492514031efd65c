using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Bound;

/// <summary>
/// <c>Input [NOT] IN (List...)</c> with SQL NULL semantics: TRUE on a match; otherwise NULL when the input
/// or any list item is NULL; otherwise FALSE (NOT IN negates that three-valued result). Input and items
/// share one type (the binder inserted the casts), so equality is equality of physical values
/// (strings ordinal; decimals at the same scale).
/// </summary>
public sealed record BoundInList(BoundExpr Input, IReadOnlyList<BoundExpr> List, bool Negated) : BoundExpr(SqlType.Boolean)
{
    public override IReadOnlyList<BoundExpr> Children => [Input, .. List];

    public override string ToString() => $"({Input} {(Negated ? "NOT IN" : "IN")} ({string.Join(", ", List)}))";
}
