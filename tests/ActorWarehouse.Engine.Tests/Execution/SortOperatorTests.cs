using ActorWarehouse.Engine.Execution.Operators.Sort;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Execution;

public sealed class SortOperatorTests
{
    [Fact]
    public void Ascending_sort_puts_nulls_last_by_default()
    {
        var input = Source(Batch(Ints(3, null, 1, 2)));
        var rows = Rows(new SortOperator(input, [SortKey.Default(0)], Context()));
        Assert.Equal(["1", "2", "3", "NULL"], rows);
    }

    [Fact]
    public void Descending_sort_puts_nulls_first_by_default()
    {
        var input = Source(Batch(Ints(3, null, 1, 2)));
        var rows = Rows(new SortOperator(input, [SortKey.Default(0, descending: true)], Context()));
        Assert.Equal(["NULL", "3", "2", "1"], rows);
    }

    [Fact]
    public void Explicit_nulls_first_on_ascending_key_is_honoured()
    {
        var input = Source(Batch(Ints(3, null, 1)));
        var rows = Rows(new SortOperator(input, [new SortKey(0, false, true)], Context()));
        Assert.Equal(["NULL", "1", "3"], rows);
    }

    [Fact]
    public void Sort_is_stable_and_uses_later_keys_for_ties()
    {
        var input = Source(Batch(Texts("b", "a", "b", "a"), Ints(1, 2, 0, 2), Ints(10, 20, 30, 40)));
        var rows = Rows(new SortOperator(input, [SortKey.Default(0), SortKey.Default(1, descending: true)], Context()));
        Assert.Equal(["a|2|20", "a|2|40", "b|1|10", "b|0|30"], rows);
    }

    [Fact]
    public void Nan_sorts_after_every_number()
    {
        var input = Source(Batch(Doubles(double.NaN, 1.5, double.NegativeInfinity, double.PositiveInfinity)));
        var rows = Rows(new SortOperator(input, [SortKey.Default(0)], Context()));
        Assert.Equal(["-Infinity", "1.5", "Infinity", "NaN"], rows.Select(r => r.Replace("∞", "Infinity")).ToList());
    }

    [Fact]
    public void Top_n_keeps_only_the_best_rows_across_many_batches()
    {
        var batches = Enumerable.Range(0, 20)
            .Select(b => Batch(Ints(Enumerable.Range(0, 4096).Select(i => (int?)((b * 4096 + i) * 7919 % 81920)).ToArray())))
            .ToArray();
        var rows = Rows(new SortOperator(Source(batches), [SortKey.Default(0, descending: true)], Context(), topN: 3));
        Assert.Equal(["81919", "81918", "81917"], rows);
    }

    [Fact]
    public void Strings_sort_by_code_unit_like_the_c_collation()
    {
        var input = Source(Batch(Texts("b", "B", "a", "A", "")));
        var rows = Rows(new SortOperator(input, [SortKey.Default(0)], Context()));
        Assert.Equal(["", "A", "B", "a", "b"], rows);
    }
}

public sealed class SingleKeySortTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Single_numeric_key_fast_path_matches_the_general_stable_sort(bool descending, bool nullsFirst)
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 5000).Select(_ => random.Next(10) == 0 ? (long?)null : random.Next(100)).ToArray();
        var batch = Batch(Longs(values), Ints(Enumerable.Range(0, 5000).Select(i => (int?)i).ToArray()));
        var key = new SortKey(0, descending, nullsFirst);
        var fast = SortOperator.SortPermutation(batch, [key], Context());
        var general = Enumerable.Range(0, 5000).ToArray();
        Array.Sort(general, new RowComparer(batch, [key]));
        Assert.Equal(general, fast);
    }
}
