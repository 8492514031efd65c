using System.Text;
using ActorWarehouse.Engine.Planning.Distribution;
using ActorWarehouse.Engine.Planning.Physical;
using ActorWarehouse.Engine.Tests.Planner;

namespace ActorWarehouse.Engine.Tests.Execution;

/// <summary>
/// Joins whose inputs are redistributed by key or broadcast through the exchange give exactly the answers of the
/// same joins on one shared hash table. The distributed warehouse plans as if it had two nodes and no broadcast
/// threshold, so every join that can redistribute does, and every batch crosses an Arrow IPC round trip.
/// </summary>
public sealed class FragmentExecutionTests : IDisposable
{
    // Two workers on any machine: aggregation per slice needs at least as many slices (2) as workers.
    private readonly SqlTestHelper _reference = new(maxDegreeOfParallelism: 2);
    private readonly SqlTestHelper _distributed = new(maxDegreeOfParallelism: 2);
    private readonly RecordingExchangeFactory _exchanges = new(nodes: 2);

    public FragmentExecutionTests()
    {
        _distributed.Warehouse.Exchanges = _exchanges;
        _distributed.Warehouse.PhysicalPlanning = new PhysicalPlanOptions(BroadcastRowLimit: 0, Nodes: 2, BroadcastSizeRatio: 0);
        foreach (var sql in Schema())
        {
            _reference.Run(sql);
            _distributed.Run(sql);
        }
    }

    /// <summary>big is on its key a, mid on c, loose is EVEN; b and d have NULLs and repeated values.</summary>
    private static IEnumerable<string> Schema()
    {
        yield return "create table big (a int, b int, v int) distkey (a)";
        yield return "create table mid (c int, d int, w int) distkey (c)";
        yield return "create table loose (e int, f int) diststyle even";
        yield return "create table skew (k int, z int) distkey (k)";
        yield return Insert("skew", 3000, i => $"(1, {i})");
        yield return Insert("big", 4000, i => $"({i}, {(i % 97 == 0 ? "null" : (i % 500).ToString())}, {i})");
        yield return Insert("mid", 1500, i => $"({i * 3 % 2000}, {(i % 89 == 0 ? "null" : (i % 700).ToString())}, {i})");
        yield return Insert("loose", 1200, i => $"({i % 300}, {i})");
    }

    private static string Insert(string table, int rows, Func<int, string> row)
    {
        var sql = new StringBuilder($"insert into {table} values ");
        for (int i = 0; i < rows; i++) sql.Append(i == 0 ? "" : ", ").Append(row(i));
        return sql.ToString();
    }

    public static TheoryData<string, string> Joins() => new()
    {
        { "select count(*), sum(v), sum(w) from big join mid on big.a = mid.d", "DS_DIST_INNER" },
        { "select count(*), sum(v), sum(w) from big join mid on big.b = mid.c", "DS_DIST_OUTER" },
        { "select count(*), sum(v), sum(f) from big join loose on big.b = loose.e", "DS_DIST_BOTH" },
        { "select count(*), count(c), sum(v) from big left join mid on big.b = mid.c", "DS_DIST_OUTER" },
        { "select count(*), count(a), count(c), sum(v), sum(w) from big full join mid on big.b = mid.d", "DS_DIST_BOTH" },
        { "select count(*), count(a), count(e) from big right join loose on big.b = loose.e", "DS_DIST_BOTH" },
        { "select count(*), sum(v) from big where exists (select 1 from loose where loose.e = big.b)", "Semi Join DS_DIST" },
        { "select count(*), sum(v) from big where not exists (select 1 from loose where loose.e = big.b)", "Anti Join DS_DIST" },
        { "select count(*) from big where b not in (select d from mid)", "DS_BCAST_INNER" },
        { "select count(*), sum(v) from big where b not in (select d from mid where d is not null)", "DS_BCAST_INNER" },
        { "select mid.c, count(*), sum(v) from big join mid on big.b = mid.c group by mid.c order by 2 desc, 1 limit 5", "DS_DIST_OUTER" },
        { "select count(*), sum(l.v), sum(r.v) from big l join big r on l.b = r.a", "DS_DIST_OUTER" },
        // skew's rows all sit on one slice: the other slice's unmatched loose rows must still come out.
        { "select count(*), count(k), count(e), sum(f) from skew right join loose on skew.k = loose.e", "DS_DIST_BOTH" },
        { "select count(*), count(k), count(e) from skew full join loose on skew.k = loose.e", "DS_DIST_BOTH" },
        { "select count(*), sum(z) from skew join loose on skew.k = loose.e", "DS_DIST_INNER" },
        { "select l.a, r.a from big l join big r on l.b = r.a where l.a < 40 order by 1", "DS_DIST" },
    };

