using ActorWarehouse.Engine.Tests.Planner;

namespace ActorWarehouse.Engine.Tests.Execution;

/// <summary>
/// Joins on dense integer keys probe a direct index (key − min) instead of the hash table: keys below, inside and
/// above the build range, NULLs on both sides, duplicates and BIGINT keys must give the usual answers.
/// </summary>
public sealed class DenseKeyJoinTests : IDisposable
{
    private readonly SqlTestHelper _db = new();

    public DenseKeyJoinTests()
    {
        _db.Run("create table dim (k int, name varchar(10)); create table fact (k int, v int)");
        _db.Run("insert into dim select x, 'd' || x from generate_series(-3, 40) as g(x)");
        _db.Run("insert into dim values (null, 'none'), (7, 'seven bis')");
        _db.Run("insert into fact values (-4, 1), (-3, 2), (0, 3), (7, 4), (40, 5), (41, 6), (null, 7), (2147483647, 8), (-2147483648, 9)");
        // Padding (v = 0) makes fact the larger input, so dim is the build side that gets the direct index.
        _db.Run("insert into fact select 1000 + x, 0 from generate_series(1, 100) as g(x)");
    }

    [Fact]
    public void Inner_join_matches_only_keys_inside_the_build_range() =>
        Assert.Equal(["-3|d-3|2", "0|d0|3", "7|d7|4", "7|seven bis|4", "40|d40|5"],
            _db.Rows("select f.k, d.name, f.v from fact f join dim d on f.k = d.k order by f.k, d.name"));

    [Fact]
    public void Left_join_keeps_keys_outside_the_range_and_nulls_unmatched() =>
        Assert.Equal(["-2147483648|NULL", "-4|NULL", "41|NULL", "2147483647|NULL", "NULL|NULL"],
            _db.Rows("select f.k, d.name from fact f left join dim d on f.k = d.k where d.k is null and f.v > 0 order by f.k"));

    [Fact]
    public void Bigint_keys_use_the_same_index() =>
        Assert.Equal(["3", "4", "4", "5"],
            _db.Rows("select f.v from fact f join (select k::bigint as k from dim where k >= 0) d on f.k::bigint = d.k order by 1"));

    public void Dispose() => _db.Dispose();
}
