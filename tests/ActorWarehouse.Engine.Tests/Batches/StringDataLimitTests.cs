using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Execution.Operators.Sort;
using ActorWarehouse.Engine.Execution.Vectors;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Batches;

/// <summary>
/// One string column holds at most ~2 GB (one byte[]); past that a statement fails with 54000 rather than crashing.
/// The limit is lowered for each test's own flow instead of allocating gigabytes.
/// </summary>
public sealed class StringDataLimitTests
{
    private static readonly string Ten = new('x', 10);

    private static void AssertLimitError(Action action, string operation)
    {
        var ex = Assert.Throws<SqlException>(action);
        Assert.Equal(SqlState.ProgramLimitExceeded, ex.SqlState);
        Assert.Equal($"string data of one column exceeds 2 GB in {operation}", ex.Message);
    }

    [Fact]
    public void A_builder_growing_past_the_limit_raises_54000()
    {
        using var _ = StringDataLimit.LowerForTests(100);
        var builder = new StringVectorBuilder(16, 16);
        for (int i = 0; i < 10; i++) builder.Append(Ten);
        AssertLimitError(() => builder.Append("y"u8), "one batch");
        Assert.Equal(10, builder.Count); // the values before stay usable
    }

    [Fact]
    public void A_sort_whose_input_concatenates_past_the_limit_raises_54000()
    {
        using var _ = StringDataLimit.LowerForTests(100);
        var batches = Enumerable.Range(0, 11).Select(_ => Batch(Texts(Ten))).ToArray();
        AssertLimitError(() => Rows(new SortOperator(Source(batches), [SortKey.Default(0)], Context())), "a sort");
        Assert.Equal(10, Rows(new SortOperator(Source(batches[..10]), [SortKey.Default(0)], Context())).Count);
    }

    [Fact]
    public void Concat_counts_bytes_in_long_arithmetic()
    {
        using var _ = StringDataLimit.LowerForTests(100);
        AssertLimitError(() => VectorOps.Concat(SqlType.Text, [Texts(new string('a', 60)), Texts(new string('b', 60))], "a hash join build side"),
            "a hash join build side");
    }

    [Fact]
    public void String_group_keys_past_the_limit_raise_54000()
    {
        var keys = Texts(Enumerable.Range(0, 11).Select(i => $"key-{i:D26}").ToArray()); // 11 × 30 bytes
        using var _ = StringDataLimit.LowerForTests(300);
        var table = new GroupKeyTable([SqlType.Text]);
        AssertLimitError(() => table.FindOrInsert([keys], keys.Length, new int[keys.Length]), "the string keys of a hash table");
    }

    [Fact]
    public void A_gather_repeating_rows_past_the_limit_raises_54000()
    {
        using var _ = StringDataLimit.LowerForTests(100);
        var source = Texts(Ten, "a");
        Assert.Equal(100, ((StringVector)VectorSelection.Take(source, new int[10])).DataLength);
        AssertLimitError(() => VectorSelection.Take(source, new int[11]), "a gather of rows");
    }

    [Fact]
    public void A_constant_column_checks_its_total_size_before_allocating()
    {
        using var _ = StringDataLimit.LowerForTests(100);
        AssertLimitError(() => VectorOps.Constant(SqlType.Text, Ten, 11), "a constant column");
    }
}
