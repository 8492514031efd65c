using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class FloatAndMathTests
{
    private static ColumnVectorDoubles D(params double?[] values) => new(Of(SqlType.Double, values));

    internal sealed record ColumnVectorDoubles(Columnar.ColumnVector Vector)
    {
        public static implicit operator Columnar.ColumnVector(ColumnVectorDoubles d) => d.Vector;
    }

    [Fact]
    public void Double_overflow_raises_22003()
    {
        var ex = Assert.Throws<SqlException>(() => Call("*", D(1e300), D(1e300)));
        Assert.Equal(SqlState.NumericValueOutOfRange, ex.SqlState);
        Assert.Equal("value out of range: overflow", ex.Message);
    }

    [Fact]
    public void Double_division_by_zero_raises_22012()
    {
        Assert.Equal(SqlState.DivisionByZero, Assert.Throws<SqlException>(() => Call("/", D(1), D(0))).SqlState);
    }

    [Fact]
    public void Integer_and_double_mix_resolves_to_double()
    {
        Assert.Equal(["3.5"], CallText("+", Ints(1), D(2.5)));
    }

    [Fact]
    public void Sqrt_of_an_integer_is_double_precision()
    {
        var resolved = FunctionRegistry.ResolveScalar("sqrt", [SqlType.Integer]);
        Assert.Equal(SqlType.Double, resolved.ReturnType);
        Assert.Equal(["1.4142135623730951"], CallText("sqrt", Ints(2)));
    }

    [Fact]
    public void Logarithm_domain_errors_use_2201E()
    {
        var ex = Assert.Throws<SqlException>(() => Call("ln", D(0)));
        Assert.Equal("2201E", ex.SqlState);
        Assert.Equal("cannot take logarithm of zero", ex.Message);
    }

    [Fact]
    public void Power_log_and_trigonometry_compute_in_double()
    {
        Assert.Equal(["1024"], CallText("power", Ints(2), Ints(10)));
        Assert.Equal(["2"], CallText("log", D(100)));
        Assert.Equal(["3"], CallText("log", D(2), D(8)));
        Assert.Equal(["3.141592653589793"], CallText("pi"));
        Assert.Equal(["180"], CallText("degrees", D(Math.PI)));
        Assert.Equal(["0.7853981633974483"], CallText("atan2", D(1), D(1)));
        Assert.Equal(["3"], CallText("cbrt", D(27)));
    }

    [Fact]
    public void Abs_and_mod_keep_integer_types()
    {
        Assert.Equal(["5", "NULL"], CallText("abs", Ints(-5, null)));
        Assert.Equal(["1"], CallText("mod", Ints(7), Ints(3)));
        Assert.Equal(SqlType.Integer, FunctionRegistry.ResolveScalar("abs", [SqlType.Integer]).ReturnType);
    }

    [Fact]
    public void Random_is_volatile_and_in_the_unit_interval()
    {
        var resolved = FunctionRegistry.ResolveScalar("random", []);
        Assert.True(resolved.IsVolatile);
        var values = (Columnar.ColumnVector<double>)resolved.Kernel([], 100, Context);
        Assert.All(values.Values, v => Assert.InRange(v, 0.0, 1.0));
    }
}
