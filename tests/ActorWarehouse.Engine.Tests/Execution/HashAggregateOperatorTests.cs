using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.Aggregate;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Execution;

public sealed class HashAggregateOperatorTests
{
    private static AggregateSpec Count() => new("count", SqlType.BigInt, FunctionRegistry.ResolveAggregate("count", [], false).Create, []);

    private static AggregateSpec Sum(int column, bool distinct = false, CompiledExpression? filter = null) =>
        new("sum", SqlType.BigInt, FunctionRegistry.ResolveAggregate("sum", [SqlType.Integer], false).Create,
            [new ColumnExpression(column, SqlType.Integer)], filter, distinct);

    private static AggregatePlan Plan(int[] keys, AggregateSpec[] aggregates, IReadOnlyList<IReadOnlyList<int>>? sets = null)
    {
        var input = new[] { SqlType.Text, SqlType.Integer, SqlType.Integer };
        return new AggregatePlan(input, keys.Select(k => (CompiledExpression)new ColumnExpression(k, input[k])).ToArray(),
            keys.Select(k => input[k]).ToArray(), sets ?? AggregatePlan.SingleSet(keys.Length), aggregates, sets is not null);
    }

    // (g text, k int, v int)
    private static Operator Input() => Source(
        Batch(Texts("a", "b", "a", null), Ints(1, 1, 2, 1), Ints(10, 20, 30, null)),
        Batch(Texts("b", null, "a"), Ints(2, 1, 1), Ints(40, 50, 10)));

    [Fact]
    public void Group_by_puts_null_keys_in_one_group()
    {
        var op = new HashAggregateOperator(Input(), Plan([0], [Count(), Sum(2)]), Context());
        Assert.Equal(["NULL|2|50", "a|3|50", "b|2|60"], Sorted(Rows(op)));
    }

    [Fact]
    public void Scalar_aggregate_over_empty_input_returns_one_row()
    {
        var empty = Source([SqlType.Text, SqlType.Integer, SqlType.Integer]);
        var op = new HashAggregateOperator(empty, Plan([], [Count(), Sum(2)]), Context());
        Assert.Equal(["0|NULL"], Rows(op));
    }

    [Fact]
    public void Group_by_over_empty_input_returns_no_rows()
    {
        var empty = Source([SqlType.Text, SqlType.Integer, SqlType.Integer]);
        Assert.Empty(Rows(new HashAggregateOperator(empty, Plan([0], [Count()]), Context())));
    }

    [Fact]
    public void Grouping_sets_emit_each_set_with_missing_keys_null_and_the_set_index()
    {
        // GROUP BY ROLLUP (g, k) = sets (g, k), (g), ()
        IReadOnlyList<IReadOnlyList<int>> sets = [[0, 1], [0], []];
        var rows = Sorted(Rows(new HashAggregateOperator(Input(), Plan([0, 1], [Sum(2)], sets), Context())));
        Assert.Equal(
        [
            "NULL|1|50|0", "NULL|NULL|160|2", "NULL|NULL|50|1",
            "a|1|20|0", "a|2|30|0", "a|NULL|50|1",
            "b|1|20|0", "b|2|40|0", "b|NULL|60|1",
        ], rows);
    }

    [Fact]
    public void Rollup_over_empty_input_still_has_the_grand_total_row()
    {
        IReadOnlyList<IReadOnlyList<int>> sets = [[0], []];
        var empty = Source([SqlType.Text, SqlType.Integer, SqlType.Integer]);
        Assert.Equal(["NULL|0|1"], Rows(new HashAggregateOperator(empty, Plan([0], [Count()], sets), Context())));
    }

    [Fact]
    public void Distinct_aggregate_feeds_each_value_once_per_group()
    {
        var rows = Sorted(Rows(new HashAggregateOperator(Input(), Plan([0], [Sum(2, distinct: true)]), Context())));
        Assert.Equal(["NULL|50", "a|40", "b|60"], rows);
    }

    [Fact]
    public void Filter_clause_skips_rows_that_are_not_true()
    {
        var kIsOne = new GreaterThanConstant(1, 1, negate: true);
        var rows = Sorted(Rows(new HashAggregateOperator(Input(), Plan([0], [Sum(2, filter: kIsOne)]), Context())));
        Assert.Equal(["NULL|50", "a|20", "b|20"], rows);
    }

    [Fact]
    public void Partitions_aggregated_in_parallel_merge_to_the_same_result()
    {
        var batches = Enumerable.Range(0, 16).Select(p =>
            Batch(Texts(Enumerable.Range(0, 1000).Select(i => (string?)$"g{(p * 1000 + i) % 37}").ToArray()),
                Ints(Enumerable.Range(0, 1000).Select(i => (int?)i).ToArray()),
                Ints(Enumerable.Range(0, 1000).Select(i => (int?)1).ToArray()))).ToArray();
        var partitions = batches.Select(b => (Func<Operator>)(() => Source(b))).ToArray();
        var op = new HashAggregateOperator(partitions, Plan([0], [Count(), Sum(2)]), Context(workers: 4));
        var rows = Rows(op);
        Assert.Equal(37, rows.Count);
        Assert.Equal(16_000, rows.Sum(r => long.Parse(r.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.Equal(r.Split('|')[1], r.Split('|')[2]));
    }

    [Fact]
    public void Many_groups_grow_the_hash_table_correctly()
    {
        var keys = Enumerable.Range(0, 100_000).Select(i => (int?)(i % 50_000)).ToArray();
        var input = Source(Batch(Texts(keys.Select(k => (string?)"x").ToArray()), Ints(keys), Ints(keys)));
        var rows = Rows(new HashAggregateOperator(input, Plan([1], [Count()]), Context()));
        Assert.Equal(50_000, rows.Count);
        Assert.All(rows, r => Assert.EndsWith("|2", r, StringComparison.Ordinal));
    }

    private sealed class GreaterThanConstant(int column, int value, bool negate) : CompiledExpression(SqlType.Boolean)
    {
        public override Columnar.ColumnVector Evaluate(Columnar.Batch input, Engine.Execution.QueryContext context)
        {
            var v = (Columnar.ColumnVector<int>)input.Columns[column];
            var result = new bool[input.RowCount];
            for (int i = 0; i < result.Length; i++) result[i] = (v.Values[i] > value) != negate;
            return new Columnar.ColumnVector<bool>(SqlType.Boolean, result, input.RowCount, v.Validity?.Clone());
        }
    }
}
