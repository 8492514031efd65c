using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Functions.VectorFactory;

namespace ActorWarehouse.Engine.Tests.Functions;

public class AggregateTests
{
    private static string[] Aggregate(string name, bool distinct, int groupCount, int[] groups, params ColumnVector[] args)
    {
        var resolved = FunctionRegistry.ResolveAggregate(name, args.Select(a => a.Type).ToArray(), distinct);
        var cast = args.Select((a, i) => Casts.Cast(a, resolved.ParameterTypes[i], false)).ToArray();
        var state = resolved.Create();
        state.EnsureGroups(groupCount);
        state.Update(cast, groups, groups.Length);
        return Texts(state.Finish(groupCount));
    }

    [Fact]
    public void Count_star_counts_rows_and_count_of_a_column_skips_nulls()
    {
        int[] groups = [0, 0, 1, 1, 1];
        Assert.Equal(["2", "3", "0"], Aggregate("count", false, 3, groups));
        Assert.Equal(["1", "2", "0"], Aggregate("count", false, 3, groups, Ints(1, null, 3, null, 5, 6).Slice(5)));
    }

    [Fact]
    public void Sum_of_integers_is_bigint_and_empty_groups_are_null()
    {
        var resolved = FunctionRegistry.ResolveAggregate("sum", [SqlType.Integer], false);
        Assert.Equal(SqlType.BigInt, resolved.ReturnType);
        Assert.Equal(["3", "9", "NULL"], Aggregate("sum", false, 3, [0, 0, 1, 1], Ints(1, 2, 4, 5)));
    }

    [Fact]
    public void Sum_of_bigints_does_not_overflow_because_it_is_numeric()
    {
        var values = Of<long>(SqlType.BigInt, long.MaxValue, long.MaxValue);
        Assert.Equal(["18446744073709551614"], Aggregate("sum", false, 1, [0, 0], values));
    }

    [Fact]
    public void Sum_of_decimals_keeps_the_scale_with_precision_38()
    {
        var resolved = FunctionRegistry.ResolveAggregate("sum", [SqlType.Decimal(15, 2)], false);
        Assert.Equal(SqlType.Decimal(38, 2), resolved.ReturnType);
        Assert.Equal(["3.75"], Aggregate("sum", false, 1, [0, 0], Parsed(SqlType.Decimal(15, 2), "1.25", "2.50")));
    }

    [Fact]
    public void Count_distinct_counts_each_value_once_per_group()
    {
        Assert.Equal(["2", "1"], Aggregate("count", true, 2, [0, 0, 0, 1, 1], Ints(1, 1, 2, 7, 7)));
    }

    [Fact]
    public void Merging_partial_states_maps_partial_groups_onto_final_groups()
    {
        var resolved = FunctionRegistry.ResolveAggregate("sum", [SqlType.Integer], false);
        var final = resolved.Create();
        final.EnsureGroups(2);
        final.Update([Ints(1, 2)], [0, 1], 2);
        var partial = resolved.Create();
        partial.EnsureGroups(2);
        partial.Update([Ints(10, 20)], [0, 1], 2);
        final.Merge(partial, [1, 0]);
        Assert.Equal(["21", "12"], Texts(final.Finish(2)));
    }

    [Fact]
    public void Merging_distinct_states_does_not_double_count_shared_values()
    {
        var resolved = FunctionRegistry.ResolveAggregate("count", [SqlType.Integer], true);
        var a = resolved.Create();
        a.EnsureGroups(1);
        a.Update([Ints(1, 2)], [0, 0], 2);
        var b = resolved.Create();
        b.EnsureGroups(1);
        b.Update([Ints(2, 3)], [0, 0], 2);
        a.Merge(b, [0]);
        Assert.Equal(["3"], Texts(a.Finish(1)));
    }

    [Fact]
    public void Sum_of_integers_beyond_the_integer_range_is_exact_in_bigint()
    {
        var resolved = FunctionRegistry.ResolveAggregate("sum", [SqlType.Integer], false);
        var state = resolved.Create();
        state.EnsureGroups(1);
        var big = Ints(int.MaxValue);
        for (int i = 0; i < 5; i++) state.Update([big], [0], 1);
        Assert.Equal(["10737418235"], Texts(state.Finish(1)));
    }

    [Fact]
    public void Sum_of_intervals_overflowing_the_month_field_raises_22008()
    {
        var resolved = FunctionRegistry.ResolveAggregate("sum", [SqlType.Interval], false);
        var state = resolved.Create();
        state.EnsureGroups(1);
        var huge = Of<Interval>(SqlType.Interval, new Interval(int.MaxValue, 0, 0));
        state.Update([huge], [0], 1);
        var ex = Assert.Throws<SqlException>(() => state.Update([huge], [0], 1));
        Assert.Equal(SqlState.DatetimeFieldOverflow, ex.SqlState);
    }
}

public class MoreAggregateTests
{
    private static string[] Aggregate(string name, int groupCount, int[] groups, params Columnar.ColumnVector[] args)
    {
        var resolved = FunctionRegistry.ResolveAggregate(name, args.Select(a => a.Type).ToArray(), false);
        var cast = args.Select((a, i) => Casts.Cast(a, resolved.ParameterTypes[i], false)).ToArray();
        var state = resolved.Create();
        state.EnsureGroups(groupCount);
        state.Update(cast, groups, groups.Length);
        return Texts(state.Finish(groupCount));
    }

