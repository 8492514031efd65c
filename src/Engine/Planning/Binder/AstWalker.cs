using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>Finds aggregate and window calls in expression trees of one query level (never inside subqueries).</summary>
internal static class AstWalker
{
    public static IEnumerable<Expr> Children(Expr e) => e switch
    {
        UnaryExpr u => [u.Operand],
        BinaryExpr b => [b.Left, b.Right],
        IsNullExpr n => [n.Operand],
        IsTruthExpr t => [t.Operand],
        IsDistinctFromExpr d => [d.Left, d.Right],
        BetweenExpr b => [b.Operand, b.Low, b.High],
        InListExpr i => [i.Operand, .. i.Items],
        InSubqueryExpr s => [s.Operand],
        LikeExpr l => l.Escape is null ? [l.Operand, l.Pattern] : [l.Operand, l.Pattern, l.Escape],
        QuantifiedComparisonExpr q => [q.Left],
        CaseExpr c => [.. c.Operand is null ? [] : new[] { c.Operand }, .. c.Whens.SelectMany(w => new[] { w.Condition, w.Result }), .. c.Else is null ? [] : new[] { c.Else }],
        CastExpr c => [c.Operand],
        CatalogCastExpr c => [c.Operand],
        ArrayConstructorExpr a => a.Items,
        ArrayComparisonExpr a => [a.Left, a.Array],
        ArraySubscriptExpr a => [a.Array, a.Index],
        FieldSelectExpr f => [f.Operand],
        AtTimeZoneExpr a => [a.Operand, a.Zone],
        RowExpr r => r.Items,
        ExtractExpr x => [x.Source],
        FunctionCall f => [.. f.Arguments, .. f.Filter is null ? [] : new[] { f.Filter },
            .. (f.ArgumentOrderBy ?? []).Select(o => o.Expr), .. (f.WithinGroup ?? []).Select(o => o.Expr),
            .. f.Over is null ? [] : f.Over.PartitionBy.Concat(f.Over.OrderBy.Select(o => o.Expr))],
        _ => [],
    };

    public static bool IsAggregateCall(Expr e) =>
        e is FunctionCall { Over: null } f && (f.Star || FunctionRegistry.IsAggregate(f.Name));

    public static bool IsWindowCall(Expr e) => e is FunctionCall { Over: not null };

    /// <summary>Aggregate calls of this level, outermost first (an aggregate's own arguments are not searched).</summary>
    public static void CollectAggregates(Expr e, List<FunctionCall> into)
    {
        if (IsAggregateCall(e))
        {
            into.Add((FunctionCall)e);
            return;
        }
        foreach (var child in Children(e)) CollectAggregates(child, into);
    }

    /// <summary>Window calls of this level (their arguments are not searched).</summary>
    public static void CollectWindows(Expr e, List<FunctionCall> into)
    {
        if (IsWindowCall(e))
        {
            into.Add((FunctionCall)e);
            return;
        }
        foreach (var child in Children(e)) CollectWindows(child, into);
    }

    public static bool Contains(Expr e, Func<Expr, bool> predicate)
    {
        if (predicate(e)) return true;
        foreach (var child in Children(e))
            if (Contains(child, predicate)) return true;
        return false;
    }

    public static bool ContainsSubquery(Expr e) =>
        Contains(e, x => x is ScalarSubqueryExpr or ExistsExpr or InSubqueryExpr or QuantifiedComparisonExpr or ArraySubqueryExpr);
}
