using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Memory;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.Sort;
using ActorWarehouse.Engine.Execution.Pipelines;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Execution;

public sealed class CancellationAndMemoryTests
{
    /// <summary>Endless batches, so only cancellation or an error can end a query over it.</summary>
    private sealed class EndlessOperator() : Operator([SqlType.Integer])
    {
        private readonly Batch _batch = Batch(Ints(Enumerable.Range(0, 1024).Select(i => (int?)i).ToArray()));

        public override Batch? Next() => _batch;
    }

    [Fact]
    public void Cancelled_statement_fails_with_57014()
    {
        using var cts = new CancellationTokenSource();
        var context = new QueryContext(cts.Token, new MemoryBudget(long.MaxValue), 2);
        var gather = StreamingGather.Open([SqlType.Integer], 4, _ => new FilterOperator(new EndlessOperator(), new Engine.Execution.Expressions.ConstantExpression(true, SqlType.Boolean), context), context);
        Assert.NotNull(gather.Next());
        cts.Cancel();
        var error = Assert.Throws<SqlException>(() =>
        {
            while (gather.Next() is not null)
            {
            }
        });
        Assert.Equal(SqlState.QueryCanceled, error.SqlState);
        Assert.Equal("canceling statement due to user request", error.Message);
        gather.Dispose();
    }

    [Fact]
    public void Sort_beyond_the_memory_budget_fails_with_53200()
    {
        var context = new QueryContext(memory: new MemoryBudget(1 << 20), maxDegreeOfParallelism: 1);
        var input = new LimitOperator(new EndlessOperator(), 1_000_000, 0);
        var error = Assert.Throws<SqlException>(() => Operator.Drain(new SortOperator(input, [SortKey.Default(0)], context)));
        Assert.Equal(SqlState.OutOfMemory, error.SqlState);
        Assert.Contains("memory budget", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_n_sort_stays_within_a_small_budget()
    {
        var context = new QueryContext(memory: new MemoryBudget(4 << 20), maxDegreeOfParallelism: 1);
        var input = new LimitOperator(new EndlessOperator(), 2_000_000, 0);
        var rows = Rows(new SortOperator(input, [SortKey.Default(0, descending: true)], context, topN: 2));
        Assert.Equal(["1023", "1023"], rows);
    }

    [Fact]
    public void Worker_failure_is_reported_with_its_own_sqlstate()
    {
        var context = Context(workers: 2);
        var gather = StreamingGather.Open([SqlType.Integer], 3, p => p == 1
            ? throw new SqlException(SqlState.DivisionByZero, "division by zero")
            : new LimitOperator(new EndlessOperator(), 10_000, 0), context);
        var error = Assert.Throws<SqlException>(() => Operator.Drain(gather));
        Assert.Equal(SqlState.DivisionByZero, error.SqlState);
        gather.Dispose();
    }

    [Fact]
    public void Gather_returns_every_batch_of_every_partition()
    {
        var context = Context(workers: 2);
        var gather = StreamingGather.Open([SqlType.Integer], 5, p => new LimitOperator(new EndlessOperator(), 5000, 0), context);
        Assert.Equal(25_000, Rows(gather).Count);
    }
}
