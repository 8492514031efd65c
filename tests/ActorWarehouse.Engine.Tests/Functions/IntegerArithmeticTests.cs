using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class IntegerArithmeticTests
{
    [Fact]
    public void Adding_integers_propagates_nulls()
    {
        Assert.Equal(["11", "NULL", "33"], CallText("+", Ints(1, 2, 3), Ints(10, null, 30)));
    }

    [Fact]
    public void Integer_overflow_raises_22003_with_the_postgresql_message()
    {
        var ex = Assert.Throws<SqlException>(() => Call("+", Ints(int.MaxValue), Ints(1)));
        Assert.Equal(SqlState.NumericValueOutOfRange, ex.SqlState);
        Assert.Equal("integer out of range", ex.Message);
    }

    [Fact]
    public void Smallint_multiplication_overflows_at_the_smallint_range()
    {
        var a = Of<short>(SqlType.SmallInt, 200);
        var ex = Assert.Throws<SqlException>(() => Call("*", a, a));
        Assert.Equal("smallint out of range", ex.Message);
    }

    [Fact]
    public void Integer_division_truncates_toward_zero()
    {
        Assert.Equal(["2", "-2", "3"], CallText("/", Ints(7, -7, 9), Ints(3, 3, 3)));
    }

    [Fact]
    public void Division_by_zero_raises_22012()
    {
        var ex = Assert.Throws<SqlException>(() => Call("/", Ints(1), Ints(0)));
        Assert.Equal(SqlState.DivisionByZero, ex.SqlState);
        Assert.Equal("division by zero", ex.Message);
    }

    [Fact]
    public void Division_by_zero_on_a_null_row_is_not_an_error()
    {
        Assert.Equal(["NULL", "2"], CallText("/", Ints(null, 4), Ints(0, 2)));
    }

    [Fact]
    public void Modulo_keeps_the_sign_of_the_dividend()
    {
        Assert.Equal(["1", "-1", "0"], CallText("%", Ints(7, -7, int.MinValue), Ints(3, 3, -1)));
    }

    [Fact]
    public void Mixed_integer_widths_resolve_to_the_wider_type()
    {
        var resolved = FunctionRegistry.ResolveScalar("+", [SqlType.SmallInt, SqlType.BigInt]);
        Assert.Equal(SqlType.BigInt, resolved.ReturnType);
        Assert.Equal([SqlType.BigInt, SqlType.BigInt], resolved.ParameterTypes);
    }

    [Fact]
    public void A_constant_argument_is_broadcast_to_every_row()
    {
        var resolved = FunctionRegistry.ResolveScalar("*", [SqlType.Integer, SqlType.Integer]);
        var result = resolved.Kernel([Ints(1, 2, 3), Ints(10)], 3, Context);
        Assert.Equal(["10", "20", "30"], Texts(result));
    }

    [Fact]
    public void Unary_minus_of_the_smallest_bigint_overflows()
    {
        var ex = Assert.Throws<SqlException>(() => Call("neg", Of<long>(SqlType.BigInt, long.MinValue)));
        Assert.Equal("bigint out of range", ex.Message);
    }

    [Fact]
    public void An_operator_without_a_match_raises_42883()
    {
        var ex = Assert.Throws<SqlException>(() => FunctionRegistry.ResolveScalar("+", [SqlType.Integer, SqlType.Boolean]));
        Assert.Equal(SqlState.UndefinedFunction, ex.SqlState);
        Assert.Equal("operator does not exist: integer + boolean", ex.Message);
    }
}
