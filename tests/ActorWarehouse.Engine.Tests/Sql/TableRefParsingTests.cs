using ActorWarehouse.Engine.Sql.Ast;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class TableRefParsingTests
{
    [Fact]
    public void Tables_take_schema_qualification_aliases_and_column_aliases()
    {
        var from = Select("select * from db.s.t as x (a, b), s.u y, v").From;
        var first = Assert.IsType<NamedTableRef>(from[0]);
        Assert.Equal("db", first.Name.Database);
        Assert.Equal("s", first.Name.Schema);
        Assert.Equal("t", first.Name.Name);
        Assert.Equal("x", first.Alias!.Name);
        Assert.Equal(["a", "b"], first.Alias.Columns!);
        Assert.Equal("y", ((NamedTableRef)from[1]).Alias!.Name);
        Assert.Null(((NamedTableRef)from[2]).Alias);
    }

    [Fact]
    public void Derived_tables_and_values_lists_take_aliases()
    {
        var from = Select("select * from (select 1, 2) as q (a, b), (values (1), (2)) v (n)").From;
        var q = Assert.IsType<SubqueryTableRef>(from[0]);
        Assert.Equal(["a", "b"], q.Alias!.Columns!);
        var v = Assert.IsType<SubqueryTableRef>(from[1]);
        Assert.IsType<ValuesQuery>(v.Query.Body);
        Assert.Equal("v", v.Alias!.Name);
    }

    [Theory]
    [InlineData("join", JoinKind.Inner)]
    [InlineData("inner join", JoinKind.Inner)]
    [InlineData("left join", JoinKind.Left)]
    [InlineData("left outer join", JoinKind.Left)]
    [InlineData("right outer join", JoinKind.Right)]
    [InlineData("full join", JoinKind.Full)]
    [InlineData("full outer join", JoinKind.Full)]
    public void Qualified_joins_get_their_kind_and_condition(string keywords, JoinKind kind)
    {
        var join = Assert.IsType<JoinTableRef>(Assert.Single(Select($"select * from a {keywords} b on a.x = b.x").From));
        Assert.Equal(kind, join.Kind);
        Assert.Equal("(= a.x b.x)", Render(join.On!));
    }

    [Fact]
    public void Cross_natural_and_using_joins_are_parsed()
    {
        var cross = Assert.IsType<JoinTableRef>(Assert.Single(Select("select * from a cross join b").From));
        Assert.Equal(JoinKind.Cross, cross.Kind);
        Assert.Null(cross.On);
        var natural = Assert.IsType<JoinTableRef>(Assert.Single(Select("select * from a natural left join b").From));
        Assert.True(natural.Natural);
        Assert.Equal(JoinKind.Left, natural.Kind);
        var usingJoin = Assert.IsType<JoinTableRef>(Assert.Single(Select("select * from a join b using (x, y)").From));
        Assert.Equal(["x", "y"], usingJoin.Using!);
    }

    [Fact]
    public void Joins_are_left_associative()
    {
        var outer = Assert.IsType<JoinTableRef>(Assert.Single(Select("select * from a join b on p left join c on q").From));
        Assert.Equal(JoinKind.Left, outer.Kind);
        Assert.IsType<JoinTableRef>(outer.Left);
        Assert.IsType<NamedTableRef>(outer.Right);
    }

    [Fact]
    public void Nested_join_conditions_bind_the_right_side_first()
    {
        var outer = Assert.IsType<JoinTableRef>(Assert.Single(Select("select * from a join b join c on q on p").From));
        Assert.Equal("p", Render(outer.On!));
        Assert.IsType<NamedTableRef>(outer.Left);
        Assert.Equal("q", Render(Assert.IsType<JoinTableRef>(outer.Right).On!));
    }

    [Fact]
    public void Parenthesized_joins_may_carry_an_alias()
    {
        var join = Assert.IsType<JoinTableRef>(Assert.Single(Select("select * from (a join b on p) as j").From));
        Assert.Equal("j", join.Alias!.Name);
        var outer = Assert.IsType<JoinTableRef>(Assert.Single(Select("select * from x left join (a cross join b) on true").From));
        Assert.Equal(JoinKind.Cross, Assert.IsType<JoinTableRef>(outer.Right).Kind);
        var subqueryJoin = Assert.IsType<JoinTableRef>(Assert.Single(Select("select * from ((select 1) s join t on true)").From));
        Assert.IsType<SubqueryTableRef>(subqueryJoin.Left);
    }

    [Fact]
    public void Comma_joins_are_separate_from_items()
    {
        Assert.Equal(3, Select("select * from a, b join c on p, d").From.Count);
    }

    [Fact]
    public void Table_functions_and_lateral_subqueries_are_parsed()
    {
        var function = Assert.IsType<FunctionTableRef>(Assert.Single(Select("select * from generate_series(1, 3) as g(n)").From));
        Assert.Equal("generate_series", function.Call.Name);
        Assert.Equal(["n"], function.Alias!.Columns!);
        var lateral = Assert.IsType<SubqueryTableRef>(Select("select * from t, lateral (select t.a) l").From[1]);
        Assert.True(lateral.Lateral);
    }

    [Fact]
    public void Reserved_words_cannot_be_bare_aliases_but_quoted_ones_can()
    {
        Assert.Equal("42601", Error("select * from t select").SqlState);
        Assert.Equal("Select", ((NamedTableRef)Select("select * from t \"Select\"").From[0]).Alias!.Name);
    }
}
