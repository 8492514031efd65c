using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Types;

public class ValueFormatterTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e20, "1e+20")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(123456789012345.0, "123456789012345")]
    [InlineData(1e15, "1e+15")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(100.0, "100")]
    [InlineData(1.2345678901234568e17, "1.2345678901234568e+17")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(0.0, "0")]
    public void Doubles_print_as_postgresql_12_shortest_round_trip(double value, string expected)
    {
        Assert.Equal(expected, ValueFormatter.FormatDouble(value));
    }

    [Theory]
    [InlineData(1e6f, "1e+06")]
    [InlineData(100000f, "100000")]
    [InlineData(0.1f, "0.1")]
    [InlineData(3.14159f, "3.14159")]
    public void Reals_switch_to_exponent_notation_above_six_digits(float value, string expected)
    {
        Assert.Equal(expected, ValueFormatter.FormatReal(value));
    }

    [Theory]
    [InlineData(12345L, 2, "123.45")]
    [InlineData(-5L, 2, "-0.05")]
    [InlineData(0L, 2, "0.00")]
    [InlineData(7L, 0, "7")]
    [InlineData(-100L, 3, "-0.100")]
    public void Decimals_print_exactly_with_their_scale(long unscaled, int scale, string expected)
    {
        Assert.Equal(expected, ValueFormatter.FormatDecimal(unscaled, scale));
    }

    [Fact]
    public void Wide_decimals_print_all_38_digits()
    {
        var value = Int128.Parse("12345678901234567890123456789012345678");
        Assert.Equal("123456789012345678901234567890123456.78", ValueFormatter.FormatDecimal(value, 2));
    }

    [Fact]
    public void Dates_and_timestamps_print_in_iso_form()
    {
        int days = CivilCalendar.ToDays(1995, 3, 15);
        Assert.Equal("1995-03-15", ValueFormatter.FormatDate(days));
        long micros = days * Interval.MicrosPerDay + 4 * Interval.MicrosPerHour + 5 * Interval.MicrosPerMinute + 6 * Interval.MicrosPerSecond + 500_000;
        Assert.Equal("1995-03-15 04:05:06.5", ValueFormatter.FormatTimestamp(micros));
        Assert.Equal("1995-03-15 04:05:06.5+00", ValueFormatter.FormatTimestampTz(micros));
        Assert.Equal("1969-12-31 23:59:59", ValueFormatter.FormatTimestamp(-Interval.MicrosPerSecond));
    }

    [Fact]
    public void Dates_before_year_one_print_with_bc()
    {
        Assert.Equal("0044-03-15 BC", ValueFormatter.FormatDate(CivilCalendar.ToDays(-43, 3, 15)));
    }

    [Theory]
    [InlineData(14, 3, 4 * 3600 + 5 * 60 + 6, "1 year 2 mons 3 days 04:05:06")]
    [InlineData(0, 0, -1, "-00:00:01")]
    [InlineData(0, 0, 0, "00:00:00")]
    [InlineData(1, 0, 0, "1 mon")]
    [InlineData(-12, 0, 0, "-1 years")]
    [InlineData(0, -1, 3600, "-1 days +01:00:00")]
    [InlineData(0, 1, -3600, "1 day -01:00:00")]
    [InlineData(0, 0, 100 * 3600, "100:00:00")]
    public void Intervals_print_in_postgres_style(int months, int days, long seconds, string expected)
    {
        Assert.Equal(expected, ValueFormatter.FormatInterval(new Interval(months, days, seconds * Interval.MicrosPerSecond)));
    }

    [Fact]
    public void Booleans_print_as_t_and_f_and_null_stays_null()
    {
        Assert.Equal("t", ValueFormatter.Format(true, SqlType.Boolean));
        Assert.Equal("f", ValueFormatter.Format(false, SqlType.Boolean));
        Assert.Null(ValueFormatter.Format(null, SqlType.Boolean));
    }

    [Fact]
    public void Timestamptz_prints_in_a_session_zone_with_its_offset()
    {
        long micros = (long)ValueParser.Parse("2024-07-01 12:00:00+00", SqlType.TimestampTz);
        Assert.Equal("2024-07-01 08:00:00-04", ValueFormatter.FormatTimestampTz(micros, TimeZones.Find("America/New_York")));
        Assert.Equal("2024-07-01 17:30:00+05:30", ValueFormatter.FormatTimestampTz(micros, TimeZones.Find("+05:30")));
    }
}