    [Theory]
    [MemberData(nameof(Joins))]
    public void Redistributed_join_gives_the_shared_table_answer(string sql, string step)
    {
        Assert.Contains(_distributed.Rows("explain " + sql), line => line.Contains(step, StringComparison.Ordinal));
        Assert.DoesNotContain(_reference.Rows("explain " + sql), line => line.Contains("DS_DIST_INNER", StringComparison.Ordinal)
            || line.Contains("DS_DIST_OUTER", StringComparison.Ordinal) || line.Contains("DS_DIST_BOTH", StringComparison.Ordinal));
        var expected = _reference.Rows(sql);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, _distributed.Rows(sql));
    }

    [Fact]
    public void Every_row_of_a_redistributed_input_crosses_the_exchange()
    {
        _distributed.Rows("select count(*) from big join loose on big.b = loose.e");
        Assert.Equal(4000 + 1200, _exchanges.RowsRedistributed);
        var redistributions = _exchanges.Specs.Where(s => s.Kind == ExchangeKind.Redistribute).ToList();
        Assert.Equal(2, redistributions.Count);
        Assert.All(redistributions, s => Assert.True(s.Buffered && s.Consumers == 2 && s.KeyColumns.Count == 1));
        Assert.Equal(2, redistributions.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void A_broadcast_has_one_consumer_per_node()
    {
        _distributed.Rows("select count(*) from big where b not in (select d from mid)");
        var broadcast = Assert.Single(_exchanges.Specs, s => s.Kind == ExchangeKind.Broadcast);
        Assert.Equal(2, broadcast.Consumers);
        Assert.Equal(1500, _exchanges.RowsBroadcast);
    }

    [Fact]
    public void Results_are_gathered_through_a_streaming_exchange()
    {
        Assert.Equal(3, _distributed.Rows("select a from big limit 3").Count);
        var gather = Assert.Single(_exchanges.Specs, s => s.Kind == ExchangeKind.Gather);
        Assert.False(gather.Buffered);
        Assert.Equal(1, gather.Consumers);
    }

    [Fact]
    public void A_transport_failure_fails_the_statement_and_the_warehouse_goes_on()
    {
        using var failing = new SqlTestHelper();
        failing.Warehouse.Exchanges = new RecordingExchangeFactory(nodes: 2) { FailRedistribution = true };
        failing.Warehouse.PhysicalPlanning = new PhysicalPlanOptions(BroadcastRowLimit: 0, Nodes: 2, BroadcastSizeRatio: 0);
        foreach (var sql in Schema()) failing.Run(sql);
        var error = Assert.ThrowsAny<Exception>(() => failing.Rows("select count(*) from big join loose on big.b = loose.e"));
        Assert.Contains("transport lost the connection", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("4000", failing.Scalar("select count(*) from big"));
    }

    [Fact]
    public void Fragments_are_cut_at_every_exchange()
    {
        var scan = _distributed.Rows("explain select count(*) from big join loose on big.b = loose.e");
        Assert.Contains(scan, line => line.Contains("DS_DIST_BOTH", StringComparison.Ordinal));
        var plan = _distributed.Session.PlanSelect("select big.a, loose.f from big join loose on big.b = loose.e");
        // Root fragment (join + leader gather's consumer), the gathered join, and one fragment per redistributed input.
        var exchanges = plan.Fragments.Where(f => f.Sends is not null).Select(f => f.Sends!).ToList();
        Assert.Equal([ExchangeKind.Gather, ExchangeKind.Redistribute, ExchangeKind.Redistribute], exchanges.Select(e => e.Kind).Order().ToArray());
        Assert.Equal(Enumerable.Range(0, exchanges.Count), exchanges.Select(e => e.Id).Order());
        Assert.All(plan.Fragments.Skip(1), f => Assert.Equal(f.Sends!.Id + 1, f.Id));
        var join = plan.Fragments.Single(f => f.Receives.Count(r => r.Kind == ExchangeKind.Redistribute) == 2);
        Assert.Equal(2, join.Instances);
    }

    public static TheoryData<string> GroupingsOnTheDistributionKey() => new()
    {
        "select a % 7, count(*) from {0} group by a % 7 order by 1",
        "select a, count(*), sum(v), count(distinct b) from {0} group by a having sum(v) > 3990 order by 1",
        "select b, a, count(*), min(v), max(v) from {0} group by b, a order by 3 desc, 1, 2 limit 20",
        "select b, count(*), count(distinct a), avg(v) from {0} group by b order by 1 nulls first",
        "select a, listagg(b::varchar, ',') within group (order by b) from {0} where a < 30 group by a order by 1",
        "select a is null, count(*) from (select {0}.a from {0} right join loose on {0}.a = loose.f + 3990) x group by a order by 2 desc, 1 limit 3",
        "select a is null, count(*) from (select {0}.a from {0} full join loose on {0}.a = loose.f + 3990) x group by a order by 2 desc, 1 limit 3",
    };

    [Theory]
    [MemberData(nameof(GroupingsOnTheDistributionKey))]
    public void Grouping_on_the_distribution_key_aggregates_each_slice_alone_with_the_same_answer(string template)
    {
        _reference.Run("create table big_even diststyle even as select * from big");
        var expected = _reference.Rows(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "big_even"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, _reference.Rows(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "big")));
    }

    [Theory]
    [InlineData("select big.a from big join loose on big.a = loose.f", true)]
    [InlineData("select big.a from big left join loose on big.a = loose.f", true)]
    [InlineData("select big.a from big right join loose on big.a = loose.f", false)]
    [InlineData("select big.a from big full join loose on big.a = loose.f", false)]
    public void Joins_that_output_unmatched_inner_rows_are_not_on_the_outer_key(string sql, bool onKey)
    {
        // Unmatched inner rows carry NULL outer keys and come from whichever partition probes last, so a NULL group
        // could otherwise be split between two slices by an aggregation that trusts the key.
        var join = Descendants(_reference.Session.PlanSelect(sql).Root).OfType<PlanHashJoin>().Single();
        Assert.Equal(onKey, join.Distribution.Kind == DistributionKind.Key);
    }

    public static TheoryData<string, bool> CollocatedJoins() => new()
    {
        { "select count(*), sum(x.v), sum(y.w) from {0} x join {1} y on x.a = y.c", true },
        { "select count(*), count(y.c), sum(x.v) from {0} x left join {1} y on x.a = y.c", true },
        { "select count(*), sum(x.v) from {0} x where exists (select 1 from {1} y where y.c = x.a and y.w > 100)", true },
        { "select count(*), sum(x.v) from {0} x where not exists (select 1 from {1} y where y.c = x.a)", true },
        { "select count(*), sum(s.z), sum(x.v) from {2} s join {0} x on s.k = x.a", true },
        { "select x.a, count(*), sum(y.w) from {0} x join {1} y on x.a = y.c group by x.a order by 3 desc, 1 limit 10", true },
        { "select count(*), sum(l.v + r.v) from {0} l join {0} r on l.a = r.a where r.v % 3 = 0", true },
        // These output unmatched inner rows; a slice with no outer partition would lose them, so they keep one table.
        { "select count(*), count(x.a), count(y.c) from {0} x right join {1} y on x.a = y.c", false },
        { "select count(*), count(x.a), count(y.c) from {0} x full join {1} y on x.a = y.c", false },
    };

    [Theory]
    [MemberData(nameof(CollocatedJoins))]
    public void Collocated_join_builds_a_table_per_slice_with_the_shared_table_answer(string template, bool perSlice)
    {
        _reference.Run("create table big_even diststyle even as select * from big");
        _reference.Run("create table mid_even diststyle even as select * from mid");
        _reference.Run("create table skew_even diststyle even as select * from skew");
        string collocated = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "big", "mid", "skew");
        string even = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "big_even", "mid_even", "skew_even");

        var join = Descendants(_reference.Session.PlanSelect(collocated).Root).OfType<PlanHashJoin>().First();
        Assert.Equal(DistributionStep.DS_DIST_NONE, join.Step);
        Assert.Equal(perSlice, join.PerSliceTables);
        Assert.False(Descendants(_reference.Session.PlanSelect(even).Root).OfType<PlanHashJoin>().First().PerSliceTables);
        var expected = _reference.Rows(even);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, _reference.Rows(collocated));
    }

    [Theory]
    [InlineData("(1), (2), (3), (4), (5), (6)", "(null)")]
    [InlineData("(1), (2), (3), (4), (5), (6), (null)", "(5)")]
    [InlineData("(1), (2), (3), (4), (5), (6), (null)", "(1), (null)")]
    [InlineData("(1), (2), (3), (4), (5), (6), (null)", "(7), (8), (9), (10)")]
    public void Not_in_and_in_on_collocated_keys_judge_by_the_whole_inner_side(string outerRows, string innerRows)
    {
        // Whether the inner side is empty or holds a NULL decides NOT IN and IN; a NULL key always sits on one slice, so
        // a per-slice (or per-node) table would see only its share. These joins broadcast even on collocated keys.
        foreach (var (style, suffix) in new[] { ("distkey (k)", ""), ("diststyle even", "_even") })
        {
            _reference.Run($"create table xo{suffix} (k int) {style}");
            _reference.Run($"create table yi{suffix} (k int) {style}");
            _reference.Run($"insert into xo{suffix} values {outerRows}");
            _reference.Run($"insert into yi{suffix} values {innerRows}");
        }
        foreach (var template in new[]
        {
            "select count(*) from xo{0} where k not in (select k from yi{0})",
            "select k, k in (select k from yi{0}) from xo{0} order by 1 nulls first",
            "select count(*) from xo{0} where k not in (select k from yi{0}) or k < 0",
        })
        {
            string collocated = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "");
            string even = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "_even");
            Assert.Equal(_reference.Rows(even), _reference.Rows(collocated));
            Assert.All(Descendants(_reference.Session.PlanSelect(collocated).Root).OfType<PlanHashJoin>(), join =>
            {
                Assert.Equal(DistributionStep.DS_BCAST_INNER, join.Step);
                Assert.False(join.PerSliceTables);
            });
        }
    }

    private static IEnumerable<PhysicalNode> Descendants(PhysicalNode node) => node.Children.SelectMany(Descendants).Prepend(node);

    public void Dispose()
    {
        _reference.Dispose();
        _distributed.Dispose();
    }
}
