using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class SelectParsingTests
{
    [Fact]
    public void Select_items_take_aliases_with_or_without_as_and_stars()
    {
        var select = Select("select a, b as \"Bee\", c cee, *, t.*, s.t.* from t");
        Assert.Equal(6, select.Items.Count);
        Assert.Null(((ExprSelectItem)select.Items[0]).Alias);
        Assert.Equal("Bee", ((ExprSelectItem)select.Items[1]).Alias);
        Assert.Equal("cee", ((ExprSelectItem)select.Items[2]).Alias);
        Assert.Null(((StarSelectItem)select.Items[3]).Qualifier);
        Assert.Equal(["t"], ((StarSelectItem)select.Items[4]).Qualifier!);
        Assert.Equal(["s", "t"], ((StarSelectItem)select.Items[5]).Qualifier!);
    }

    [Fact]
    public void Keywords_are_accepted_as_aliases_after_as()
    {
        var select = Select("select 1 as from, 2 as select");
        Assert.Equal("from", ((ExprSelectItem)select.Items[0]).Alias);
        Assert.Equal("select", ((ExprSelectItem)select.Items[1]).Alias);
    }

    [Fact]
    public void Distinct_and_all_are_recorded()
    {
        Assert.True(Select("select distinct a from t").Distinct);
        Assert.False(Select("select all a from t").Distinct);
        Assert.Equal("0A000", Error("select distinct on (a) a from t").SqlState);
    }

    [Fact]
    public void Where_group_by_having_are_parsed()
    {
        var select = Select("select a, count(*) from t where b > 1 group by a, 2 having count(*) > 3");
        Assert.Equal("(> b 1)", Render(select.Where!));
        Assert.Equal(2, select.GroupBy.Count);
        Assert.Equal("2", Render(((ExprGrouping)select.GroupBy[1]).Expr));
        Assert.Equal("(> count(*) 3)", Render(select.Having!));
    }

    [Fact]
    public void Grouping_sets_rollup_cube_and_empty_sets_are_parsed()
    {
        var select = Select("select a, b from t group by grouping sets ((a, b), a, ()), rollup (a, (b, c)), cube (a, b), ()");
        var sets = Assert.IsType<GroupingSetsGrouping>(select.GroupBy[0]);
        Assert.Equal(3, sets.Sets.Count);
        Assert.IsType<RowExpr>(((ExprGrouping)sets.Sets[0]).Expr);
        Assert.IsType<EmptyGrouping>(sets.Sets[2]);
        var rollup = Assert.IsType<RollupGrouping>(select.GroupBy[1]);
        Assert.Equal(2, rollup.Elements.Count);
        Assert.Equal(2, rollup.Elements[1].Count);
        Assert.Equal(2, Assert.IsType<CubeGrouping>(select.GroupBy[2]).Elements.Count);
        Assert.IsType<EmptyGrouping>(select.GroupBy[3]);
    }

    [Fact]
    public void A_parenthesized_plain_group_by_list_groups_by_each_item()
    {
        Assert.Equal(2, Select("select a, b from t group by (a, b)").GroupBy.Count);
    }

    [Fact]
    public void Order_by_limit_and_offset_are_on_the_query()
    {
        var query = Query("select a from t order by a desc nulls first, 2 asc, b limit 10 offset 5");
        Assert.Equal(3, query.OrderBy.Count);
        Assert.True(query.OrderBy[0].Descending);
        Assert.True(query.OrderBy[0].NullsFirst);
        Assert.False(query.OrderBy[1].Descending);
        Assert.Null(query.OrderBy[2].NullsFirst);
        Assert.Equal("10", Render(query.Limit!));
        Assert.Equal("5", Render(query.Offset!));
    }

    [Fact]
    public void Limit_all_offset_rows_and_fetch_first_are_accepted()
    {
        var all = Query("select a from t limit all offset 3 rows");
        Assert.Null(all.Limit);
        Assert.Equal("3", Render(all.Offset!));
        Assert.Equal("7", Render(Query("select a from t offset 1 row fetch first 7 rows only").Limit!));
        Assert.Equal("1", Render(Query("select a from t fetch next row only").Limit!));
        Assert.Equal("0A000", Error("select a from t limit 1, 2").SqlState);
    }

    [Fact]
    public void Top_becomes_a_limit_applied_after_order_by()
    {
        var query = Query("select top 5 a from t order by a");
        Assert.IsType<SelectQuery>(query.Body);
        Assert.Equal("5", Render(query.Limit!));
        Assert.Single(query.OrderBy);
        Assert.Equal("3", Render(Query("select distinct top 3 a from t").Limit!));
        Assert.Null(Query("select dept, top from t where top > 1").Limit);
    }

    [Fact]
    public void Row_locking_clauses_are_not_supported()
    {
        Assert.Equal("0A000", Error("select a from t for update").SqlState);
        Assert.Equal("0A000", Error("select a from t qualify row_number() over (order by a) = 1").SqlState);
    }

    [Fact]
    public void Intersect_binds_tighter_than_union_and_except()
    {
        var body = Assert.IsType<SetOperationQuery>(Query("select 1 union select 2 intersect select 3 except all select 4").Body);
        Assert.Equal(SetOperator.Except, body.Operator);
        Assert.True(body.All);
        var union = Assert.IsType<SetOperationQuery>(body.Left);
        Assert.Equal(SetOperator.Union, union.Operator);
        Assert.False(union.All);
        Assert.Equal(SetOperator.Intersect, Assert.IsType<SetOperationQuery>(union.Right).Operator);
    }

    [Fact]
    public void Minus_is_except_and_union_distinct_is_not_all()
    {
        var minus = Assert.IsType<SetOperationQuery>(Query("select 1 minus select 2").Body);
        Assert.Equal(SetOperator.Except, minus.Operator);
        Assert.False(Assert.IsType<SetOperationQuery>(Query("select 1 union distinct select 2").Body).All);
    }

    [Fact]
    public void Parenthesized_queries_keep_their_own_order_and_limit()
    {
        var query = Query("(select a from t order by a limit 1) union all (select b from u) order by 1");
        var union = Assert.IsType<SetOperationQuery>(query.Body);
        var left = Assert.IsType<Query>(union.Left);
        Assert.Single(left.OrderBy);
        Assert.NotNull(left.Limit);
        Assert.IsType<SelectQuery>(union.Right);
        Assert.Single(query.OrderBy);
        Assert.IsType<SelectQuery>(Query("((select 1))").Body);
    }

    [Fact]
    public void With_recursive_ctes_with_column_lists_and_materialized_hints()
    {
        var query = Query("with recursive r (n) as (select 1 union all select n + 1 from r where n < 5), m as materialized (select 2), nm as not materialized (select 3) select * from r");
        Assert.True(query.With!.Recursive);
        Assert.Equal(3, query.With.Ctes.Count);
        Assert.Equal(["n"], query.With.Ctes[0].Columns!);
        Assert.IsType<SetOperationQuery>(query.With.Ctes[0].Query.Body);
        Assert.True(query.With.Ctes[1].Materialized);
        Assert.False(query.With.Ctes[2].Materialized);
        Assert.Null(query.With.Ctes[0].Materialized);
    }

    [Fact]
    public void Values_and_table_statements_are_queries()
    {
        var values = Assert.IsType<ValuesQuery>(Query("values (1, 'a'), (2, 'b')").Body);
        Assert.Equal(2, values.Rows.Count);
        Assert.Equal(2, values.Rows[1].Count);
        var table = Assert.IsType<SelectQuery>(Query("table s.t").Body);
        Assert.IsType<StarSelectItem>(Assert.Single(table.Items));
        Assert.Equal("s.t", ((NamedTableRef)Assert.Single(table.From)).Name.ToString());
        Assert.Equal("42601", Error("values (1, 2), (3)").SqlState);
    }

    [Fact]
    public void Select_without_from_and_with_empty_list_parse()
    {
        Assert.Empty(Select("select 1 + 1").From);
        Assert.Empty(Select("select from t").Items);
    }

    [Fact]
    public void Select_into_becomes_create_table_as()
    {
        var ctas = Statement<CreateTableAsStatement>("select a, b into temp newt from t where a > 1");
        Assert.Equal("newt", ctas.Name.Name);
        Assert.True(ctas.Temporary);
        Assert.NotNull(((SelectQuery)ctas.Query.Body).Where);
        Assert.Equal("42601", Error("select * from (select a into x from t) s").SqlState);
    }

    [Fact]
    public void Statement_positions_and_lengths_cover_each_statements_text()
    {
        string sql = "  select 1 ;\n-- comment\nselect  2+3;;";
        var statements = SqlParser.Parse(sql);
        Assert.Equal(2, statements.Count);
        Assert.Equal("select 1", sql.Substring(statements[0].Position, statements[0].Length));
        Assert.Equal("select  2+3", sql.Substring(statements[1].Position, statements[1].Length));
        Assert.Empty(SqlParser.Parse(" ; -- nothing\n ;"));
    }

    [Fact]
    public void Node_positions_are_zero_based_offsets()
    {
        var select = Select("select a + b from t");
        var plus = Assert.IsType<BinaryExpr>(((ExprSelectItem)select.Items[0]).Expr);
        Assert.Equal(9, plus.Position);
        Assert.Equal(7, plus.Left.Position);
        Assert.Equal(18, select.From[0].Position);
    }
}
