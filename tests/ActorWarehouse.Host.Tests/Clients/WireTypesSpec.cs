using ActorWarehouse.Engine.Types;
using ActorWarehouse.Host.SqlLogic;

namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>
/// Text results of the wire mode of `aw slt` become the values the embedded runner sees, so both modes
/// render sqllogictest answers identically.
/// </summary>
public sealed class WireTypesSpec
{
    [Theory]
    [InlineData("12.50", "12", "12.500")]
    [InlineData("-0.005", "0", "-0.005")]
    [InlineData("123456789012345678901234.5", "123456789012345678901234", "123456789012345685803008.000")]
    public void A_numeric_renders_like_an_engine_decimal(string text, string asInteger, string asReal)
    {
        var value = WireTypes.Value(text, 1700);
        Assert.Equal(TypeId.Decimal, value.Type.Id);
        Assert.Equal(text, value.Text);
        Assert.Equal(asInteger, SltRenderer.Render(value, 'I', SltDialect.Sqlite));
        Assert.Equal(asReal, SltRenderer.Render(value, 'R', SltDialect.Sqlite));
    }

    [Fact]
    public void A_wide_numeric_is_the_same_value_as_the_engine_holds()
    {
        var engine = new SltValue(Int128.Parse("1234567890123456789012345", System.Globalization.CultureInfo.InvariantCulture), SqlType.Decimal(38, 1), "123456789012345678901234.5");
        var wire = WireTypes.Value("123456789012345678901234.5", 1700);
        Assert.Equal(engine.Physical, wire.Physical);
        Assert.Equal(engine.Type.Scale, wire.Type.Scale);
        foreach (var letter in "IRT") Assert.Equal(SltRenderer.Render(engine, letter, SltDialect.Sqlite), SltRenderer.Render(wire, letter, SltDialect.Sqlite));
    }

    [Fact]
    public void Integers_floats_and_booleans_become_physical_values()
    {
        Assert.Equal((short)-7, WireTypes.Value("-7", 21).Physical);
        Assert.Equal(2147483647, WireTypes.Value("2147483647", 23).Physical);
        Assert.Equal(-9223372036854775808L, WireTypes.Value("-9223372036854775808", 20).Physical);
        Assert.Equal(1.25f, WireTypes.Value("1.25", 700).Physical);
        Assert.Equal(double.NegativeInfinity, WireTypes.Value("-Infinity", 701).Physical);
        Assert.Equal(true, WireTypes.Value("t", 16).Physical);
        Assert.Equal("1", SltRenderer.Render(WireTypes.Value("t", 16), 'T', SltDialect.Sqlite));
        Assert.Equal("-3", SltRenderer.Render(WireTypes.Value("-3.9", 701), 'I', SltDialect.Sqlite));
    }

    [Fact]
    public void Dates_render_as_their_text_even_under_an_integer_column_letter()
    {
        var value = WireTypes.Value("2024-02-29", 1082);
        Assert.Equal(TypeId.Date, value.Type.Id);
        Assert.Equal("2024-02-29", SltRenderer.Render(value, 'I', SltDialect.Sqlite));
        Assert.Equal("2024-02-29", SltRenderer.Render(value, 'T', SltDialect.Sqlite));
    }

    [Fact]
    public void Text_keeps_the_server_text_and_the_empty_string_marker()
    {
        Assert.Equal("(empty)", SltRenderer.Render(WireTypes.Value("", 25), 'T', SltDialect.Sqlite));
        Assert.Equal("a b", SltRenderer.Render(WireTypes.Value("a b", 1043), 'T', SltDialect.DuckDb));
    }
}
