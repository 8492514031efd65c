using ActorWarehouse.Host.Cli.Output;

namespace ActorWarehouse.Host.Tests.Cli;

public sealed class CsvFormatSpec
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "\"\"")]
    [InlineData(" padded ", " padded ")]
    public void Fields_are_quoted_only_when_needed(string value, string expected) =>
        Assert.Equal(expected, CsvFormat.Field(value));

    [Fact]
    public void Null_is_an_empty_unquoted_field() =>
        Assert.Equal("1,,\"\"\n", CsvFormat.Line(["1", null, ""]));

    [Fact]
    public void Parsing_reads_quoted_fields_and_an_empty_line_as_one_empty_field()
    {
        var rows = CsvFormat.Parse("a,b\n\"x,\"\"y\"\"\",2\n\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["x,\"y\"", "2"], rows[1]);
        Assert.Equal([""], rows[2]);
    }
}
