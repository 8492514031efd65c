using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class ConditionalFunctionTests
{
    [Fact]
    public void Coalesce_takes_the_first_non_null_argument_of_the_common_type()
    {
        var resolved = FunctionRegistry.ResolveScalar("coalesce", [SqlType.Integer, SqlType.BigInt]);
        Assert.Equal(SqlType.BigInt, resolved.ReturnType);
        Assert.Equal(["1", "20", "NULL"], CallText("coalesce", Ints(1, null, null), Of<long>(SqlType.BigInt, 10, 20, null)));
    }

    [Fact]
    public void Nullif_returns_null_when_the_arguments_are_equal()
    {
        Assert.Equal(["NULL", "2", "NULL"], CallText("nullif", Ints(1, 2, null), Ints(1, 3, 1)));
    }

    [Fact]
    public void Greatest_and_least_ignore_nulls()
    {
        Assert.Equal(["3", "5", "NULL"], CallText("greatest", Ints(1, null, null), Ints(3, 5, null)));
        Assert.Equal(["1", "5", "NULL"], CallText("least", Ints(1, null, null), Ints(3, 5, null)));
    }

    [Fact]
    public void Decode_matches_searches_including_null_and_falls_back_to_the_default()
    {
        var x = Ints(1, 2, null, 9);
        var result = CallText("decode", x, Ints(1), Strings(SqlType.Unknown, "one"), Ints(2), Strings(SqlType.Unknown, "two"),
            Ints([null]), Strings(SqlType.Unknown, "none"), Strings(SqlType.Unknown, "other"));
        Assert.Equal(["one", "two", "none", "other"], result);
    }

    [Fact]
    public void Nvl2_picks_by_the_nullness_of_the_first_argument()
    {
        Assert.Equal(["10", "20"], CallText("nvl2", Ints(1, null), Ints(10), Ints(20)));
    }

    [Fact]
    public void Coalesce_of_incompatible_types_raises_42804()
    {
        var ex = Assert.Throws<Errors.SqlException>(() => FunctionRegistry.ResolveScalar("coalesce", [SqlType.Integer, SqlType.Boolean]));
        Assert.Equal(Errors.SqlState.DatatypeMismatch, ex.SqlState);
    }
}
