using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// A correlated reference to column <paramref name="Ordinal"/> of the enclosing query block's plan
/// (<paramref name="Depth"/> blocks out). Exists only while binding: decorrelation replaces every one before
/// a plan leaves the binder, so the executor never sees it.
/// </summary>
internal sealed record BoundOuterRef(int Depth, int Ordinal, SqlType Type, string Name) : BoundExpr(Type)
{
    public override IReadOnlyList<BoundExpr> Children => [];

    public override string ToString() => $"outer.{Name}";
}
