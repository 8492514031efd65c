using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

/// <summary>Syntax errors carry PostgreSQL's wording, SQLSTATE 42601 and a 1-based position.</summary>
public sealed class SyntaxErrorTests
{
    [Theory]
    [InlineData("select * form t", "syntax error at or near \"form\"", 10)]
    [InlineData("select a form t", "syntax error at or near \"t\"", 15)]
    [InlineData("select a from t where", "syntax error at end of input", 22)]
    [InlineData("select 1 +", "syntax error at end of input", 11)]
    [InlineData("select a, from t", "syntax error at or near \"from\"", 11)]
    [InlineData("SELECT a FROM FROM t", "syntax error at or near \"FROM\"", 15)]
    [InlineData("selec 1", "syntax error at or near \"selec\"", 1)]
    [InlineData("select (1", "syntax error at end of input", 10)]
    [InlineData("select 1; selec 2", "syntax error at or near \"selec\"", 11)]
    [InlineData("select a = b = c", "syntax error at or near \"=\"", 14)]
    [InlineData("select case end", "syntax error at or near \"end\"", 13)]
    [InlineData("select 1 2", "syntax error at or near \"2\"", 10)]
    [InlineData("insert into t values (1", "syntax error at end of input", 24)]
    [InlineData("create table t (a int", "syntax error at end of input", 22)]
    [InlineData("select a from t order by", "syntax error at end of input", 25)]
    [InlineData("select 1 from t where a in 3", "syntax error at or near \"3\"", 28)]
    [InlineData("select cast(1 as) from t", "syntax error at or near \")\"", 17)]
    public void Errors_report_the_offending_token_and_its_position(string sql, string message, int position)
    {
        var e = Error(sql);
        Assert.Equal(SqlState.SyntaxError, e.SqlState);
        Assert.Equal(message, e.Message);
        Assert.Equal(position, e.Position);
    }

    [Fact]
    public void Lexical_errors_point_at_the_opening_quote_or_comment()
    {
        var quote = Error("select 'abc");
        Assert.Equal(SqlState.SyntaxError, quote.SqlState);
        Assert.Equal("unterminated quoted string at or near \"'abc\"", quote.Message);
        Assert.Equal(8, quote.Position);

        var comment = Error("select 1 /* open /* nested */");
        Assert.StartsWith("unterminated /* comment", comment.Message);
        Assert.Equal(10, comment.Position);

        Assert.StartsWith("unterminated quoted identifier", Error("select \"abc").Message);
        Assert.StartsWith("zero-length delimited identifier", Error("select \"\" from t").Message);
        Assert.StartsWith("unterminated dollar-quoted string", Error("select $$abc").Message);
    }

    [Fact]
    public void Comments_are_ignored_wherever_they_appear()
    {
        var statements = SqlParser.Parse("select /* a /* nested */ comment */ 1 -- trailing\n + 2 /**/");
        Assert.Equal("(+ 1 2)", Render(((ExprSelectItem)((SelectQuery)((SelectStatement)statements[0]).Query.Body).Items[0]).Expr));
    }

    [Fact]
    public void Unsupported_statements_raise_0A000_with_a_position()
    {
        var e = Error("select 1; unload ('select 1') to 's3://b/p' iam_role default");
        Assert.Equal(SqlState.FeatureNotSupported, e.SqlState);
        Assert.Equal(11, e.Position);
        Assert.Equal("0A000", Error("merge into t using s on t.a = s.a when matched then delete").SqlState);
    }

    [Fact]
    public void Long_identifiers_are_truncated_to_127_bytes()
    {
        string longName = new('a', 200);
        var column = Assert.IsType<ColumnRef>(SqlParser.ParseExpression(longName));
        Assert.Equal(new string('a', 127), column.Name);

        string multiByte = new('é', 100); // 2 bytes each
        var quoted = Assert.IsType<ColumnRef>(SqlParser.ParseExpression("\"" + multiByte + "\""));
        Assert.Equal(new string('é', 63), quoted.Name);
    }

    [Fact]
    public void Unknown_operators_raise_undefined_function()
    {
        Assert.Equal(SqlState.UndefinedFunction, Error("select 1 @@ 2").SqlState);
    }

    [Fact]
    public void Parameters_must_be_positive()
    {
        Assert.Equal(SqlState.UndefinedParameter, Error("select $0").SqlState);
    }
}
