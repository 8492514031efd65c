using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Functions;

public class OverloadResolutionTests
{
    private static ResolvedFunction Resolve(string name, params SqlType[] args) => FunctionRegistry.ResolveScalar(name, args);

    [Fact]
    public void An_unknown_literal_next_to_a_date_is_read_as_a_date()
    {
        var resolved = Resolve(">=", SqlType.Date, SqlType.Unknown);
        Assert.Equal([SqlType.Date, SqlType.Date], resolved.ParameterTypes);
    }

    [Fact]
    public void Two_unknown_literals_compare_as_text()
    {
        Assert.Equal([SqlType.Text, SqlType.Text], Resolve("=", SqlType.Unknown, SqlType.Unknown).ParameterTypes);
    }

    [Fact]
    public void Integer_times_decimal_is_decimal_and_integer_times_double_is_double()
    {
        Assert.Equal(TypeId.Decimal, Resolve("*", SqlType.Integer, SqlType.Decimal(3, 1)).ReturnType.Id);
        Assert.Equal(SqlType.Double, Resolve("*", SqlType.Integer, SqlType.Double).ReturnType);
    }

    [Fact]
    public void A_function_taking_double_prefers_double_for_integer_arguments()
    {
        Assert.Equal(SqlType.Double, Resolve("round", SqlType.Integer).ReturnType);
        Assert.Equal(TypeId.Decimal, Resolve("round", SqlType.Decimal(10, 3)).ReturnType.Id);
    }

    [Fact]
    public void Date_plus_integer_stays_a_date_and_date_plus_interval_is_a_timestamp()
    {
        Assert.Equal(SqlType.Date, Resolve("+", SqlType.Date, SqlType.Integer).ReturnType);
        Assert.Equal(SqlType.Timestamp, Resolve("+", SqlType.Date, SqlType.Interval).ReturnType);
        Assert.Equal(SqlType.Interval, Resolve("-", SqlType.Timestamp, SqlType.Date).ReturnType);
    }

    [Fact]
    public void Char_arguments_match_text_parameters_without_conversion()
    {
        var resolved = Resolve("substring", SqlType.Char(15), SqlType.Integer, SqlType.Integer);
        Assert.Equal(SqlType.Char(15), resolved.ParameterTypes[0]);
    }

    [Fact]
    public void Concatenating_two_numbers_has_no_operator()
    {
        var ex = Assert.Throws<SqlException>(() => Resolve("||", SqlType.Integer, SqlType.Integer));
        Assert.Equal(SqlState.UndefinedFunction, ex.SqlState);
    }

    [Fact]
    public void An_unknown_function_names_its_argument_types()
    {
        var ex = Assert.Throws<SqlException>(() => Resolve("frobnicate", SqlType.Integer, SqlType.Text));
        Assert.Equal("function frobnicate(integer, character varying) does not exist", ex.Message);
        Assert.NotNull(ex.Hint);
    }

    [Fact]
    public void Names_are_case_insensitive_and_aggregates_are_known()
    {
        Assert.Equal(SqlType.Text, Resolve("UPPER", SqlType.Text).ReturnType);
        Assert.True(FunctionRegistry.IsAggregate("SUM"));
        Assert.False(FunctionRegistry.IsAggregate("upper"));
        Assert.True(FunctionRegistry.IsScalar("coalesce"));
    }

    [Fact]
    public void An_empty_batch_gives_an_empty_result_even_with_constant_arguments()
    {
        var resolved = Resolve("/", SqlType.Integer, SqlType.Integer);
        var zero = new Columnar.ColumnVector<int>(SqlType.Integer, [0], 1);
        var result = resolved.Kernel([new Columnar.ColumnVector<int>(SqlType.Integer, [], 0), zero], 0, VectorFactory.Context);
        Assert.Equal(0, result.Length);
    }

    [Fact]
    public void An_unknown_literal_alone_prefers_the_preferred_type_of_the_category()
    {
        Assert.Equal(SqlType.Double, Resolve("abs", SqlType.Unknown).ReturnType);
        Assert.Equal(SqlType.Text, Resolve("upper", SqlType.Unknown).ReturnType);
    }
}