    [Fact]
    public void Avg_of_integers_is_numeric_with_six_decimals()
    {
        Assert.Equal(SqlType.Decimal(38, 6), FunctionRegistry.ResolveAggregate("avg", [SqlType.Integer], false).ReturnType);
        Assert.Equal(["12.500000", "NULL"], Aggregate("avg", 2, [0, 0], Ints(10, 15)));
    }

    [Fact]
    public void Avg_of_decimals_keeps_a_larger_scale_and_rounds_half_away_from_zero()
    {
        Assert.Equal(["0.666667"], Aggregate("avg", 1, [0, 0, 0], Parsed(SqlType.Decimal(15, 2), "0.00", "1.00", "1.00")));
        Assert.Equal(SqlType.Decimal(38, 8), FunctionRegistry.ResolveAggregate("avg", [SqlType.Decimal(20, 8)], false).ReturnType);
    }

    [Fact]
    public void Avg_of_doubles_is_double()
    {
        Assert.Equal(["2.5"], Aggregate("avg", 1, [0, 0], Of<double>(SqlType.Double, 2, 3)));
    }

    [Fact]
    public void Min_and_max_work_for_strings_dates_and_skip_nulls()
    {
        Assert.Equal(["apple"], Aggregate("min", 1, [0, 0, 0], Strings(SqlType.Text, "pear", null, "apple")));
        Assert.Equal(["1995-06-17"], Aggregate("max", 1, [0, 0], Parsed(SqlType.Date, "1995-06-17", "1992-01-01")));
        Assert.Equal(["NULL"], Aggregate("max", 1, [0], Ints([null])));
    }

    [Fact]
    public void Sample_statistics_need_two_rows_and_population_ones_one()
    {
        var x = Of<double>(SqlType.Double, 2, 4, 4, 4, 5, 5, 7, 9);
        int[] groups = [0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(["2"], Aggregate("stddev_pop", 1, groups, x));
        Assert.Equal(["4"], Aggregate("var_pop", 1, groups, x));
        Assert.Equal(["NULL"], Aggregate("stddev", 1, [0], Of<double>(SqlType.Double, 1)));
        Assert.Equal(["0"], Aggregate("var_pop", 1, [0], Of<double>(SqlType.Double, 1)));
    }

    [Fact]
    public void Variance_states_merge_exactly()
    {
        var resolved = FunctionRegistry.ResolveAggregate("var_samp", [SqlType.Double], false);
        var a = resolved.Create();
        a.EnsureGroups(1);
        a.Update([Of<double>(SqlType.Double, 1, 2, 3)], [0, 0, 0], 3);
        var b = resolved.Create();
        b.EnsureGroups(1);
        b.Update([Of<double>(SqlType.Double, 4, 5)], [0, 0], 2);
        a.Merge(b, [0]);
        Assert.Equal(["2.5"], Texts(a.Finish(1)));
    }

    [Fact]
    public void Bool_and_and_bool_or_fold_booleans()
    {
        var flags = Of<bool>(SqlType.Boolean, true, false, true, true);
        Assert.Equal(["f", "t"], Aggregate("bool_and", 2, [0, 0, 1, 1], flags));
        Assert.Equal(["t", "t"], Aggregate("bool_or", 2, [0, 0, 1, 1], flags));
    }

    [Fact]
    public void Listagg_joins_values_in_feed_order_with_the_delimiter()
    {
        Assert.Equal(["a, b", "c"], Aggregate("listagg", 2, [0, 0, 1, 0], Strings(SqlType.Text, "a", "b", "c", null), Strings(SqlType.Text, ", ")));
    }

    [Fact]
    public void Covariance_and_correlation_of_a_perfect_line()
    {
        var y = Of<double>(SqlType.Double, 2, 4, 6);
        var x = Of<double>(SqlType.Double, 1, 2, 3);
        Assert.Equal(["1"], Aggregate("corr", 1, [0, 0, 0], y, x));
        Assert.Equal(["2"], Aggregate("covar_samp", 1, [0, 0, 0], y, x));
    }

    [Fact]
    public void Median_and_percentiles_interpolate()
    {
        Assert.Equal(["2.5"], Aggregate("median", 1, [0, 0, 0, 0], Ints(4, 1, 3, 2)));
        Assert.Equal(["3.25"], Aggregate("percentile_cont", 1, [0, 0, 0, 0], Of<double>(SqlType.Double, 0.75), Ints(4, 1, 3, 2)));
        Assert.Equal(["3"], Aggregate("percentile_disc", 1, [0, 0, 0, 0], Of<double>(SqlType.Double, 0.75), Ints(4, 1, 3, 2)));
    }

    [Fact]
    public void Sum_distinct_adds_each_value_once()
    {
        var resolved = FunctionRegistry.ResolveAggregate("sum", [SqlType.Integer], true);
        Assert.True(resolved.IsDistinct);
        var state = resolved.Create();
        state.EnsureGroups(1);
        state.Update([Ints(5, 5, 7, null)], [0, 0, 0, 0], 4);
        Assert.Equal(["12"], Texts(state.Finish(1)));
    }
}

internal static class VectorSlicing
{
    /// <summary>The first <paramref name="count"/> rows of a vector (for tests that need fewer rows than values).</summary>
    public static ColumnVector Slice(this ColumnVector vector, int count)
    {
        var rows = Enumerable.Range(0, count).ToArray();
        var values = new string?[count];
        for (int i = 0; i < count; i++) values[i] = ValueFormatter.Format(vector, rows[i]);
        return Casts.Cast(Strings(SqlType.Text, values), vector.Type, true);
    }
}
