using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;

namespace ActorWarehouse.Engine.Tests.Sql;

/// <summary>Small helpers that parse one statement, query or expression and cast to the expected node.</summary>
internal static class ParseHelpers
{
    public static T Statement<T>(string sql) where T : Statement => Assert.IsType<T>(SqlParser.ParseSingle(sql));

    public static Query Query(string sql) => Statement<SelectStatement>(sql).Query;

    public static SelectQuery Select(string sql) => Assert.IsType<SelectQuery>(Query(sql).Body);

    public static Expr Expr(string sql) => SqlParser.ParseExpression(sql);

    /// <summary>The single select item's expression of <c>SELECT expr</c>.</summary>
    public static Expr SelectExpr(string expression) =>
        Assert.IsType<ExprSelectItem>(Assert.Single(Select("SELECT " + expression).Items)).Expr;

    public static SqlException Error(string sql) => Assert.Throws<SqlException>(() => SqlParser.Parse(sql));

    /// <summary>A compact prefix rendering of an expression tree, for precedence assertions.</summary>
    public static string Render(Expr e) => e switch
    {
        BinaryExpr b => $"({b.Operator.Symbol()} {Render(b.Left)} {Render(b.Right)})",
        UnaryExpr u => $"({u.Operator.ToString().ToLowerInvariant()} {Render(u.Operand)})",
        ColumnRef c => c.ToString(),
        IntegerLiteral i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        NumericLiteral n => n.Text,
        FloatLiteral f => f.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        StringLiteral s => $"'{s.Value}'",
        BooleanLiteral b => b.Value ? "true" : "false",
        NullLiteral => "null",
        IsNullExpr n => $"({(n.Negated ? "isnotnull" : "isnull")} {Render(n.Operand)})",
        IsTruthExpr t => $"(is{(t.Negated ? "not" : "")}{t.Value.ToString().ToLowerInvariant()} {Render(t.Operand)})",
        IsDistinctFromExpr d => $"({(d.Negated ? "notdistinct" : "distinct")} {Render(d.Left)} {Render(d.Right)})",
        BetweenExpr b => $"({(b.Negated ? "notbetween" : "between")}{(b.Symmetric ? "sym" : "")} {Render(b.Operand)} {Render(b.Low)} {Render(b.High)})",
        InListExpr i => $"({(i.Negated ? "notin" : "in")} {Render(i.Operand)} [{string.Join(" ", i.Items.Select(Render))}])",
        InSubqueryExpr i => $"({(i.Negated ? "notin" : "in")} {Render(i.Operand)} subquery)",
        LikeExpr l => $"({(l.Negated ? "not" : "")}{l.Kind.ToString().ToLowerInvariant()} {Render(l.Operand)} {Render(l.Pattern)}{(l.Escape is null ? "" : " " + Render(l.Escape))})",
        CastExpr c => $"(cast {Render(c.Operand)} {c.Type})",
        FunctionCall f => $"{f.Name}({(f.Distinct ? "distinct " : "")}{(f.Star ? "*" : string.Join(" ", f.Arguments.Select(Render)))})",
        RowExpr r => $"(row {string.Join(" ", r.Items.Select(Render))})",
        ParameterRef p => $"${p.Index}",
        AtTimeZoneExpr a => $"(attimezone {Render(a.Operand)} {Render(a.Zone)})",
        _ => e.GetType().Name,
    };
}
