using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>
/// `aw slt --host/--port` against a real aw node: the project's tests/sql/*.slt files, the DuckDB
/// selection (minus its skip list) and a representative part of the sqlite corpus pass through the wire
/// protocol (Npgsql, text results), with the same expectations as the embedded runs of <c>SltCorpusSpec</c>.
/// The whole sqlite corpus through the wire was measured outside CI (about 3 minutes); this part keeps
/// the CI time small.
/// </summary>
[Trait("Category", "Clients")]
public sealed partial class WireSltSpec(AwNodeFixture fixture) : IClassFixture<AwNodeFixture>
{
    private static readonly TimeSpan FileTimeout = TimeSpan.FromMinutes(5);

    public static TheoryData<string> ProjectFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestPaths.ProjectSlt, "*.slt").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    /// <summary>
    /// One file of each family of the corpus (about 40 s through the wire on 2 cores). The rest (select4,
    /// select5, aggregates/slt_good_41: about 2 more minutes) runs embedded in SltCorpusSpec; all of it
    /// passed through the wire when measured (33,425 passed, 0 failed, 9,655 skipped, 3 min).
    /// </summary>
    public static TheoryData<string> SqliteFiles() =>
    [
        "test/select1.test", "test/select2.test", "test/select3.test", "test/random/aggregates/slt_good_129.test",
        "test/random/expr/slt_good_1.test", "test/random/groupby/slt_good_13.test",
    ];

    [Theory]
    [MemberData(nameof(ProjectFiles))]
    public void Project_slt_file_passes_through_the_wire(string file) =>
        AssertPasses(Path.Combine(TestPaths.ProjectSlt, file), []);

    [Theory]
    [MemberData(nameof(SqliteFiles))]
    public void Sqlite_corpus_file_passes_through_the_wire(string file) =>
        AssertPasses(Path.Combine(TestPaths.SqlLogic, "sqlite", file), []);

    [Fact]
    public void DuckDb_selection_passes_through_the_wire_except_its_skip_list() =>
        AssertPasses(Path.Combine(TestPaths.SqlLogic, "duckdb"), ["--skip-list", TestPaths.DuckDbSkipList], noSkipList: false);

    [Fact]
    public void Sqlite_corpus_file_passes_through_the_wire_without_Npgsql_type_loading() =>
        AssertPasses(Path.Combine(TestPaths.SqlLogic, "sqlite", "test", "select1.test"), ["--no-type-loading"]);

    private void AssertPasses(string file, IReadOnlyList<string> extra, bool noSkipList = true)
    {
        var node = fixture.Node;
        var args = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "aw.dll"), "slt", "-v", "--max-failures", "15", "--timeout", "60",
            "--host", node.Host, "--port", node.Port.ToString(CultureInfo.InvariantCulture), "--user", node.User, "--database", node.Database,
        };
        if (noSkipList) args.Add("--no-skip-list");
        args.AddRange(extra);
        args.Add(file);
        // The password goes through the environment, not the command line.
        var result = ExternalProcess.Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", args, FileTimeout,
            new Dictionary<string, string> { ["AW_PASSWORD"] = node.Password });
        var summary = Summary().Match(result.Stdout);
        Assert.True(summary.Success && !result.TimedOut, result.Describe("aw slt --host") + "\n--- aw node log (end) ---\n" + Tail(node.Log));
        Assert.True(summary.Groups[2].Value == "0", result.Stdout);
        Assert.True(int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) > 0, "no record ran\n" + result.Stdout);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];

    [GeneratedRegex(@"^slt: (\d+) passed, (\d+) failed, (\d+) skipped$", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
