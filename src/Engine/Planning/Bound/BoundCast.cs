using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Bound;

/// <summary>Converts <paramref name="Input"/> to <paramref name="Type"/> with <c>Casts.Cast</c> (22xxx on bad data).</summary>
public sealed record BoundCast(BoundExpr Input, SqlType Type, bool IsExplicit) : BoundExpr(Type)
{
    public override IReadOnlyList<BoundExpr> Children => [Input];

    public override string ToString() => $"({Input})::{Type}";
}
