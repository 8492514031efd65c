using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Tests.Planner;

public sealed class QueryFeatureTests : IDisposable
{
    private readonly SqlTestHelper _db = new();

    public QueryFeatureTests()
    {
        _db.Run("""
            create table t (a int, b text);
            insert into t values (1, 'x'), (2, 'y'), (3, null), (null, 'z');
            create table u (a int, c text);
            insert into u values (1, 'one'), (1, 'uno'), (4, 'four');
            """);
    }

    [Fact]
    public void Using_join_merges_the_join_column() =>
        Assert.Equal(["1|x|one", "1|x|uno"], _db.Rows("select * from t join u using (a) order by c"));

    [Fact]
    public void Natural_full_join_coalesces_the_common_column() =>
        Assert.Equal(["1", "1", "2", "3", "4", "NULL"], _db.Rows("select a from t natural full join u order by a"));

    [Fact]
    public void Left_join_keeps_unmatched_rows() =>
        Assert.Equal(["1|one", "1|uno", "2|NULL", "3|NULL", "NULL|NULL"], _db.Rows("select t.a, u.c from t left join u on t.a = u.a order by 1, 2"));

    [Fact]
    public void Right_join_keeps_unmatched_right_rows() =>
        Assert.Equal(["NULL|four", "1|one", "1|uno"], _db.Rows("select t.a, u.c from t right join u on t.a = u.a order by 2"));

    [Fact]
    public void Not_in_with_a_null_in_the_subquery_returns_no_rows()
    {
        _db.Run("insert into u values (null, 'nothing')");
        Assert.Empty(_db.Rows("select a from t where a not in (select a from u)"));
    }

    [Fact]
    public void Not_in_without_nulls_returns_the_missing_values() =>
        Assert.Equal(["2", "3"], _db.Rows("select a from t where a not in (select a from u where a is not null) order by a"));

    [Fact]
    public void In_inside_an_expression_is_three_valued() =>
        Assert.Equal(["1|t", "2|f", "3|f", "NULL|NULL"], _db.Rows("select a, a in (select a from u) from t order by a"));

    [Fact]
    public void Exists_correlated_becomes_a_semi_join() =>
        Assert.Equal(["1"], _db.Rows("select a from t where exists (select 1 from u where u.a = t.a)"));

    [Fact]
    public void Not_exists_correlated_becomes_an_anti_join() =>
        Assert.Equal(["2", "3", "NULL"], _db.Rows("select a from t where not exists (select 1 from u where u.a = t.a) order by a"));

    [Fact]
    public void Correlated_count_subquery_gives_zero_for_no_rows() =>
        Assert.Equal(["1|2", "2|0", "3|0", "NULL|0"], _db.Rows("select a, (select count(*) from u where u.a = t.a) from t order by a"));

    [Fact]
    public void Correlated_scalar_subquery_with_more_than_one_row_fails_with_21000() =>
        Assert.Equal(SqlState.CardinalityViolation, _db.Error("select a, (select c from u where u.a = t.a) from t").SqlState);

    [Fact]
    public void Uncorrelated_scalar_subquery_is_joined_once() =>
        Assert.Equal(["2", "3"], _db.Rows("select a from t where a > (select min(a) from u) order by a"));

    [Fact]
    public void Quantified_comparison_in_an_expression_is_null_for_a_null_operand() =>
        Assert.Equal(["1|f", "2|f", "3|f", "NULL|NULL"], _db.Rows("select a, a < all (select a from u) from t order by a"));

    [Fact]
    public void Quantified_comparison_with_a_null_in_the_subquery_is_null_instead_of_false() =>
        Assert.Equal(["1|NULL", "2|t", "3|t", "NULL|NULL"], _db.Rows("select a, a > any (select a from u union all select null) from t order by a"));

    [Fact]
    public void Any_and_all_follow_three_valued_logic()
    {
        Assert.Equal(["2", "3"], _db.Rows("select a from t where a > any (select a from u) order by a"));
        Assert.Empty(_db.Rows("select a from t where a > all (select a from u)"));
    }

    [Fact]
    public void Group_by_output_alias_and_ordinal_work() =>
        Assert.Equal(["f|1", "t|2"], _db.Rows("select a > 1 as big, count(*) from t where a is not null group by big order by 1"));

    [Fact]
    public void Having_filters_groups() =>
        Assert.Equal(["1|2"], _db.Rows("select a, count(*) from u group by a having count(*) > 1"));

    [Fact]
    public void Order_by_an_expression_not_in_the_select_list() =>
        Assert.Equal(["NULL", "y", "x", "z"], _db.Rows("select b from t order by a desc nulls last, b"));

