using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Bound;

/// <summary>A statement parameter <c>$n</c> (1-based <paramref name="Index"/>), supplied at execution.</summary>
public sealed record BoundParameter(int Index, SqlType Type) : BoundExpr(Type)
{
    public override IReadOnlyList<BoundExpr> Children => [];

    public override string ToString() => $"${Index}";
}
