using ActorWarehouse.Engine.Sql.Ast;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class FunctionCallParsingTests
{
    [Theory]
    [InlineData("count(*)", "count(*)")]
    [InlineData("COUNT ( * )", "count(*)")]
    [InlineData("count(distinct a)", "count(distinct a)")]
    [InlineData("sum(all a)", "sum(a)")]
    [InlineData("coalesce(a, b, 0)", "coalesce(a b 0)")]
    [InlineData("nullif(a, 0)", "nullif(a 0)")]
    [InlineData("greatest(a, b)", "greatest(a b)")]
    [InlineData("least(a, b)", "least(a b)")]
    [InlineData("left(s, 2)", "left(s 2)")]
    [InlineData("right(s, 2)", "right(s 2)")]
    [InlineData("substring(s from 2 for 3)", "substring(s 2 3)")]
    [InlineData("substring(s from 2)", "substring(s 2)")]
    [InlineData("substring(s for 3)", "substring(s 1 3)")]
    [InlineData("substring(s, 2, 3)", "substring(s 2 3)")]
    [InlineData("position('b' in s)", "strpos(s 'b')")]
    [InlineData("trim(s)", "btrim(s)")]
    [InlineData("trim(both from s)", "btrim(s)")]
    [InlineData("trim(leading 'x' from s)", "ltrim(s 'x')")]
    [InlineData("trim(trailing from s)", "rtrim(s)")]
    [InlineData("trim('x' from s)", "btrim(s 'x')")]
    [InlineData("overlay(s placing 'ab' from 2 for 3)", "overlay(s 'ab' 2 3)")]
    [InlineData("pg_catalog.now()", "now()")]
    [InlineData("dateadd(day, 1, d)", "dateadd('day' 1 d)")]
    [InlineData("DATEDIFF(Week, a, b)", "datediff('week' a b)")]
    [InlineData("date_part(w, d)", "date_part('w' d)")]
    [InlineData("date_part('dow', d)", "date_part('dow' d)")]
    [InlineData("dateadd(\"day\", 1, d)", "dateadd(day 1 d)")]
    [InlineData("approximate count(distinct a)", "count(distinct a)")]
    public void Calls_and_special_call_syntaxes_become_function_calls(string sql, string expected)
    {
        Assert.Equal(expected, Render(Expr(sql)));
    }

    [Fact]
    public void Extract_keeps_its_field_in_lower_case()
    {
        var extract = Assert.IsType<ExtractExpr>(Expr("EXTRACT(YEAR FROM o_orderdate)"));
        Assert.Equal("year", extract.Field);
        Assert.Equal("o_orderdate", Render(extract.Source));
        Assert.Equal("epoch", Assert.IsType<ExtractExpr>(Expr("extract('epoch' from ts)")).Field);
    }

    [Fact]
    public void Aggregate_filter_and_within_group_are_attached_to_the_call()
    {
        var filtered = Assert.IsType<FunctionCall>(Expr("count(*) filter (where a > 1)"));
        Assert.True(filtered.Star);
        Assert.Equal("(> a 1)", Render(filtered.Filter!));

        var listagg = Assert.IsType<FunctionCall>(Expr("listagg(name, ',') within group (order by name desc)"));
        Assert.Equal(2, listagg.Arguments.Count);
        var order = Assert.Single(listagg.WithinGroup!);
        Assert.True(order.Descending);

        var stringAgg = Assert.IsType<FunctionCall>(Expr("string_agg(name, ',' order by name)"));
        Assert.Single(stringAgg.ArgumentOrderBy!);
    }

    [Fact]
    public void Window_functions_carry_partition_order_and_frame()
    {
        var call = Assert.IsType<FunctionCall>(Expr(
            "sum(x) over (partition by a, b order by c desc nulls last rows between unbounded preceding and current row)"));
        var over = call.Over!;
        Assert.Equal(2, over.PartitionBy.Count);
        var order = Assert.Single(over.OrderBy);
        Assert.True(order.Descending);
        Assert.False(order.NullsFirst);
        Assert.Equal(FrameUnit.Rows, over.Frame!.Unit);
        Assert.Equal(FrameBoundKind.UnboundedPreceding, over.Frame.Start.Kind);
        Assert.Equal(FrameBoundKind.CurrentRow, over.Frame.End.Kind);
    }

    [Fact]
    public void Window_frames_accept_offsets_and_the_short_form()
    {
        var frame = Assert.IsType<FunctionCall>(Expr("avg(x) over (order by d range between 3 preceding and 2 following)")).Over!.Frame!;
        Assert.Equal(FrameUnit.Range, frame.Unit);
        Assert.Equal(FrameBoundKind.Preceding, frame.Start.Kind);
        Assert.Equal("3", Render(frame.Start.Offset!));
        Assert.Equal(FrameBoundKind.Following, frame.End.Kind);

        var shortForm = Assert.IsType<FunctionCall>(Expr("sum(x) over (order by d rows 5 preceding)")).Over!.Frame!;
        Assert.Equal(FrameBoundKind.Preceding, shortForm.Start.Kind);
        Assert.Equal(FrameBoundKind.CurrentRow, shortForm.End.Kind);

        var unboundedFollowing = Assert.IsType<FunctionCall>(Expr("last_value(x) over (order by d rows between current row and unbounded following)")).Over!.Frame!;
        Assert.Equal(FrameBoundKind.UnboundedFollowing, unboundedFollowing.End.Kind);
    }

    [Fact]
    public void Named_windows_and_null_treatment_are_parsed()
    {
        var select = Select("select rank() over w, first_value(x ignore nulls) over (w order by y) from t window w as (partition by a)");
        var rank = (FunctionCall)((ExprSelectItem)select.Items[0]).Expr;
        Assert.Equal("w", rank.Over!.BaseWindow);
        var first = (FunctionCall)((ExprSelectItem)select.Items[1]).Expr;
        Assert.Equal(NullTreatment.IgnoreNulls, first.Nulls);
        Assert.Equal("w", first.Over!.BaseWindow);
        Assert.Single(first.Over.OrderBy);
        var window = Assert.Single(select.Windows);
        Assert.Equal("w", window.Name);
        Assert.Single(window.Spec.PartitionBy);

        var lag = Assert.IsType<FunctionCall>(Expr("lag(x) respect nulls over (order by y)"));
        Assert.Equal(NullTreatment.RespectNulls, lag.Nulls);
    }

    [Fact]
    public void Invalid_frame_bounds_raise_windowing_errors()
    {
        Assert.Equal("42P20", Error("select sum(x) over (rows between unbounded following and current row) from t").SqlState);
        Assert.Equal("42601", Error("select sum(x) over (rows unbounded preceding exclude others) from t").SqlState);
    }

    [Theory]
    [InlineData("no others", FrameExclusion.NoOthers)]
    [InlineData("current row", FrameExclusion.CurrentRow)]
    [InlineData("group", FrameExclusion.Group)]
    [InlineData("ties", FrameExclusion.Ties)]
    public void Frame_exclusion_is_parsed_into_the_frame(string clause, FrameExclusion expected)
    {
        var call = Assert.IsType<FunctionCall>(Expr($"sum(x) over (order by y rows between 1 preceding and 1 following exclude {clause})"));
        Assert.Equal(expected, call.Over!.Frame!.Exclusion);
    }
}
