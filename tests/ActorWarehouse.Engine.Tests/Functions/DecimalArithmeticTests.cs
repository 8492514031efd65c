using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class DecimalArithmeticTests
{
    private static readonly SqlType Price = SqlType.Decimal(15, 2);

    [Fact]
    public void Addition_aligns_scales_and_adds_an_integer_digit()
    {
        var resolved = FunctionRegistry.ResolveScalar("+", [Price, SqlType.Decimal(5, 3)]);
        Assert.Equal(SqlType.Decimal(17, 3), resolved.ReturnType);
        Assert.Equal(["3.735", "NULL"], CallText("+", Parsed(Price, "1.50", null), Parsed(SqlType.Decimal(5, 3), "2.235", "1")));
    }

    [Fact]
    public void Integer_minus_decimal_treats_the_integer_as_numeric()
    {
        var discount = Parsed(Price, "0.04", "0.10");
        Assert.Equal(["0.96", "0.90"], CallText("-", Ints(1), discount));
    }

    [Fact]
    public void Multiplication_adds_scales_and_switches_to_128_bits_when_needed()
    {
        var resolved = FunctionRegistry.ResolveScalar("*", [Price, SqlType.Decimal(16, 2)]);
        Assert.Equal(SqlType.Decimal(32, 4), resolved.ReturnType);
        Assert.Equal(["90316.8000"], CallText("*", Parsed(Price, "94080.00"), Parsed(SqlType.Decimal(16, 2), "0.96")));
    }

    [Fact]
    public void Division_has_at_least_six_fractional_digits_and_rounds_half_away_from_zero()
    {
        var resolved = FunctionRegistry.ResolveScalar("/", [SqlType.Decimal(10, 0), SqlType.Decimal(10, 0)]);
        Assert.Equal(11, resolved.ReturnType.Scale);
        Assert.Equal(["0.66666666667", "-0.33333333333"], CallText("/", Parsed(SqlType.Decimal(10, 0), "2", "-1"), Parsed(SqlType.Decimal(10, 0), "3", "3")));
    }

    [Fact]
    public void Division_of_wide_sums_stays_within_38_digits()
    {
        var sum = SqlType.Decimal(38, 4);
        var type = FunctionRegistry.ResolveScalar("/", [sum, sum]).ReturnType;
        Assert.True(type.Precision <= 38);
        Assert.Equal(6, type.Scale);
        Assert.Equal(["0.163808"], CallText("/", Parsed(sum, "1638.0778"), Parsed(sum, "10000.0000")));
    }

    [Fact]
    public void Decimal_division_by_zero_raises_22012()
    {
        var ex = Assert.Throws<SqlException>(() => Call("/", Parsed(Price, "1.00"), Parsed(Price, "0.00")));
        Assert.Equal(SqlState.DivisionByZero, ex.SqlState);
    }

    [Fact]
    public void Modulo_works_on_decimals()
    {
        Assert.Equal(["1.5"], CallText("%", Parsed(SqlType.Decimal(3, 1), "7.5"), Parsed(SqlType.Decimal(3, 1), "2.0")));
    }

    [Fact]
    public void Round_with_a_constant_scale_gives_that_scale()
    {
        var resolved = FunctionRegistry.ResolveScalar("round", [SqlType.Decimal(15, 4), SqlType.Integer], [null, 2]);
        Assert.Equal(2, resolved.ReturnType.Scale);
        var result = resolved.Kernel([Parsed(SqlType.Decimal(15, 4), "1.2350", "-1.2349", "2.5"), Ints(2)], 3, Context);
        Assert.Equal(["1.24", "-1.23", "2.50"], Texts(result));
    }

    [Fact]
    public void Round_trunc_ceil_and_floor_of_a_decimal_have_scale_zero()
    {
        var x = Parsed(SqlType.Decimal(4, 1), "2.5", "-2.5", "9.9");
        Assert.Equal(["3", "-3", "10"], CallText("round", x));
        Assert.Equal(["2", "-2", "9"], CallText("trunc", x));
        Assert.Equal(["3", "-2", "10"], CallText("ceil", x));
        Assert.Equal(["2", "-3", "9"], CallText("floor", x));
    }

    [Fact]
    public void Round_of_a_double_rounds_half_to_even_like_rint()
    {
        Assert.Equal(["2", "4", "-2"], CallText("round", Of<double>(SqlType.Double, 2.5, 3.5, -2.5)));
    }

    [Fact]
    public void Negative_round_digits_zero_the_low_integer_digits()
    {
        var resolved = FunctionRegistry.ResolveScalar("round", [SqlType.Decimal(6, 1), SqlType.Integer], [null, -2]);
        var result = resolved.Kernel([Parsed(SqlType.Decimal(6, 1), "1250.0"), Ints(-2)], 1, Context);
        Assert.Equal(["1300"], Texts(result));
    }

    [Fact]
    public void Decimal_overflow_on_cast_raises_22003()
    {
        var ex = Assert.Throws<SqlException>(() => Casts.Cast(Parsed(SqlType.Decimal(10, 2), "12345.67"), SqlType.Decimal(5, 2), false));
        Assert.Equal(SqlState.NumericValueOutOfRange, ex.SqlState);
    }

    [Fact]
    public void Wide_products_use_128_bits_and_overflow_raises_22003()
    {
        var wide = SqlType.Decimal(30, 0);
        Assert.Equal(["100000000000000000000000000000"], CallText("*", Parsed(wide, "10000000000000000000"), Parsed(wide, "10000000000")));
        var ex = Assert.Throws<SqlException>(() => Call("*", Parsed(wide, "100000000000000000000000000000"), Parsed(wide, "100000000000000000000000000000")));
        Assert.Equal(SqlState.NumericValueOutOfRange, ex.SqlState);
    }
}
