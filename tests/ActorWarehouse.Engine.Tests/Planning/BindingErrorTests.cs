using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Tests.Planner;

public sealed class BindingErrorTests : IDisposable
{
    private readonly SqlTestHelper _db = new();

    public BindingErrorTests()
    {
        _db.Run("create table t (a int, b text); create table u (a int, c text)");
    }

    [Theory]
    [InlineData("select * from missing", SqlState.UndefinedTable, "relation \"missing\" does not exist")]
    [InlineData("select nope from t", SqlState.UndefinedColumn, "column \"nope\" does not exist")]
    [InlineData("select t.nope from t", SqlState.UndefinedColumn, "column \"t.nope\" does not exist")]
    [InlineData("select x.a from t", SqlState.UndefinedTable, "missing FROM-clause entry for table \"x\"")]
    [InlineData("select a from t, u", SqlState.AmbiguousColumn, "column reference \"a\" is ambiguous")]
    [InlineData("select b, count(*) from t", SqlState.GroupingError, "column \"b\" must appear in the GROUP BY clause or be used in an aggregate function")]
    [InlineData("select a from t group by b", SqlState.GroupingError, "column \"a\" must appear in the GROUP BY clause or be used in an aggregate function")]
    [InlineData("select a from t where count(*) > 1", SqlState.GroupingError, "aggregate functions are not allowed in WHERE")]
    [InlineData("select sum(count(*)) from t", SqlState.GroupingError, "aggregate function calls cannot be nested")]
    [InlineData("select distinct a from t order by b", SqlState.InvalidColumnReference, "for SELECT DISTINCT, ORDER BY expressions must appear in select list")]
    [InlineData("select a from t order by 3", SqlState.InvalidColumnReference, "ORDER BY position 3 is not in select list")]
    [InlineData("select a from t group by 2", SqlState.InvalidColumnReference, "GROUP BY position 2 is not in select list")]
    [InlineData("select a from t union select a, c from u", SqlState.SyntaxError, "each UNION query must have the same number of columns")]
    [InlineData("select (select a, c from u) from t", SqlState.SyntaxError, "subquery must return only one column")]
    [InlineData("select a from t where a in (select a, c from u)", SqlState.SyntaxError, "subquery has too many columns")]
    [InlineData("select a from t where row_number() over () > 1", SqlState.WindowingError, "window functions are not allowed in WHERE")]
    [InlineData("select a + 'x' from t", SqlState.InvalidTextRepresentation, null)]
    [InlineData("select * from t join u using (zz)", SqlState.UndefinedColumn, "column \"zz\" specified in USING clause does not exist in left table")]
    [InlineData("select * from t, t", SqlState.DuplicateAlias, "table name \"t\" specified more than once")]
    [InlineData("with x as (select 1), x as (select 2) select * from x", SqlState.DuplicateAlias, "WITH query name \"x\" specified more than once")]
    [InlineData("with recursive x(n) as (select n from x) select * from x", SqlState.InvalidRecursion, null)]
    [InlineData("select a from t limit -1", SqlState.InvalidRowCountInLimit, "LIMIT must not be negative")]
    [InlineData("select nosuchfunction(a) from t", SqlState.UndefinedFunction, null)]
    [InlineData("select a from t where b", SqlState.DatatypeMismatch, null)]
    public void Binding_error_carries_the_PostgreSQL_sqlstate(string sql, string state, string? message)
    {
        var error = _db.Error(sql);
        Assert.Equal(state, error.SqlState);
        if (message is not null) Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Error_positions_point_at_the_offending_name()
    {
        var error = _db.Error("select a, nope from t");
        Assert.Equal(11, error.Position);
    }

    public void Dispose() => _db.Dispose();
}
