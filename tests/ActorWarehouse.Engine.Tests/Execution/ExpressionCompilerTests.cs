using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Execution;

public sealed class ExpressionCompilerTests
{
    private static readonly BoundColumnRef X = new(0, SqlType.Integer, "x");
    private static readonly BoundColumnRef B = new(1, SqlType.Boolean, "b");

    private static BoundExpr Call(string op, BoundExpr a, BoundExpr b) =>
        new BoundFunctionCall(op, FunctionRegistry.ResolveScalar(op, [a.Type, b.Type]), [a, b]);

    private static BoundLiteral Int(int v) => new(v, SqlType.Integer);

    private static List<string> Eval(BoundExpr expr, Batch batch)
    {
        var vector = ExpressionCompiler.Compile(expr).Evaluate(batch, Context());
        return Enumerable.Range(0, batch.RowCount).Select(i => vector.GetBoxed(i) switch
        {
            null => "NULL",
            bool v => v ? "t" : "f",
            var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!,
        }).ToList();
    }

    private static Batch Data() => Batch(Ints(0, 1, 2, null), Bools(true, null, false, null));

    [Fact]
    public void And_uses_three_valued_logic()
    {
        // (x > 0) AND b : x=0 → f; x=1,b=null → NULL; x=2,b=f → f; x=null → NULL (b null)
        Assert.Equal(["f", "NULL", "f", "NULL"], Eval(new BoundAnd([Call(">", X, Int(0)), B]), Data()));
    }

    [Fact]
    public void Or_uses_three_valued_logic()
    {
        Assert.Equal(["t", "t", "t", "NULL"], Eval(new BoundOr([Call(">", X, Int(0)), B]), Data()));
    }

    [Fact]
    public void And_does_not_evaluate_later_terms_on_rows_already_false()
    {
        // x <> 0 AND 10 / x > 1 must not divide by zero for x = 0.
        var expr = new BoundAnd([Call("<>", X, Int(0)), Call(">", Call("/", Int(10), X), Int(1))]);
        Assert.Equal(["f", "t", "t", "NULL"], Eval(expr, Data()));
    }

    [Fact]
    public void Case_evaluates_each_branch_only_on_its_rows()
    {
        var expr = new BoundCase([new BoundWhen(Call("=", X, Int(0)), Int(-1))], Call("/", Int(10), X), SqlType.Integer);
        Assert.Equal(["-1", "10", "5", "NULL"], Eval(expr, Data()));
    }

    [Fact]
    public void Case_without_match_and_without_else_is_null()
    {
        var expr = new BoundCase([new BoundWhen(Call(">", X, Int(1)), Int(7))], BoundLiteral.Null(SqlType.Integer), SqlType.Integer);
        Assert.Equal(["NULL", "NULL", "7", "NULL"], Eval(expr, Data()));
    }

    [Fact]
    public void Coalesce_takes_the_first_non_null()
    {
        Assert.Equal(["0", "1", "2", "42"], Eval(new BoundCoalesce([X, Int(42)], SqlType.Integer), Data()));
    }

    [Fact]
    public void In_list_has_sql_null_semantics()
    {
        Assert.Equal(["f", "t", "f", "NULL"], Eval(new BoundInList(X, [Int(1), Int(5)], false), Data()));
        Assert.Equal(["NULL", "t", "NULL", "NULL"], Eval(new BoundInList(X, [Int(1), BoundLiteral.Null(SqlType.Integer)], false), Data()));
        Assert.Equal(["t", "f", "t", "NULL"], Eval(new BoundInList(X, [Int(1), Int(5)], true), Data()));
    }

    [Fact]
    public void Is_null_and_is_distinct_from_are_never_null()
    {
        Assert.Equal(["f", "f", "f", "t"], Eval(new BoundIsNull(X, false), Data()));
        Assert.Equal(["t", "f", "t", "t"], Eval(new BoundIsDistinctFrom(X, Int(1), false), Data()));
        Assert.Equal(["f", "f", "f", "t"], Eval(new BoundIsDistinctFrom(X, BoundLiteral.Null(SqlType.Integer), true), Data()));
    }

    [Fact]
    public void Not_of_null_is_null()
    {
        Assert.Equal(["f", "NULL", "t", "NULL"], Eval(new BoundNot(B), Data()));
    }

    [Fact]
    public void Constant_calls_are_folded_but_failing_folds_wait_for_rows()
    {
        Assert.IsType<ConstantExpression>(ExpressionCompiler.Compile(Call("+", Int(1), Int(2))));
        var failing = ExpressionCompiler.Compile(Call("/", Int(1), Int(0)));
        Assert.IsNotType<ConstantExpression>(failing);
        var error = Assert.Throws<Errors.SqlException>(() => failing.Evaluate(Batch(Ints(1)), Context()));
        Assert.Equal(Errors.SqlState.DivisionByZero, error.SqlState);
    }
}
