using ActorWarehouse.Engine.Types;
using ActorWarehouse.Host.SqlLogic;

namespace ActorWarehouse.Host.Tests.SqlLogic;

public sealed class SltRendererSpec
{
    private static string Sqlite(object? physical, SqlType type, string? text, char letter) =>
        SltRenderer.Render(new SltValue(physical, type, text), letter, SltDialect.Sqlite);

    [Theory]
    [InlineData(4033L, "40")]
    [InlineData(-270L, "-2")]
    [InlineData(-50L, "0")]
    public void An_I_column_truncates_a_decimal_toward_zero(long scaled, string expected) =>
        Assert.Equal(expected, Sqlite(scaled, SqlType.Decimal(10, 2), "x", 'I'));

    [Fact]
    public void An_I_column_truncates_doubles_and_prints_booleans_as_digits()
    {
        Assert.Equal("-2", Sqlite(-2.7, SqlType.Double, "-2.7", 'I'));
        Assert.Equal("0", Sqlite(-0.4, SqlType.Double, "-0.4", 'I'));
        Assert.Equal("1", Sqlite(true, SqlType.Boolean, "t", 'I'));
    }

    [Fact]
    public void An_R_column_prints_three_decimals()
    {
        Assert.Equal("-48.000", Sqlite(-48, SqlType.Integer, "-48", 'R'));
        Assert.Equal("0.667", Sqlite(2.0 / 3, SqlType.Double, "0.6666666666666666", 'R'));
        Assert.Equal("12.350", Sqlite(1235L, SqlType.Decimal(10, 2), "12.35", 'R'));
    }

    [Fact]
    public void A_T_column_marks_empty_strings_and_non_printable_bytes()
    {
        Assert.Equal("(empty)", Sqlite("", SqlType.Text, "", 'T'));
        Assert.Equal("a@b", Sqlite("a\tb", SqlType.Text, "a\tb", 'T'));
        Assert.Equal("@@", Sqlite("é", SqlType.Text, "é", 'T'));
        Assert.Equal("0", Sqlite(false, SqlType.Boolean, "f", 'T'));
    }

    [Fact]
    public void Null_is_NULL_under_every_letter()
    {
        foreach (char letter in "ITR") Assert.Equal("NULL", Sqlite(null, SqlType.Integer, null, letter));
    }

    [Fact]
    public void DuckDb_files_get_the_value_text_whatever_the_letter()
    {
        Assert.Equal("2.5", SltRenderer.Render(new SltValue(25L, SqlType.Decimal(5, 1), "2.5"), 'I', SltDialect.DuckDb));
        Assert.Equal("(empty)", SltRenderer.Render(new SltValue("", SqlType.Text, ""), 'T', SltDialect.DuckDb));
    }

    [Theory]
    [InlineData("12.000000", "12", true)]
    [InlineData("0.6666666666666666", "0.666666666666667", true)]
    [InlineData("true", "t", true)]
    [InlineData("1", "t", true)]
    [InlineData("0", "t", false)]
    [InlineData("inf", "Infinity", true)]
    [InlineData("12", "13", false)]
    [InlineData("NULL", "0", false)]
    [InlineData("<REGEX>:ab+c", "abbbc", true)]
    [InlineData("<!REGEX>:ab+c", "abbbc", false)]
    public void DuckDb_values_match_numerically_and_as_booleans(string expected, string actual, bool matches) =>
        Assert.Equal(matches, SltValueMatcher.Matches(expected, actual));
}
