using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class DateTimeFunctionTests
{
    private static Columnar.ColumnVector U(string unit) => Strings(SqlType.Unknown, unit);
    private static Columnar.ColumnVector Ts(params string?[] texts) => Parsed(SqlType.Timestamp, texts);
    private static Columnar.ColumnVector Dates(params string?[] texts) => Parsed(SqlType.Date, texts);
    private static Columnar.ColumnVector Iv(params string?[] texts) => Parsed(SqlType.Interval, texts);

    [Fact]
    public void Date_plus_integer_and_date_minus_date_count_days()
    {
        Assert.Equal(["1995-03-01"], CallText("+", Dates("1995-02-28"), Ints(1)));
        Assert.Equal(["1996-02-29"], CallText("+", Dates("1996-02-28"), Ints(1)));
        Assert.Equal(["365"], CallText("-", Dates("1996-01-01"), Dates("1995-01-01")));
    }

    [Fact]
    public void Date_minus_interval_is_a_timestamp_as_in_tpch_q1()
    {
        var resolved = FunctionRegistry.ResolveScalar("-", [SqlType.Date, SqlType.Interval]);
        Assert.Equal(SqlType.Timestamp, resolved.ReturnType);
        Assert.Equal(["1998-09-02 00:00:00"], CallText("-", Dates("1998-12-01"), Iv("90 days")));
    }

    [Fact]
    public void Adding_months_clamps_to_the_end_of_the_month()
    {
        Assert.Equal(["2024-02-29 00:00:00"], CallText("+", Dates("2024-01-31"), Iv("1 month")));
        Assert.Equal(["1995-01-01 00:00:00"], CallText("+", Dates("1994-01-01"), Iv("1 year")));
    }

    [Fact]
    public void Timestamp_difference_is_days_and_time()
    {
        Assert.Equal(["1 day 01:00:00"], CallText("-", Ts("2024-01-02 01:00:00"), Ts("2024-01-01 00:00:00")));
        Assert.Equal(["-00:00:01"], CallText("-", Ts("2024-01-01 00:00:00"), Ts("2024-01-01 00:00:01")));
    }

    [Fact]
    public void Interval_arithmetic_scales_and_adds()
    {
        Assert.Equal(["3 days"], CallText("*", Iv("1 day"), Ints(3)));
        Assert.Equal(["1 mon 15 days"], CallText("*", Iv("1 month"), Of<double>(SqlType.Double, 1.5)));
        Assert.Equal(["00:20:00"], CallText("/", Iv("1 hour"), Ints(3)));
        Assert.Equal(["1 day 02:00:00"], CallText("+", Iv("1 day"), Iv("2 hours")));
        Assert.Equal(["-1 days"], CallText("neg", Iv("1 day")));
    }

    [Fact]
    public void Date_part_returns_double_precision_fields()
    {
        var ts = Ts("2024-03-15 10:30:45.5");
        Assert.Equal(["2024"], CallText("date_part", U("year"), ts));
        Assert.Equal(["1"], CallText("date_part", U("quarter"), ts));
        Assert.Equal(["45.5"], CallText("date_part", U("second"), ts));
        Assert.Equal(["5"], CallText("date_part", U("dow"), ts));
        Assert.Equal(["75"], CallText("date_part", U("doy"), ts));
        Assert.Equal(["11"], CallText("date_part", U("week"), ts));
        Assert.Equal(["1710498645.5"], CallText("date_part", U("epoch"), ts));
        Assert.Equal(["21"], CallText("date_part", U("century"), ts));
        Assert.Equal(["202"], CallText("date_part", U("decade"), ts));
        Assert.Equal(["3"], CallText("date_part", U("millennium"), ts));
        Assert.Equal(["1995"], CallText("date_part", U("year"), Dates("1995-06-17")));
        Assert.Equal(["2"], CallText("date_part", U("month"), Iv("1 year 14 mons")));
    }

    [Fact]
    public void Extract_with_a_known_unit_is_numeric_and_prints_whole_years_without_decimals()
    {
        var resolved = FunctionRegistry.ResolveScalar("extract", [SqlType.Unknown, SqlType.Date], ["year", null]);
        Assert.Equal(0, resolved.ReturnType.Scale);
        var result = resolved.Kernel([U("year"), Dates("1995-06-17")], 1, Context);
        Assert.Equal(["1995"], Texts(result));
        var seconds = FunctionRegistry.ResolveScalar("extract", [SqlType.Unknown, SqlType.Timestamp], ["second", null]);
        Assert.Equal(["5.250000"], Texts(seconds.Kernel([U("second"), Ts("2024-01-01 00:00:05.25")], 1, Context)));
    }

    [Fact]
    public void Extract_without_the_unit_value_falls_back_to_double()
    {
        Assert.Equal(["1995"], CallText("extract", U("year"), Dates("1995-06-17")));
    }

    [Fact]
    public void An_unknown_unit_raises_22023()
    {
        var ex = Assert.Throws<SqlException>(() => Call("date_part", U("fortnight"), Ts("2024-01-01")));
        Assert.Equal(SqlState.InvalidParameterValue, ex.SqlState);
        Assert.Equal("unit \"fortnight\" not recognized for type timestamp without time zone", ex.Message);
    }

    [Fact]
    public void Date_trunc_truncates_to_the_start_of_the_unit()
    {
        var ts = Ts("2024-03-15 10:30:45.5");
        Assert.Equal(["2024-03-01 00:00:00"], CallText("date_trunc", U("month"), ts));
        Assert.Equal(["2024-01-01 00:00:00"], CallText("date_trunc", U("quarter"), ts));
        Assert.Equal(["2024-03-11 00:00:00"], CallText("date_trunc", U("week"), ts));
        Assert.Equal(["2024-03-15 10:00:00"], CallText("date_trunc", U("hour"), ts));
        Assert.Equal(["2001-01-01 00:00:00"], CallText("date_trunc", U("century"), ts));
    }

    [Fact]
    public void Dateadd_and_datediff_follow_redshift()
    {
        Assert.Equal(["2008-02-29 00:00:00"], CallText("dateadd", U("month"), Ints(1), Dates("2008-01-31")));
        Assert.Equal(["2024-01-01 01:30:00"], CallText("dateadd", U("minute"), Ints(90), Ts("2024-01-01")));
        Assert.Equal(["1"], CallText("datediff", U("year"), Dates("2023-12-31"), Dates("2024-01-01")));
        Assert.Equal(["12"], CallText("datediff", U("month"), Dates("2023-01-15"), Dates("2024-01-01")));
        Assert.Equal(["-2"], CallText("datediff", U("day"), Dates("2024-01-03"), Dates("2024-01-01")));
        Assert.Equal(["1"], CallText("datediff", U("week"), Dates("2024-01-07"), Dates("2024-01-08")));
    }

    [Fact]
    public void Add_months_last_day_and_months_between()
    {
        Assert.Equal(["2024-04-30 00:00:00"], CallText("add_months", Dates("2024-03-31"), Ints(1)));
        Assert.Equal(["2024-03-31 00:00:00"], CallText("add_months", Dates("2024-02-29"), Ints(1)));
        Assert.Equal(["2024-02-29"], CallText("last_day", Dates("2024-02-10")));
        Assert.Equal(["1"], CallText("months_between", Dates("2024-02-29"), Dates("2024-01-31")));
        Assert.Equal(["-1"], CallText("months_between", Dates("2024-01-15"), Dates("2024-02-15")));
    }

    [Fact]
    public void The_statement_clock_is_the_same_for_every_row()
    {
        Assert.Equal(["2024-03-15", "2024-03-15"], Texts(FunctionRegistry.ResolveScalar("current_date", []).Kernel([], 2, Context)));
        Assert.Equal(["2024-03-15 10:30:45+00"], Texts(FunctionRegistry.ResolveScalar("now", []).Kernel([], 1, Context)));
        Assert.Equal(["2024-03-15 10:30:45"], Texts(FunctionRegistry.ResolveScalar("getdate", []).Kernel([], 1, Context)));
        Assert.True(FunctionRegistry.ResolveScalar("now", []).IsStatementStable);
    }

    [Fact]
    public void To_timestamp_reads_epoch_seconds()
    {
        Assert.Equal(["2020-01-01 00:00:00.5+00"], CallText("to_timestamp", Of<double>(SqlType.Double, 1577836800.5)));
    }
}
