using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class ComparisonTests
{
    [Fact]
    public void Comparisons_yield_null_when_either_side_is_null()
    {
        Assert.Equal(["t", "NULL", "f"], CallText("<", Ints(1, null, 5), Ints(2, 2, 3)));
    }

    [Fact]
    public void An_untyped_literal_compared_with_an_integer_is_read_as_an_integer()
    {
        var resolved = FunctionRegistry.ResolveScalar("=", [SqlType.Integer, SqlType.Unknown]);
        Assert.Equal([SqlType.Integer, SqlType.Integer], resolved.ParameterTypes);
        Assert.Equal(["f", "t"], CallText("=", Ints(4, 5), Literal("5", SqlType.Unknown)));
    }

    [Fact]
    public void Strings_compare_in_code_point_order()
    {
        var a = Strings(SqlType.Text, "B", "a", "abc", "\uFFFD");
        var b = Strings(SqlType.Text, "a", "b", "ab", "\U0001F600");
        Assert.Equal(["t", "t", "f", "t"], CallText("<", a, b));
    }

    [Fact]
    public void Dates_compare_with_timestamps_after_widening()
    {
        var resolved = FunctionRegistry.ResolveScalar("<", [SqlType.Date, SqlType.Timestamp]);
        Assert.Equal([SqlType.Timestamp, SqlType.Timestamp], resolved.ParameterTypes);
        var d = Parsed(SqlType.Date, "2024-01-01");
        var ts = Parsed(SqlType.Timestamp, "2024-01-01 00:00:01");
        Assert.Equal(["t"], CallText("<", d, ts));
    }

    [Fact]
    public void Decimals_of_different_scales_compare_by_value()
    {
        var a = Parsed(SqlType.Decimal(5, 2), "1.50", "2.00");
        var b = Parsed(SqlType.Decimal(4, 1), "1.5", "1.9");
        Assert.Equal(["t", "f"], CallText("=", a, b));
    }

    [Fact]
    public void Nan_equals_nan_and_sorts_above_infinity()
    {
        var a = Of<double>(SqlType.Double, double.NaN, double.NaN);
        var b = Of<double>(SqlType.Double, double.NaN, double.PositiveInfinity);
        Assert.Equal(["t", "t"], CallText(">=", a, b));
        Assert.Equal(["t", "f"], CallText("=", a, b));
    }

    [Fact]
    public void Intervals_compare_by_length_so_a_month_equals_thirty_days()
    {
        var a = Parsed(SqlType.Interval, "1 month");
        var b = Parsed(SqlType.Interval, "30 days");
        Assert.Equal(["t"], CallText("=", a, b));
    }

    [Fact]
    public void Char_values_compare_ignoring_trailing_blanks()
    {
        var a = Strings(SqlType.Char(5), "ab   ", "ab");
        var b = Strings(SqlType.Char(5), "ab", "ac ");
        Assert.Equal(["t", "f"], CallText("=", a, b));
        Assert.Equal(["f", "t"], CallText("<", a, b));
    }

    [Fact]
    public void Char_to_text_drops_trailing_blanks()
    {
        var padded = Strings(SqlType.Char(5), "ab   ");
        Assert.Equal(["ab|"], Texts(Call("||", padded, Strings(SqlType.Text, "|"))));
    }
}