    [Fact]
    public void Rollup_produces_subtotals_with_grouping() =>
        Assert.Equal(["1|2|0", "4|1|0", "NULL|3|1"], _db.Rows("select a, count(*), grouping(a) from u group by rollup (a) order by 3, 1"));

    [Fact]
    public void Window_functions_rank_within_partitions() =>
        Assert.Equal(["1|one|1", "1|uno|2", "4|four|1"], _db.Rows("select a, c, row_number() over (partition by a order by c) from u order by a, c"));

    [Fact]
    public void Set_operations_remove_or_keep_duplicates()
    {
        Assert.Equal(["1", "2", "3", "4", "NULL"], _db.Rows("select a from t union select a from u order by 1"));
        Assert.Equal(7, _db.Rows("select a from t union all select a from u").Count);
        Assert.Equal(["1"], _db.Rows("select a from t intersect select a from u"));
        Assert.Equal(["2", "3", "NULL"], _db.Rows("select a from t except select a from u order by 1"));
    }

    [Fact]
    public void Cte_and_view_are_expanded()
    {
        _db.Run("create view v as select a, b from t where a > 1");
        Assert.Equal(["2|y", "3|NULL"], _db.Rows("with w as (select * from v) select * from w order by a"));
    }

    [Fact]
    public void Values_and_select_without_from() =>
        Assert.Equal(["1|a", "2|b"], _db.Rows("select * from (values (1, 'a'), (2, 'b')) as v(n, s) order by n"));

    [Fact]
    public void String_literals_are_coerced_to_the_other_operand() =>
        Assert.Equal(["2"], _db.Rows("select a from t where a = '2'"));

    [Fact]
    public void Distinct_removes_duplicates() =>
        Assert.Equal(["1", "4"], _db.Rows("select distinct a from u order by a"));

    [Fact]
    public void Limit_and_offset() =>
        Assert.Equal(["2", "3"], _db.Rows("select a from t order by a limit 2 offset 1"));

    [Fact]
    public void Case_coalesce_nullif() =>
        Assert.Equal(["one|x", "other|y", "other|?", "other|z"],
            _db.Rows("select case when a = 1 then 'one' else 'other' end, coalesce(b, '?') from t order by a nulls last"));

    [Fact]
    public void Generate_series_in_from() =>
        Assert.Equal(["15"], _db.Rows("select sum(n) from generate_series(1, 5) as g(n)"));

    [Fact]
    public void Recursive_cte_iterates_until_no_new_rows() =>
        Assert.Equal(["55"], _db.Rows("with recursive r(n) as (select 1 union all select n + 1 from r where n < 10) select sum(n) from r"));

    [Fact]
    public void Recursive_cte_with_union_stops_on_repeated_rows() =>
        Assert.Equal(["0", "1", "2"], _db.Rows("with recursive r(n) as (select 0 union select (n + 1) % 3 from r) select n from r order by n"));

    [Fact]
    public void Insert_values_may_contain_scalar_subqueries()
    {
        _db.Run("insert into t values ((select max(a) from t) + 10, 'sub')");
        Assert.Equal(["13"], _db.Rows("select a from t where b = 'sub'"));
    }

    [Fact]
    public void Correlated_aggregate_with_inequality_counts_per_outer_row() =>
        Assert.Equal(["1|0", "2|2", "3|2", "NULL|0"], _db.Rows("select a, (select count(*) from u where u.a < t.a) from t order by a"));

    [Fact]
    public void Scalar_subquery_without_from_may_reference_the_outer_row() =>
        Assert.Equal(["1|43", "2|44"], _db.Rows("select a, (select 42 + t.a) from t where a < 3 order by a"));

    [Fact]
    public void Correlated_scalar_subquery_may_read_the_outer_row_in_its_select_list() =>
        Assert.Equal(["1|uno", "2|NULL", "3|NULL", "NULL|NULL"],
            _db.Rows("select a, (select c || '' from u where u.a = t.a and c like 'u%' and t.b is not null) from t order by a"));

    [Fact]
    public void Correlated_select_list_value_is_null_without_a_matching_row() =>
        Assert.Equal(["1|x", "2|NULL", "3|NULL", "NULL|NULL"],
            _db.Rows("select a, (select t.b from u where u.a = t.a and u.c = 'one') from t order by a"));

    [Fact]
    public void Union_of_untyped_nulls_is_one_text_null() =>
        Assert.Equal(["NULL"], _db.Rows("select null union select null"));

    [Fact]
    public void Window_aggregate_with_filter_skips_filtered_rows() =>
        Assert.Equal(["1|1", "1|1", "4|5"], _db.Rows("select a, sum(a) filter (where c <> 'uno') over (order by a, c rows unbounded preceding) from u order by a, 2"));

    public void Dispose() => _db.Dispose();
}
