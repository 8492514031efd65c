using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>Finds whether a query names a relation anywhere (FROM items, subqueries, CTEs): view dependency checks.</summary>
public static class AstReferences
{
    public static bool Mentions(Query query, string schema, string name) => InQuery(query, schema, name);

    private static bool InQuery(QueryExpr q, string schema, string name) => q switch
    {
        Query full => (full.With?.Ctes.Any(c => InQuery(c.Query, schema, name)) ?? false) || InQuery(full.Body, schema, name)
            || full.OrderBy.Any(o => InExpr(o.Expr, schema, name)),
        SelectQuery s => s.From.Any(f => InTable(f, schema, name))
            || s.Items.OfType<ExprSelectItem>().Any(i => InExpr(i.Expr, schema, name))
            || (s.Where is not null && InExpr(s.Where, schema, name))
            || (s.Having is not null && InExpr(s.Having, schema, name)),
        SetOperationQuery so => InQuery(so.Left, schema, name) || InQuery(so.Right, schema, name),
        ValuesQuery v => v.Rows.Any(r => r.Any(e => InExpr(e, schema, name))),
        _ => false,
    };

    private static bool InTable(TableRef t, string schema, string name) => t switch
    {
        NamedTableRef n => n.Name.Name == name && (n.Name.Schema is null || n.Name.Schema == schema),
        SubqueryTableRef s => InQuery(s.Query, schema, name),
        JoinTableRef j => InTable(j.Left, schema, name) || InTable(j.Right, schema, name) || (j.On is not null && InExpr(j.On, schema, name)),
        _ => false,
    };

    private static bool InExpr(Expr e, string schema, string name) => e switch
    {
        ScalarSubqueryExpr s => InQuery(s.Subquery, schema, name),
        ExistsExpr s => InQuery(s.Subquery, schema, name),
        InSubqueryExpr s => InQuery(s.Subquery, schema, name) || InExpr(s.Operand, schema, name),
        QuantifiedComparisonExpr q => InQuery(q.Subquery, schema, name) || InExpr(q.Left, schema, name),
        ArraySubqueryExpr a => InQuery(a.Subquery, schema, name),
        _ => AstWalker.Children(e).Any(c => InExpr(c, schema, name)),
    };
}
