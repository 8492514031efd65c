using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Execution;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Execution.Operators.Join;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Execution;

public sealed class HashJoinOperatorTests
{
    // left: (id, name)   right: (id, value)
    private static Batch Left() => Batch(Ints(1, 2, 2, 3, null), Texts("a", "b", "b2", "c", "n"));

    private static Batch Right() => Batch(Ints(2, 3, 3, 4, null), Ints(20, 30, 31, 40, 99));

    private static List<string> Join(JoinKind kind, bool buildIsLeft = false, CompiledExpression? residual = null, Batch? left = null, Batch? right = null, int[]? keys = null)
    {
        var context = Context();
        var l = left ?? Left();
        var r = right ?? Right();
        keys ??= [0];
        var build = buildIsLeft ? l : r;
        var probe = buildIsLeft ? r : l;
        var buildTypes = build.Columns.Select(c => c.Type).ToArray();
        var buildKeys = keys.Select(k => (CompiledExpression)new ColumnExpression(k, build.Columns[k].Type)).ToArray();
        var probeKeys = keys.Select(k => (CompiledExpression)new ColumnExpression(k, probe.Columns[k].Type)).ToArray();
        var table = new JoinHashTable(buildTypes, [build], buildKeys, context);
        var op = new HashJoinOperator(Source(probe), () => table, probeKeys, kind, buildIsLeft, residual, buildTypes, context);
        return Sorted(Rows(op));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inner_join_matches_equal_keys_and_never_nulls(bool buildIsLeft)
    {
        Assert.Equal(["2|b2|2|20", "2|b|2|20", "3|c|3|30", "3|c|3|31"], Join(JoinKind.Inner, buildIsLeft));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Left_join_null_extends_unmatched_left_rows(bool buildIsLeft)
    {
        Assert.Equal(["1|a|NULL|NULL", "2|b2|2|20", "2|b|2|20", "3|c|3|30", "3|c|3|31", "NULL|n|NULL|NULL"], Join(JoinKind.Left, buildIsLeft));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Right_join_null_extends_unmatched_right_rows(bool buildIsLeft)
    {
        Assert.Equal(["2|b2|2|20", "2|b|2|20", "3|c|3|30", "3|c|3|31", "NULL|NULL|4|40", "NULL|NULL|NULL|99"], Join(JoinKind.Right, buildIsLeft));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Full_join_keeps_unmatched_rows_of_both_sides(bool buildIsLeft)
    {
        Assert.Equal(
            ["1|a|NULL|NULL", "2|b2|2|20", "2|b|2|20", "3|c|3|30", "3|c|3|31", "NULL|NULL|4|40", "NULL|NULL|NULL|99", "NULL|n|NULL|NULL"],
            Join(JoinKind.Full, buildIsLeft));
    }

    [Fact]
    public void Semi_join_emits_each_matching_left_row_once()
    {
        Assert.Equal(["2|b", "2|b2", "3|c"], Join(JoinKind.Semi));
    }

    [Fact]
    public void Anti_join_keeps_rows_without_match_including_null_keys()
    {
        Assert.Equal(["1|a", "NULL|n"], Join(JoinKind.Anti));
    }

    [Fact]
    public void Null_aware_anti_join_returns_nothing_when_the_right_side_has_a_null()
    {
        Assert.Empty(Join(JoinKind.NullAwareAnti));
    }

    [Fact]
    public void Null_aware_anti_join_drops_null_left_keys_when_the_right_side_is_not_empty()
    {
        var right = Batch(Ints(2, 3), Ints(20, 30));
        Assert.Equal(["1|a"], Join(JoinKind.NullAwareAnti, right: right));
    }

    [Fact]
    public void Null_aware_anti_join_keeps_every_row_when_the_right_side_is_empty()
    {
        var right = Batch(Ints(), Ints());
        Assert.Equal(5, Join(JoinKind.NullAwareAnti, right: right).Count);
    }

    [Fact]
    public void Mark_join_yields_true_false_or_null_like_in()
    {
        var right = Batch(Ints(2, null), Ints(20, 0));
        Assert.Equal(["1|a|NULL", "2|b2|t", "2|b|t", "3|c|NULL", "NULL|n|NULL"], Join(JoinKind.Mark, right: right));
        var noNulls = Batch(Ints(2), Ints(20));
        Assert.Equal(["1|a|f", "2|b2|t", "2|b|t", "3|c|f", "NULL|n|NULL"], Join(JoinKind.Mark, right: noNulls));
        var empty = Batch(Ints(), Ints());
        Assert.Equal(["1|a|f", "2|b2|f", "2|b|f", "3|c|f", "NULL|n|f"], Join(JoinKind.Mark, right: empty));
    }

    [Fact]
    public void Mark_join_is_null_when_the_residual_is_null_and_nothing_matches()
    {
        // right.value > 30 is NULL for the right row with a NULL value.
        var left = Batch(Ints(2, 3), Texts("b", "c"));
        var right = Batch(Ints(2, 3, 3), Ints(null, 31, 5));
        Assert.Equal(["2|b|NULL", "3|c|t"], Join(JoinKind.Mark, residual: new GreaterThan(3, 30), left: left, right: right));
    }

    [Fact]
    public void Single_join_fails_with_21000_when_a_row_has_two_matches()
    {
        var error = Assert.Throws<SqlException>(() => Join(JoinKind.Single));
        Assert.Equal(SqlState.CardinalityViolation, error.SqlState);
        Assert.Equal("more than one row returned by a subquery used as an expression", error.Message);
    }

    [Fact]
    public void Single_join_null_extends_rows_without_a_match()
    {
        var right = Batch(Ints(2, 3), Ints(20, 30));
        Assert.Equal(["1|a|NULL|NULL", "2|b2|2|20", "2|b|2|20", "3|c|3|30", "NULL|n|NULL|NULL"], Join(JoinKind.Single, right: right));
    }

    [Fact]
    public void Residual_predicate_filters_pairs_and_outer_rows_are_null_extended()
    {
        // left.id = right.id AND right.value > 30
        var residual = new GreaterThan(3, 30);
        Assert.Equal(["1|a|NULL|NULL", "2|b2|NULL|NULL", "2|b|NULL|NULL", "3|c|3|31", "NULL|n|NULL|NULL"], Join(JoinKind.Left, residual: residual));
    }

    [Theory]
    [InlineData(JoinKind.Inner, new[] { "2|b|2|20" })]
    [InlineData(JoinKind.Semi, new[] { "2|b" })]
    [InlineData(JoinKind.Anti, new[] { "1|a", "2|b2", "3|c", "NULL|n" })]
    [InlineData(JoinKind.Left, new[] { "1|a|NULL|NULL", "2|b2|NULL|NULL", "2|b|2|20", "3|c|NULL|NULL", "NULL|n|NULL|NULL" })]
    public void Compiled_residual_reads_only_its_columns_and_filters_pairs(JoinKind kind, string[] expected)
    {
        // left.name < 'b2' AND right.value <> 30, compiled from bound expressions (left: id, name; right: id, value)
        var name = new Planning.Bound.BoundColumnRef(1, SqlType.Text, "name");
        var value = new Planning.Bound.BoundColumnRef(3, SqlType.Integer, "value");
        var lt = ActorWarehouse.Engine.Functions.FunctionRegistry.ResolveScalar("<", [SqlType.Text, SqlType.Text]);
        var ne = ActorWarehouse.Engine.Functions.FunctionRegistry.ResolveScalar("<>", [SqlType.Integer, SqlType.Integer]);
        var residual = ExpressionCompiler.Compile(new Planning.Bound.BoundAnd(
        [
            new Planning.Bound.BoundFunctionCall("<", lt, [name, new Planning.Bound.BoundLiteral("b2", SqlType.Text)]),
            new Planning.Bound.BoundFunctionCall("<>", ne, [value, new Planning.Bound.BoundLiteral(30, SqlType.Integer)]),
        ]));
        Assert.Equal([1, 3], residual.ReferencedColumns);
        Assert.Equal(expected, Join(kind, residual: residual));
    }

    [Fact]
    public void Join_without_keys_is_a_nested_loop_over_every_pair()
    {
        var left = Batch(Ints(1, 2), Texts("a", "b"));
        var right = Batch(Ints(5, 6, 7), Ints(50, 60, 70));
        var residual = new GreaterThan(2, 5);
        Assert.Equal(["1|a|6|60", "1|a|7|70", "2|b|6|60", "2|b|7|70"], Join(JoinKind.Inner, residual: residual, left: left, right: right, keys: []));
    }

    [Fact]
    public void Nested_loop_join_fails_with_54000_past_the_pair_limit()
    {
        var context = new QueryContext(maxDegreeOfParallelism: 1) { MaxNestedLoopPairs = 5 };
        var right = Batch(Ints(1, 2, 3));
        var table = new JoinHashTable([SqlType.Integer], [right], [], context);
        var op = new HashJoinOperator(Source(Batch(Ints(1, 2, 3))), () => table, [], JoinKind.Inner, false, null, [SqlType.Integer], context);
        var error = Assert.Throws<SqlException>(() => Operator.Drain(op));
        Assert.Equal(SqlState.ProgramLimitExceeded, error.SqlState);
    }

    [Fact]
    public void Multi_column_string_keys_join_on_all_columns()
    {
        var left = Batch(Texts("x", "x", "y"), Ints(1, 2, 1));
        var right = Batch(Texts("x", "y", "x"), Ints(2, 1, 3), Ints(100, 200, 300));
        Assert.Equal(["x|2|x|2|100", "y|1|y|1|200"], Join(JoinKind.Inner, left: left, right: right, keys: [0, 1]));
    }

    [Fact]
    public void Large_many_to_many_join_produces_every_pair()
    {
        var left = Batch(Ints(Enumerable.Range(0, 10_000).Select(i => (int?)(i % 10)).ToArray()));
        var right = Batch(Ints(Enumerable.Range(0, 1_000).Select(i => (int?)(i % 10)).ToArray()));
        Assert.Equal(1_000_000, Join(JoinKind.Inner, left: left, right: right).Count);
    }

    /// <summary>Test residual: column &gt; constant over the combined row.</summary>
    private sealed class GreaterThan(int column, int value) : CompiledExpression(SqlType.Boolean)
    {
        public override ColumnVector Evaluate(Batch input, QueryContext context)
        {
            var v = (ColumnVector<int>)input.Columns[column];
            var result = new bool[input.RowCount];
            for (int i = 0; i < result.Length; i++) result[i] = v.Values[i] > value;
            return new ColumnVector<bool>(SqlType.Boolean, result, input.RowCount, v.Validity?.Clone());
        }
    }
}
