using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>One output column of a plan node. Names are for display and result headers only; parents refer by ordinal.</summary>
public sealed record LogicalColumn(string Name, SqlType Type);

/// <summary>
/// A node of the logical plan. Immutable; every node knows its output <see cref="Schema"/>, and every
/// <c>BoundExpr</c> a node holds refers to its input(s) by column ordinal.
/// </summary>
public abstract record LogicalPlan
{
    public abstract IReadOnlyList<LogicalColumn> Schema { get; }

    public abstract IReadOnlyList<LogicalPlan> Children { get; }

    /// <summary>The same node over new children (same count, same schemas); used by optimizer rules.</summary>
    public abstract LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children);

    /// <summary>Estimated output rows (from catalog row counts), used for join ordering and build-side choice.</summary>
    public double EstimatedRows { get; init; } = -1;
}
