using ActorWarehouse.Engine.Sql.Ast;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class DmlParsingTests
{
    [Fact]
    public void Insert_values_with_columns_and_default_entries()
    {
        var insert = Statement<InsertStatement>("insert into s.t (a, b) values (1, default), (2, 'x')");
        Assert.Equal("t", insert.Table.Name);
        Assert.Equal(["a", "b"], insert.Columns!);
        var values = Assert.IsType<ValuesQuery>(insert.Source!.Body);
        Assert.Equal(2, values.Rows.Count);
        Assert.IsType<DefaultValueExpr>(values.Rows[0][1]);
    }

    [Fact]
    public void Insert_from_a_query_and_default_values()
    {
        var select = Statement<InsertStatement>("insert into t select * from u where a > 1");
        Assert.Null(select.Columns);
        Assert.IsType<SelectQuery>(select.Source!.Body);
        var parenthesized = Statement<InsertStatement>("insert into t (select 1)");
        Assert.Null(parenthesized.Columns);
        Assert.NotNull(parenthesized.Source);
        Assert.Null(Statement<InsertStatement>("insert into t default values").Source);
        Assert.Equal("0A000", Error("insert into t values (1) returning a").SqlState);
    }

    [Fact]
    public void Update_with_alias_from_and_where()
    {
        var update = Statement<UpdateStatement>("update t as x set a = a + 1, b = default from u where x.id = u.id");
        Assert.Equal("x", update.Alias);
        Assert.Equal(2, update.Assignments.Count);
        Assert.Equal("a", update.Assignments[0].Column);
        Assert.Equal("(+ a 1)", Render(update.Assignments[0].Value));
        Assert.IsType<DefaultValueExpr>(update.Assignments[1].Value);
        Assert.Single(update.From);
        Assert.NotNull(update.Where);

        var noAlias = Statement<UpdateStatement>("update t set a = 1");
        Assert.Null(noAlias.Alias);
        Assert.Null(noAlias.Where);
    }

    [Fact]
    public void Delete_with_using_and_where()
    {
        var delete = Statement<DeleteStatement>("delete from t x using u, v where x.a = u.a");
        Assert.Equal("x", delete.Alias);
        Assert.Equal(2, delete.Using.Count);
        Assert.NotNull(delete.Where);
        Assert.Null(Statement<DeleteStatement>("delete t").Where);
    }

    [Fact]
    public void Truncate_with_or_without_table_keyword()
    {
        Assert.Equal("t", Assert.Single(Statement<TruncateStatement>("truncate table t").Tables).Name);
        Assert.Equal(2, Statement<TruncateStatement>("truncate a, b").Tables.Count);
    }
}
