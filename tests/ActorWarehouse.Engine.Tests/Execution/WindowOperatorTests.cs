using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.Window;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Execution;

public sealed class WindowOperatorTests
{
    // (p text, o int, v int); o has a tie (2, 2) inside partition "a".
    private static Operator Input() => Source(Batch(
        Texts("a", "a", "b", "a", "b", "a"),
        Ints(1, 2, 1, 2, 5, 4),
        Ints(10, 20, 30, 40, 50, 60)));

    private static readonly CompiledExpression P = new ColumnExpression(0, SqlType.Text);
    private static readonly CompiledExpression O = new ColumnExpression(1, SqlType.Integer);
    private static readonly CompiledExpression V = new ColumnExpression(2, SqlType.Integer);

    private static WindowSpec Spec(WindowFunctionKind kind, SqlType type, CompiledExpression[]? args = null, WindowFrameSpec? frame = null,
        bool descending = false, Func<IGroupedAggregate>? aggregate = null) =>
        new(kind, type, aggregate, args ?? [], [P], [new WindowOrderKey(O, descending, descending)], frame ?? WindowFrameSpec.UpToCurrentPeers);

    /// <summary>The window column per input row, in input order.</summary>
    private static List<string> Column(WindowSpec spec) =>
        Rows(new WindowOperator(Input(), [spec], Context())).Select(r => r.Split('|')[3]).ToList();

    private static Func<IGroupedAggregate> SumInt => FunctionRegistry.ResolveAggregate("sum", [SqlType.Integer], false).Create;

    [Fact]
    public void Row_number_rank_and_dense_rank_follow_peers()
    {
        Assert.Equal(["1", "2", "1", "3", "2", "4"], Column(Spec(WindowFunctionKind.RowNumber, SqlType.BigInt)));
        Assert.Equal(["1", "2", "1", "2", "2", "4"], Column(Spec(WindowFunctionKind.Rank, SqlType.BigInt)));
        Assert.Equal(["1", "2", "1", "2", "2", "3"], Column(Spec(WindowFunctionKind.DenseRank, SqlType.BigInt)));
    }

    [Fact]
    public void Percent_rank_and_cume_dist_use_partition_size()
    {
        Assert.Equal(["0", "0.3333333333333333", "0", "0.3333333333333333", "1", "1"], Column(Spec(WindowFunctionKind.PercentRank, SqlType.Double)));
        Assert.Equal(["0.25", "0.75", "0.5", "0.75", "1", "1"], Column(Spec(WindowFunctionKind.CumeDist, SqlType.Double)));
    }

    [Fact]
    public void Ntile_gives_earlier_buckets_the_extra_rows()
    {
        var three = new ConstantExpression(3, SqlType.Integer);
        Assert.Equal(["1", "1", "1", "2", "2", "3"], Column(Spec(WindowFunctionKind.Ntile, SqlType.Integer, [three])));
    }

    [Fact]
    public void Lag_and_lead_respect_offset_default_and_partition_edges()
    {
        Assert.Equal(["NULL", "10", "NULL", "20", "30", "40"], Column(Spec(WindowFunctionKind.Lag, SqlType.Integer, [V])));
        var two = new ConstantExpression(2L, SqlType.BigInt);
        var minusOne = new ConstantExpression(-1, SqlType.Integer);
        Assert.Equal(["40", "60", "-1", "-1", "-1", "-1"], Column(Spec(WindowFunctionKind.Lead, SqlType.Integer, [V, two, minusOne])));
    }

    [Fact]
    public void Default_frame_sums_up_to_the_last_peer()
    {
        // partition a ordered by o: 10 (o=1), 20 and 40 (o=2, peers), 60 (o=4)
        Assert.Equal(["10", "70", "30", "70", "80", "130"], Column(Spec(WindowFunctionKind.Aggregate, SqlType.BigInt, [V], aggregate: SumInt)));
    }

    [Fact]
    public void Rows_frame_running_sum_does_not_include_peers()
    {
        var frame = new WindowFrameSpec(FrameUnits.Rows, new(FrameBoundKind.UnboundedPreceding), new(FrameBoundKind.CurrentRow));
        Assert.Equal(["10", "30", "30", "70", "80", "130"], Column(Spec(WindowFunctionKind.Aggregate, SqlType.BigInt, [V], frame, aggregate: SumInt)));
    }

    [Fact]
    public void Whole_partition_frame_gives_every_row_the_partition_total()
    {
        Assert.Equal(["130", "130", "80", "130", "80", "130"],
            Column(Spec(WindowFunctionKind.Aggregate, SqlType.BigInt, [V], WindowFrameSpec.WholePartition, aggregate: SumInt)));
    }

    [Fact]
    public void Sliding_rows_frame_sums_neighbours()
    {
        var one = new ConstantExpression(1, SqlType.Integer);
        var frame = new WindowFrameSpec(FrameUnits.Rows, new(FrameBoundKind.Preceding, one), new(FrameBoundKind.Following, one));
        Assert.Equal(["30", "70", "80", "120", "80", "100"], Column(Spec(WindowFunctionKind.Aggregate, SqlType.BigInt, [V], frame, aggregate: SumInt)));
    }

