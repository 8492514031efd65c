namespace ActorWarehouse.Engine.Tests.Planner;

public sealed class SmokeTests
{
    [Fact]
    public void Create_insert_and_select_round_trips_rows()
    {
        using var db = new SqlTestHelper();
        db.Run("create table t (a int, b varchar(10)); insert into t values (1, 'x'), (2, 'y'), (3, null)");
        Assert.Equal(["1|x", "2|y", "3|NULL"], db.Rows("select a, b from t order by a"));
    }
}
