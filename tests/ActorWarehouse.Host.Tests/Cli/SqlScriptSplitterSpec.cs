using ActorWarehouse.Host.Cli;

namespace ActorWarehouse.Host.Tests.Cli;

public sealed class SqlScriptSplitterSpec
{
    [Fact]
    public void Semicolons_inside_literals_comments_and_dollar_quotes_do_not_split()
    {
        var statements = SqlScriptSplitter.Split(
            "select ';' as \"a;b\"; -- note; here\nselect 2 /* ; */; select $x$ ; $x$;\n  ;  \n-- only a comment");
        Assert.Equal(["select ';' as \"a;b\"", "-- note; here\nselect 2 /* ; */", "select $x$ ; $x$"], statements);
    }

    [Fact]
    public void A_final_statement_needs_no_semicolon() =>
        Assert.Equal(["create table t (a int)", "select 1"], SqlScriptSplitter.Split("create table t (a int);\nselect 1"));
}