    [Fact]
    public void Range_offset_frame_uses_order_key_values()
    {
        // RANGE BETWEEN 1 PRECEDING AND CURRENT ROW: partition a keys 1,2,2,4
        var one = new ConstantExpression(1, SqlType.Integer);
        var frame = new WindowFrameSpec(FrameUnits.Range, new(FrameBoundKind.Preceding, one), new(FrameBoundKind.CurrentRow));
        Assert.Equal(["10", "70", "30", "70", "50", "60"], Column(Spec(WindowFunctionKind.Aggregate, SqlType.BigInt, [V], frame, aggregate: SumInt)));
    }

    [Fact]
    public void First_last_and_nth_value_read_the_frame()
    {
        Assert.Equal(["10", "10", "30", "10", "30", "10"], Column(Spec(WindowFunctionKind.FirstValue, SqlType.Integer, [V])));
        // Default frame ends at the last peer: rows with o=2 see 40 as last value.
        Assert.Equal(["10", "40", "30", "40", "50", "60"], Column(Spec(WindowFunctionKind.LastValue, SqlType.Integer, [V])));
        var two = new ConstantExpression(2, SqlType.Integer);
        Assert.Equal(["NULL", "20", "NULL", "20", "50", "20"], Column(Spec(WindowFunctionKind.NthValue, SqlType.Integer, [V, two])));
    }

    [Theory]
    [InlineData(FrameExclusion.NoOthers, new[] { "130", "130", "80", "130", "80", "130" })]
    [InlineData(FrameExclusion.CurrentRow, new[] { "120", "110", "50", "90", "30", "70" })]
    [InlineData(FrameExclusion.Group, new[] { "120", "70", "50", "70", "30", "70" })]
    [InlineData(FrameExclusion.Ties, new[] { "130", "90", "80", "110", "80", "130" })]
    public void Frame_exclusion_removes_the_current_row_or_its_peers_from_the_sum(FrameExclusion exclusion, string[] expected)
    {
        var frame = WindowFrameSpec.WholePartition with { Exclusion = exclusion };
        Assert.Equal(expected, Column(Spec(WindowFunctionKind.Aggregate, SqlType.BigInt, [V], frame, aggregate: SumInt)));
    }

    [Fact]
    public void Frame_exclusion_applies_to_first_last_and_nth_value()
    {
        var excludeCurrent = WindowFrameSpec.UpToCurrentPeers with { Exclusion = FrameExclusion.CurrentRow };
        Assert.Equal(["NULL", "10", "NULL", "10", "30", "10"], Column(Spec(WindowFunctionKind.FirstValue, SqlType.Integer, [V], excludeCurrent)));
        Assert.Equal(["NULL", "40", "NULL", "20", "30", "40"], Column(Spec(WindowFunctionKind.LastValue, SqlType.Integer, [V], excludeCurrent)));
        // EXCLUDE TIES keeps the current row in its place among the frame's rows.
        var excludeTies = WindowFrameSpec.UpToCurrentPeers with { Exclusion = FrameExclusion.Ties };
        Assert.Equal(["10", "20", "30", "40", "50", "60"], Column(Spec(WindowFunctionKind.LastValue, SqlType.Integer, [V], excludeTies)));
        var two = new ConstantExpression(2, SqlType.Integer);
        var excludeGroup = WindowFrameSpec.UpToCurrentPeers with { Exclusion = FrameExclusion.Group };
        Assert.Equal(["NULL", "NULL", "NULL", "NULL", "NULL", "20"], Column(Spec(WindowFunctionKind.NthValue, SqlType.Integer, [V, two], excludeGroup)));
    }

    [Fact]
    public void Descending_order_puts_nulls_first_and_ranks_accordingly()
    {
        var input = Source(Batch(Texts("a", "a", "a"), Ints(1, null, 3), Ints(1, 2, 3)));
        var spec = Spec(WindowFunctionKind.RowNumber, SqlType.BigInt, descending: true);
        var column = Rows(new WindowOperator(input, [spec], Context())).Select(r => r.Split('|')[3]).ToList();
        Assert.Equal(["3", "1", "2"], column);
    }

    [Fact]
    public void Running_sum_over_a_large_partition_is_exact()
    {
        int n = 20_000;
        var input = Source(Batch(Texts(Enumerable.Repeat((string?)"p", n).ToArray()), Ints(Enumerable.Range(0, n).Select(i => (int?)i).ToArray()), Ints(Enumerable.Repeat((int?)1, n).ToArray())));
        var frame = new WindowFrameSpec(FrameUnits.Rows, new(FrameBoundKind.UnboundedPreceding), new(FrameBoundKind.CurrentRow));
        var rows = Rows(new WindowOperator(input, [Spec(WindowFunctionKind.Aggregate, SqlType.BigInt, [V], frame, aggregate: SumInt)], Context()));
        for (int i = 0; i < n; i++) Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), rows[i].Split('|')[3]);
    }
}
