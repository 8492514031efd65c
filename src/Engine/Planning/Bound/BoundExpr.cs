using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Bound;

/// <summary>
/// A typed, name-free scalar expression. Columns are referenced by ordinal into the input row of
/// the plan node that evaluates the expression (for a join's residual: left columns then right columns).
/// Every implicit cast is explicit in the tree (<see cref="BoundCast"/>), so an evaluator never coerces.
/// </summary>
public abstract record BoundExpr(SqlType Type)
{
    /// <summary>Children in evaluation order (for tree walks: constant folding, column usage).</summary>
    public abstract IReadOnlyList<BoundExpr> Children { get; }

    /// <summary>Shows the expression the way EXPLAIN prints it (columns as <c>#ordinal</c> unless named).</summary>
    public abstract override string ToString();
}
