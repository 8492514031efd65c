using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Types;

public class ValueParserTests
{
    [Theory]
    [InlineData(" 42 ", 42)]
    [InlineData("-2147483648", int.MinValue)]
    [InlineData("+7", 7)]
    public void Integers_parse_with_blanks_and_signs(string text, int expected)
    {
        Assert.Equal(expected, ValueParser.Parse(text, SqlType.Integer));
    }

    [Fact]
    public void Bad_integer_text_raises_22P02_with_the_postgresql_message()
    {
        var ex = Assert.Throws<SqlException>(() => ValueParser.Parse("x", SqlType.Integer));
        Assert.Equal(SqlState.InvalidTextRepresentation, ex.SqlState);
        Assert.Equal("invalid input syntax for type integer: \"x\"", ex.Message);
    }

    [Fact]
    public void Out_of_range_integer_text_raises_22003()
    {
        var ex = Assert.Throws<SqlException>(() => ValueParser.Parse("2147483648", SqlType.Integer));
        Assert.Equal(SqlState.NumericValueOutOfRange, ex.SqlState);
        Assert.Equal("value \"2147483648\" is out of range for type integer", ex.Message);
        Assert.Equal(ParseStatus.OutOfRange, ValueParser.TryParseInt16("40000", out _));
    }

    [Theory]
    [InlineData("1.005", 2, 101L)]
    [InlineData("-1.005", 2, -101L)]
    [InlineData("1.004", 2, 100L)]
    [InlineData("12", 2, 1200L)]
    [InlineData("1.5e2", 1, 1500L)]
    [InlineData(".5", 0, 1L)]
    [InlineData("-0.5", 0, -1L)]
    [InlineData("0.0001", 2, 0L)]
    public void Decimals_round_half_away_from_zero_to_the_scale(string text, int scale, long expected)
    {
        Assert.Equal(ParseStatus.Ok, ValueParser.TryParseDecimal(text, 18, scale, out long unscaled));
        Assert.Equal(expected, unscaled);
    }

    [Fact]
    public void Decimal_precision_overflow_raises_22003()
    {
        var ex = Assert.Throws<SqlException>(() => ValueParser.Parse("1000.00", SqlType.Decimal(5, 2)));
        Assert.Equal(SqlState.NumericValueOutOfRange, ex.SqlState);
        Assert.Equal("numeric field overflow", ex.Message);
        Assert.Equal(ParseStatus.OutOfRange, ValueParser.TryParseDecimal("999.995", 5, 2, out long _));
    }

