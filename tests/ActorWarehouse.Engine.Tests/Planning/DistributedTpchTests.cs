using System.Text.RegularExpressions;
using ActorWarehouse.Engine.Planning.Physical;
using ActorWarehouse.Engine.Tests.Execution;

namespace ActorWarehouse.Engine.Tests.Planner;

/// <summary>
/// TPC-H SF 0.01 with Redshift distribution keys, planned for two nodes with no broadcast threshold (every join
/// that can redistribute does), every exchanged batch carried as Arrow IPC: the 22 reference answers still hold.
/// </summary>
public sealed class DistributedTpchFixture() : TpchFixture(AddDistribution, warehouse =>
{
    warehouse.Exchanges = Exchanges;
    warehouse.PhysicalPlanning = new PhysicalPlanOptions(BroadcastRowLimit: 0, Nodes: 2, BroadcastSizeRatio: 0);
})
{
    internal static readonly RecordingExchangeFactory Exchanges = new(nodes: 2);

    private static readonly Dictionary<string, string> Styles = new()
    {
        ["region"] = "diststyle all",
        ["nation"] = "diststyle even",
        ["supplier"] = "distkey (s_suppkey)",
        ["customer"] = "distkey (c_custkey)",
        ["part"] = "distkey (p_partkey)",
        ["partsupp"] = "distkey (ps_partkey)",
        ["orders"] = "distkey (o_orderkey)",
        ["lineitem"] = "distkey (l_orderkey)",
    };

    private static string AddDistribution(string ddl) =>
        Regex.Replace(ddl, @"create table (\w+) \((.*?)\n\);", m => $"create table {m.Groups[1].Value} ({m.Groups[2].Value}\n) {Styles[m.Groups[1].Value]};",
            RegexOptions.Singleline);
}

public sealed class DistributedTpchTests(DistributedTpchFixture tpch) : IClassFixture<DistributedTpchFixture>
{
    [Theory]
    [MemberData(nameof(TpchQueryTests.Queries), MemberType = typeof(TpchQueryTests))]
    public void Query_matches_the_reference_answer_with_every_join_redistributed(int number)
    {
        var result = tpch.Session.Execute(TpchQueryTests.QueryText(number))[^1];
        TpchQueryTests.AssertMatchesReference(result, number);
    }

    [Fact]
    public void Joins_on_non_distribution_keys_redistribute()
    {
        var plan = string.Join("\n", tpch.Session.Execute("explain " + TpchQueryTests.QueryText(9))[^1].Batches
            .SelectMany(b => Enumerable.Range(0, b.RowCount).Select(r => (string)b[0].GetBoxed(r)!)));
        Assert.Matches("DS_DIST_(INNER|OUTER|BOTH)", plan);
        long before = DistributedTpchFixture.Exchanges.RowsRedistributed;
        tpch.Session.Execute(TpchQueryTests.QueryText(9));
        Assert.True(DistributedTpchFixture.Exchanges.RowsRedistributed > before + 10_000, "Q9 moved its lineitem rows through a redistribution");
    }
}
