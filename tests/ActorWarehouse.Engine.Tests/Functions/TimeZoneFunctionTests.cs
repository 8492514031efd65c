using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class TimeZoneFunctionTests
{
    private static Columnar.ColumnVector S(string text) => Strings(SqlType.Unknown, text);

    [Fact]
    public void Timestamp_at_time_zone_reads_the_wall_clock_in_that_zone()
    {
        Assert.Equal(["2024-01-01 17:00:00+00"], CallText("timezone", S("America/New_York"), Parsed(SqlType.Timestamp, "2024-01-01 12:00:00")));
        Assert.Equal(["2024-07-01 16:00:00+00"], CallText("timezone", S("America/New_York"), Parsed(SqlType.Timestamp, "2024-07-01 12:00:00")));
    }

    [Fact]
    public void Timestamptz_at_time_zone_gives_the_local_wall_clock()
    {
        Assert.Equal(["2024-01-01 21:00:00"], CallText("timezone", S("+09:00"), Parsed(SqlType.TimestampTz, "2024-01-01 12:00:00+00")));
        Assert.Equal(["2024-01-01 09:00:00"], CallText("timezone", S("UTC+3"), Parsed(SqlType.TimestampTz, "2024-01-01 12:00:00+00")));
    }

    [Fact]
    public void Convert_timezone_moves_between_zones()
    {
        Assert.Equal(["2024-01-01 04:00:00"], CallText("convert_timezone", S("UTC"), S("PST"), Parsed(SqlType.Timestamp, "2024-01-01 12:00:00")));
        Assert.Equal(["2024-01-01 04:00:00"], CallText("convert_timezone", S("PST"), Parsed(SqlType.Timestamp, "2024-01-01 12:00:00")));
    }

    [Fact]
    public void An_unknown_zone_raises_22023()
    {
        var ex = Assert.Throws<SqlException>(() => Call("timezone", S("Mars/Olympus"), Parsed(SqlType.Timestamp, "2024-01-01")));
        Assert.Equal(SqlState.InvalidParameterValue, ex.SqlState);
        Assert.Equal("time zone \"Mars/Olympus\" not recognized", ex.Message);
    }

    [Fact]
    public void Age_counts_years_months_and_days()
    {
        Assert.Equal(["43 years 9 mons 27 days"], CallText("age", Parsed(SqlType.Timestamp, "2001-04-10"), Parsed(SqlType.Timestamp, "1957-06-13")));
    }

    [Fact]
    public void Justify_functions_normalise_intervals()
    {
        Assert.Equal(["1 day 03:00:00"], CallText("justify_hours", Parsed(SqlType.Interval, "27 hours")));
        Assert.Equal(["1 mon 5 days"], CallText("justify_days", Parsed(SqlType.Interval, "35 days")));
    }
}
