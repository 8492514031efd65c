using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class FormattingFunctionTests
{
    private static Columnar.ColumnVector S(string text) => Strings(SqlType.Unknown, text);

    [Theory]
    [InlineData("YYYY-MM-DD HH24:MI:SS", "2024-03-05 14:07:09")]
    [InlineData("DD/MM/YY", "05/03/24")]
    [InlineData("Mon DD, YYYY", "Mar 05, 2024")]
    [InlineData("FMMonth FMDD", "March 5")]
    [InlineData("MONTH", "MARCH    ")]
    [InlineData("Day", "Tuesday  ")]
    [InlineData("dy", "tue")]
    [InlineData("HH12:MI AM", "02:07 PM")]
    [InlineData("Q", "1")]
    [InlineData("DDth", "05th")]
    [InlineData("YYYY\"Q\"Q", "2024Q1")]
    [InlineData("HH24:MI:SS.MS", "14:07:09.250")]
    [InlineData("IW", "10")]
    public void To_char_formats_timestamps_with_postgresql_templates(string template, string expected)
    {
        Assert.Equal([expected], CallText("to_char", Parsed(SqlType.Timestamp, "2024-03-05 14:07:09.25"), S(template)));
    }

    [Theory]
    [InlineData("123.456", "999D99", " 123.46")]
    [InlineData("-12.5", "9999D99", "  -12.50")]
    [InlineData("5", "000", " 005")]
    [InlineData("0.5", "9D99", "  .50")]
    [InlineData("0.5", "0D99", " 0.50")]
    [InlineData("12.5", "FM999D99", "12.5")]
    [InlineData("1234567", "9,999,999", " 1,234,567")]
    [InlineData("12345", "999", " ###")]
    [InlineData("-7", "S99", " -7")]
    [InlineData("7", "99S", " 7+")]
    public void To_char_formats_numbers_with_postgresql_templates(string value, string template, string expected)
    {
        Assert.Equal([expected], CallText("to_char", Parsed(SqlType.Decimal(18, 3), value), S(template)));
    }

    [Theory]
    [InlineData("2024-03-05", "YYYY-MM-DD", "2024-03-05")]
    [InlineData("05/03/2024", "DD/MM/YYYY", "2024-03-05")]
    [InlineData("March 5, 2024", "Month DD, YYYY", "2024-03-05")]
    [InlineData("20240305", "YYYYMMDD", "2024-03-05")]
    [InlineData("2024-3-5", "YYYY-MM-DD", "2024-03-05")]
    public void To_date_reads_text_with_a_template(string text, string template, string expected)
    {
        Assert.Equal([expected], CallText("to_date", S(text), S(template)));
    }

    [Fact]
    public void To_timestamp_with_a_template_reads_time_and_meridiem()
    {
        Assert.Equal(["2024-03-05 14:07:09+00"], CallText("to_timestamp", S("2024-03-05 02:07:09 PM"), S("YYYY-MM-DD HH12:MI:SS AM")));
    }

    [Fact]
    public void To_date_with_an_impossible_date_raises_22008()
    {
        var ex = Assert.Throws<SqlException>(() => Call("to_date", S("2023-02-30"), S("YYYY-MM-DD")));
        Assert.Equal(SqlState.DatetimeFieldOverflow, ex.SqlState);
    }

    [Fact]
    public void To_date_with_text_that_does_not_fit_raises_22007()
    {
        var ex = Assert.Throws<SqlException>(() => Call("to_date", S("hello"), S("YYYY-MM-DD")));
        Assert.Equal(SqlState.InvalidDatetimeFormat, ex.SqlState);
    }

    [Fact]
    public void To_number_reads_formatted_numbers()
    {
        var resolved = Engine.Functions.FunctionRegistry.ResolveScalar("to_number", [SqlType.Unknown, SqlType.Unknown], ["-1,234.5", "9,999D99"]);
        Assert.Equal(2, resolved.ReturnType.Scale);
        Assert.Equal(["-1234.50"], Texts(resolved.Kernel([S("-1,234.5"), S("9,999D99")], 1, Context)));
    }

    [Fact]
    public void Copy_date_formats_parse_without_allocation_helpers()
    {
        var format = DateTimeFormat.Compile("MM/DD/YYYY");
        Assert.Equal(ParseStatus.Ok, format.TryParseDate("12/31/1999", out int days));
        Assert.Equal(CivilCalendar.ToDays(1999, 12, 31), days);
        var auto = DateTimeFormat.Compile("auto");
        Assert.Equal(ParseStatus.Ok, auto.TryParseDate("1999-12-31", out days));
        var time = DateTimeFormat.Compile("YYYY-MM-DD HH:MI:SS");
        Assert.Equal(ParseStatus.Ok, time.TryParse("1999-12-31 11:59:58.5", out long micros));
        Assert.Equal("1999-12-31 11:59:58.5", ValueFormatter.FormatTimestamp(micros));
        Assert.Equal(ParseStatus.Ok, DateTimeFormat.Compile("epochsecs").TryParse("946684800", out micros));
        Assert.Equal("2000-01-01 00:00:00", ValueFormatter.FormatTimestamp(micros));
    }
}
