using ActorWarehouse.Host.Bench;
using ActorWarehouse.Host.Cli.Output;

namespace ActorWarehouse.Host.Tests.Acceptance;

/// <summary>Runs a shared TPC-H query on a loaded fixture and compares it with the reference answer.</summary>
internal static class TpchAnswers
{
    public static TheoryData<string> QueryNames()
    {
        var names = new TheoryData<string>();
        for (int q = 1; q <= 22; q++) names.Add($"q{q:00}");
        return names;
    }

    public static void AssertMatchesReference(TpchFixture fixture, string query)
    {
        fixture.EnsureLoaded();
        string sql = TpchQueries.Statement(File.ReadAllText(Path.Combine(TestPaths.Tpch, "queries", query + ".sql")));
        var result = TimedQuery.Run(fixture.Warehouse, sql);
        var rows = ResultRows.Text(result);
        string expected = File.ReadAllText(Path.Combine(TestPaths.Tpch, "answers", "sf" + fixture.ScaleFactor, query + ".csv"));
        var problems = AnswerComparer.Compare(expected, rows);
        Assert.True(problems.Count == 0, $"{query} at SF {fixture.ScaleFactor}:\n  " + string.Join("\n  ", problems));
    }
}
