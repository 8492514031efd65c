using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Bound;

/// <summary>The value of input column <paramref name="Ordinal"/>; <paramref name="Name"/> is for EXPLAIN only.</summary>
public sealed record BoundColumnRef(int Ordinal, SqlType Type, string Name) : BoundExpr(Type)
{
    public override IReadOnlyList<BoundExpr> Children => [];

    public override string ToString() => Name.Length > 0 ? Name : $"#{Ordinal}";
}