    [Fact]
    public void Wide_decimals_parse_38_digits()
    {
        var value = (Int128)ValueParser.Parse("12345678901234567890123456789012345.678", SqlType.Decimal(38, 3));
        Assert.Equal(Int128.Parse("12345678901234567890123456789012345678"), value);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-inf")]
    [InlineData("1.5e-7")]
    public void Floats_accept_special_values(string text)
    {
        Assert.Equal(ParseStatus.Ok, ValueParser.TryParseDouble(text, out _));
    }

    [Fact]
    public void Float_overflow_raises_22003()
    {
        var ex = Assert.Throws<SqlException>(() => ValueParser.Parse("1e400", SqlType.Double));
        Assert.Equal(SqlState.NumericValueOutOfRange, ex.SqlState);
        Assert.Equal("\"1e400\" is out of range for type double precision", ex.Message);
    }

    [Theory]
    [InlineData(" TRUE ", true)]
    [InlineData("y", true)]
    [InlineData("on", true)]
    [InlineData("1", true)]
    [InlineData("f", false)]
    [InlineData("No", false)]
    [InlineData("off", false)]
    [InlineData("0", false)]
    public void Booleans_accept_postgresql_spellings(string text, bool expected)
    {
        Assert.Equal(expected, ValueParser.Parse(text, SqlType.Boolean));
    }

    [Fact]
    public void Bad_boolean_text_raises_22P02()
    {
        var ex = Assert.Throws<SqlException>(() => ValueParser.Parse("maybe", SqlType.Boolean));
        Assert.Equal("invalid input syntax for type boolean: \"maybe\"", ex.Message);
    }

    [Theory]
    [InlineData("1995-03-15")]
    [InlineData("19950315")]
    [InlineData("03/15/1995")]
    [InlineData("1995/03/15")]
    [InlineData("Mar 15 1995")]
    [InlineData("15-Mar-1995")]
    [InlineData("1995-03-15 10:00:00")]
    public void Dates_parse_in_common_spellings(string text)
    {
        Assert.Equal(CivilCalendar.ToDays(1995, 3, 15), ValueParser.Parse(text, SqlType.Date));
    }

    [Fact]
    public void Bad_dates_raise_22007_and_impossible_dates_22008()
    {
        var syntax = Assert.Throws<SqlException>(() => ValueParser.Parse("not a date", SqlType.Date));
        Assert.Equal(SqlState.InvalidDatetimeFormat, syntax.SqlState);
        Assert.Equal("invalid input syntax for type date: \"not a date\"", syntax.Message);
        Assert.Equal(SqlState.InvalidDatetimeFormat, Assert.Throws<SqlException>(() => ValueParser.Parse("2024-13-01x", SqlType.Date)).SqlState);
        var range = Assert.Throws<SqlException>(() => ValueParser.Parse("2023-02-29", SqlType.Date));
        Assert.Equal(SqlState.DatetimeFieldOverflow, range.SqlState);
        Assert.Equal("date/time field value out of range: \"2023-02-29\"", range.Message);
    }

    [Theory]
    [InlineData("2024-01-02 03:04:05", "2024-01-02 03:04:05")]
    [InlineData("2024-01-02T03:04:05.123456", "2024-01-02 03:04:05.123456")]
    [InlineData("2024-01-02 03:04", "2024-01-02 03:04:00")]
    [InlineData("2024-01-02", "2024-01-02 00:00:00")]
    [InlineData("2024-01-02 03:04:05+02", "2024-01-02 03:04:05")]
    public void Timestamps_parse_with_optional_t_fraction_and_zone(string text, string expected)
    {
        Assert.Equal(expected, ValueFormatter.FormatTimestamp((long)ValueParser.Parse(text, SqlType.Timestamp)));
    }

    [Fact]
    public void Timestamptz_applies_the_zone_offset()
    {
        var micros = (long)ValueParser.Parse("2024-01-02 03:04:05+02:00", SqlType.TimestampTz);
        Assert.Equal("2024-01-02 01:04:05+00", ValueFormatter.FormatTimestampTz(micros));
    }

    [Theory]
    [InlineData("1 day", null, "1 day")]
    [InlineData("3 months", null, "3 mons")]
    [InlineData("1 year 2 mons", null, "1 year 2 mons")]
    [InlineData("01:02:03", null, "01:02:03")]
    [InlineData("90", "minute", "01:30:00")]
    [InlineData("90", null, "00:01:30")]
    [InlineData("1.5 days", null, "1 day 12:00:00")]
    [InlineData("-1 day +02:00:00", null, "-1 days +02:00:00")]
    [InlineData("@ 2 hours ago", null, "-02:00:00")]
    [InlineData("P1Y2M3DT4H5M6S", null, "1 year 2 mons 3 days 04:05:06")]
    [InlineData("2 weeks", null, "14 days")]
    [InlineData("1 day 2 hours", "day", "1 day")]
    public void Intervals_parse_postgresql_input(string text, string? unit, string expected)
    {
        Assert.Equal(expected, ValueFormatter.FormatInterval(ValueParser.ParseInterval(text, unit)));
    }

    [Fact]
    public void Bad_interval_text_raises_22007()
    {
        var ex = Assert.Throws<SqlException>(() => ValueParser.ParseInterval("soon", null));
        Assert.Equal(SqlState.InvalidDatetimeFormat, ex.SqlState);
        Assert.Equal("invalid input syntax for type interval: \"soon\"", ex.Message);
    }

    [Fact]
    public void Varchar_input_longer_than_the_limit_raises_22001_unless_the_excess_is_blanks()
    {
        var ex = Assert.Throws<SqlException>(() => ValueParser.Parse("abcd", SqlType.Varchar(3)));
        Assert.Equal(SqlState.StringDataRightTruncation, ex.SqlState);
        Assert.Equal("value too long for type character varying(3)", ex.Message);
        Assert.Equal("abc", ValueParser.Parse("abc  ", SqlType.Varchar(3)));
        Assert.Equal("ab", ValueParser.Parse("ab   ", SqlType.Char(3)));
    }

    [Fact]
    public void Timestamptz_accepts_a_zone_name()
    {
        var micros = (long)ValueParser.Parse("2024-01-02 03:04:05 America/New_York", SqlType.TimestampTz);
        Assert.Equal("2024-01-02 08:04:05+00", ValueFormatter.FormatTimestampTz(micros));
    }

    [Fact]
    public void Today_is_midnight_of_the_current_utc_date()
    {
        var before = DateTime.UtcNow.Date;
        var micros = (long)ValueParser.Parse("today", SqlType.Timestamp);
        var after = DateTime.UtcNow.Date;
        Assert.Equal(0, micros % Interval.MicrosPerDay);
        Assert.Contains(DateTime.UnixEpoch.AddTicks(micros * 10).Date, new[] { before, after });
    }

    [Fact]
    public void Decimal_input_is_boxed_in_the_physical_type_of_its_precision()
    {
        Assert.IsType<long>(ValueParser.Parse("12.345", SqlType.Decimal(10, 2)));
        Assert.Equal(1235L, ValueParser.Parse("12.345", SqlType.Decimal(10, 2)));
        Assert.IsType<Int128>(ValueParser.Parse("12.345", SqlType.Decimal(30, 2)));
    }

    [Fact]
    public void Huge_interval_amounts_raise_22008_instead_of_crashing()
    {
        var ex = Assert.Throws<SqlException>(() => ValueParser.ParseInterval("79228162514264337593543950335 hours", null));
        Assert.Equal(SqlState.DatetimeFieldOverflow, ex.SqlState);
    }

    [Fact]
    public void Template_dates_outside_the_supported_years_raise_22008()
    {
        var format = DateTimeFormat.Compile("YYYY-MM-DD");
        Assert.Equal(ParseStatus.OutOfRange, format.TryParseDate("999999999-01-01", out _));
    }
}
