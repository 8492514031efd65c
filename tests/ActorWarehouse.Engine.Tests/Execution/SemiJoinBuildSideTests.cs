using ActorWarehouse.Engine.Tests.Planner;

namespace ActorWarehouse.Engine.Tests.Execution;

/// <summary>
/// EXISTS / NOT EXISTS whose outer side is far smaller than the subquery's table are run with the outer rows in
/// the hash table (the plan says so); the answers must be those of the usual build on the subquery side.
/// </summary>
public sealed class SemiJoinBuildSideTests : IDisposable
{
    private readonly SqlTestHelper _db = new();

    public SemiJoinBuildSideTests()
    {
        _db.Run("create table small (k int, s int); create table big (k int, s int)");
        _db.Run("insert into small values (1, 10), (2, 20), (3, 30), (4, 40), (null, 50)");
        // k = 1: two suppliers; k = 2: only its own supplier 20; k = 3: nothing; k = 4: one other supplier.
        _db.Run("insert into big select 100 + x, x from generate_series(1, 200) as g(x)");
        _db.Run("insert into big values (1, 10), (1, 11), (2, 20), (4, 99), (null, 7)");
    }

    [Fact]
    public void The_plan_builds_the_small_outer_side()
    {
        var plan = string.Join("\n", _db.Rows("explain select k from small where exists (select 1 from big where big.k = small.k)"));
        Assert.Contains("Semi Join", plan);
        int join = plan.IndexOf("Semi Join", StringComparison.Ordinal);
        int hash = plan.IndexOf("Hash  ", join, StringComparison.Ordinal);
        Assert.True(hash > 0 && plan.IndexOf("small", hash, StringComparison.Ordinal) > 0, plan);
    }

    [Fact]
    public void Exists_keeps_each_matching_outer_row_once() =>
        Assert.Equal(["1|10", "2|20", "4|40"], _db.Rows("select k, s from small where exists (select 1 from big where big.k = small.k) order by k"));

    [Fact]
    public void Not_exists_keeps_unmatched_rows_and_null_keys() =>
        Assert.Equal(["3|30", "NULL|50"], _db.Rows("select k, s from small where not exists (select 1 from big where big.k = small.k) order by k"));

    [Fact]
    public void Exists_with_a_residual_condition_checks_every_pair() =>
        Assert.Equal(["1", "4"], _db.Rows("select k from small where exists (select 1 from big where big.k = small.k and big.s <> small.s) order by k"));

    [Fact]
    public void Not_exists_with_a_residual_condition_keeps_rows_without_a_qualifying_pair() =>
        Assert.Equal(["2", "3", "NULL"], _db.Rows("select k from small where not exists (select 1 from big where big.k = small.k and big.s <> small.s) order by k"));

    public void Dispose() => _db.Dispose();
}
