using System.Globalization;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// Prints a syntax-tree expression back to SQL (column DEFAULT expressions are stored as text in the catalog).
/// Covers the forms a DEFAULT uses: literals, casts, operators, function calls, CASE, current values.
/// </summary>
public static class ExprPrinter
{
    public static string ToSql(Expr e) => e switch
    {
        NullLiteral => "NULL",
        BooleanLiteral b => b.Value ? "true" : "false",
        IntegerLiteral i => i.Value.ToString(CultureInfo.InvariantCulture),
        NumericLiteral n => n.Text,
        FloatLiteral f => f.Value.ToString("R", CultureInfo.InvariantCulture) + (f.Value.ToString("R", CultureInfo.InvariantCulture).Contains('E') ? "" : "e0"),
        StringLiteral s => Quote(s.Value),
        TypedLiteral t => $"CAST({Quote(t.Text)} AS {t.Type})",
        IntervalLiteral iv => $"interval {Quote(iv.Text)}",
        ColumnRef c => string.Join('.', c.Parts.Select(QuoteIdent)),
        UnaryExpr u => u.Operator switch
        {
            UnaryOperator.Negate => $"(-{ToSql(u.Operand)})",
            UnaryOperator.Plus => ToSql(u.Operand),
            _ => $"(NOT {ToSql(u.Operand)})",
        },
        BinaryExpr b => $"({ToSql(b.Left)} {b.Operator.Symbol()} {ToSql(b.Right)})",
        CastExpr c => $"CAST({ToSql(c.Operand)} AS {c.Type})",
        IsNullExpr n => $"({ToSql(n.Operand)} IS {(n.Negated ? "NOT " : "")}NULL)",
        CaseExpr c => "CASE" + (c.Operand is null ? "" : " " + ToSql(c.Operand))
            + string.Concat(c.Whens.Select(w => $" WHEN {ToSql(w.Condition)} THEN {ToSql(w.Result)}"))
            + (c.Else is null ? "" : $" ELSE {ToSql(c.Else)}") + " END",
        FunctionCall f when f.Over is null && !f.Distinct && f.Filter is null =>
            $"{f.Name}({(f.Star ? "*" : string.Join(", ", f.Arguments.Select(ToSql)))})",
        CurrentValueExpr c => c.Kind switch
        {
            CurrentValueKind.CurrentDate => "CURRENT_DATE",
            CurrentValueKind.CurrentTimestamp => "CURRENT_TIMESTAMP",
            CurrentValueKind.LocalTimestamp => "LOCALTIMESTAMP",
            CurrentValueKind.SysDate => "SYSDATE",
            CurrentValueKind.CurrentSchema => "CURRENT_SCHEMA",
            CurrentValueKind.CurrentDatabase => "CURRENT_DATABASE",
            CurrentValueKind.SessionUser => "SESSION_USER",
            _ => "CURRENT_USER",
        },
        _ => throw new SqlException(SqlState.FeatureNotSupported, "this DEFAULT expression form is not supported", e.Position + 1),
    };

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string QuoteIdent(string s) => s.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_') ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
