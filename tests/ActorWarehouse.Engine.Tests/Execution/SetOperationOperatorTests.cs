using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.SetOperations;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Execution;

public sealed class SetOperationOperatorTests
{
    private static Operator Left() => Source(Batch(Ints(1, 1, 1, 2, null, null, 3)));

    private static Operator Right() => Source(Batch(Ints(1, 1, 2, 2, null, 4)));

    [Fact]
    public void Intersect_all_keeps_the_smaller_count_and_treats_nulls_as_equal()
    {
        Assert.Equal(["1", "1", "2", "NULL"], Sorted(Rows(new SetOperationOperator(Left(), Right(), SetOperation.Intersect, true, Context()))));
    }

    [Fact]
    public void Intersect_without_all_removes_duplicates()
    {
        Assert.Equal(["1", "2", "NULL"], Sorted(Rows(new SetOperationOperator(Left(), Right(), SetOperation.Intersect, false, Context()))));
    }

    [Fact]
    public void Except_all_subtracts_counts()
    {
        Assert.Equal(["1", "3", "NULL"], Sorted(Rows(new SetOperationOperator(Left(), Right(), SetOperation.Except, true, Context()))));
    }

    [Fact]
    public void Except_without_all_keeps_rows_absent_on_the_right()
    {
        Assert.Equal(["3"], Rows(new SetOperationOperator(Left(), Right(), SetOperation.Except, false, Context())));
    }

    [Fact]
    public void Union_all_appends_and_distinct_removes_duplicates_with_nulls_equal()
    {
        var union = new AppendOperator([Left(), Right()]);
        Assert.Equal(["1", "2", "3", "4", "NULL"], Sorted(Rows(new DistinctOperator(union, Context()))));
        Assert.Equal(13, Rows(new AppendOperator([Left(), Right()])).Count);
    }

    [Fact]
    public void Limit_with_offset_spans_batches()
    {
        var input = Source(Batch(Ints(1, 2, 3)), Batch(Ints(4, 5, 6)));
        Assert.Equal(["3", "4", "5"], Rows(new LimitOperator(input, 3, 2)));
    }
}
