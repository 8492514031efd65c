namespace ActorWarehouse.Engine.Planning.Logical;

public enum SetOperationKind { Union, Intersect, Except }

/// <summary>
/// UNION / INTERSECT / EXCEPT [ALL]. Both inputs have the same column count and types (the binder casts);
/// output names come from the left. Without ALL the result has no duplicates; with ALL, INTERSECT keeps
/// min(m, n) copies and EXCEPT max(m - n, 0). Rows compare with NULLs equal.
/// </summary>
public sealed record LogicalSetOperation(SetOperationKind Kind, bool All, LogicalPlan Left, LogicalPlan Right) : LogicalPlan
{
    public override IReadOnlyList<LogicalColumn> Schema => Left.Schema;

    public override IReadOnlyList<LogicalPlan> Children => [Left, Right];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Left = children[0], Right = children[1] };
}
