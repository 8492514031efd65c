using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Bound;

/// <summary>One <c>WHEN condition THEN result</c> arm; the condition is boolean (NULL counts as false).</summary>
public sealed record BoundWhen(BoundExpr Condition, BoundExpr Result);

/// <summary>
/// Searched CASE (a simple CASE is bound to this form). Results and <paramref name="Else"/> already have
/// <see cref="BoundExpr.Type"/>; a missing ELSE is a NULL literal. Evaluated lazily per row: an arm's result
/// must only be computed for the rows that reach it (so division by zero in an untaken arm does not fail).
/// </summary>
public sealed record BoundCase(IReadOnlyList<BoundWhen> Whens, BoundExpr Else, SqlType Type) : BoundExpr(Type)
{
    public override IReadOnlyList<BoundExpr> Children
    {
        get
        {
            var list = new List<BoundExpr>(Whens.Count * 2 + 1);
            foreach (var w in Whens)
            {
                list.Add(w.Condition);
                list.Add(w.Result);
            }
            list.Add(Else);
            return list;
        }
    }

    public override string ToString() =>
        "CASE " + string.Join(" ", Whens.Select(w => $"WHEN {w.Condition} THEN {w.Result}")) + $" ELSE {Else} END";
}

/// <summary>COALESCE: the first non-NULL argument, evaluated lazily left to right. All arguments have <paramref name="Type"/>.</summary>
public sealed record BoundCoalesce(IReadOnlyList<BoundExpr> Arguments, SqlType Type) : BoundExpr(Type)
{
    public override IReadOnlyList<BoundExpr> Children => Arguments;

    public override string ToString() => $"COALESCE({string.Join(", ", Arguments)})";
}
