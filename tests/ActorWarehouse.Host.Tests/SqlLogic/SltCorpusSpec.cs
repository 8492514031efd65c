using ActorWarehouse.Host.SqlLogic;

namespace ActorWarehouse.Host.Tests.SqlLogic;

/// <summary>
/// The external sqllogictest corpus (every executed record must pass), the DuckDB selection (passing
/// except the records of tests/sql/duckdb-skiplist.txt), and the project's own tests/sql/**/*.slt,
/// each file on a fresh in-memory warehouse.
/// </summary>
[Trait("Category", "Slt")]
public sealed class SltCorpusSpec
{
    private static readonly Lazy<SltSkipList> SkipList = new(() => SltSkipList.Load(TestPaths.DuckDbSkipList));

    public static TheoryData<string> SqliteFiles() => Files(Path.Combine(TestPaths.SqlLogic, "sqlite"), "*.test");

    public static TheoryData<string> DuckDbFiles() => Files(Path.Combine(TestPaths.SqlLogic, "duckdb"), "*.test");

    public static TheoryData<string> ProjectFiles() => Files(TestPaths.ProjectSlt, "*.slt");

    [Theory]
    [MemberData(nameof(SqliteFiles))]
    public void Sqlite_corpus_file_passes(string file) => AssertPasses(Path.Combine(TestPaths.SqlLogic, "sqlite", file), SltSkipList.Empty);

    [Theory]
    [MemberData(nameof(DuckDbFiles))]
    public void DuckDb_selection_file_passes_except_its_skip_list(string file) =>
        AssertPasses(Path.Combine(TestPaths.SqlLogic, "duckdb", file), SkipList.Value);

    [Theory]
    [MemberData(nameof(ProjectFiles))]
    public void Project_slt_file_passes(string file) => AssertPasses(Path.Combine(TestPaths.ProjectSlt, file), SltSkipList.Empty);

    [Fact]
    public void Every_skip_list_entry_names_a_record_of_an_existing_file()
    {
        var duckdb = Path.Combine(TestPaths.SqlLogic, "duckdb");
        var files = Directory.GetFiles(duckdb, "*.test", SearchOption.AllDirectories);
        int entries = 0;
        foreach (var file in files)
        {
            var headers = SltParser.Parse(File.ReadAllText(file)).Where(r => r is SltStatement or SltQuery).Select(r => r.Line).ToHashSet();
            foreach (var (first, last, reason) in SkipList.Value.EntriesFor(file))
            {
                entries++;
                Assert.True(Enumerable.Range(first, last - first + 1).Any(headers.Contains), $"{file}: no record header in lines {first}-{last} ({reason})");
            }
        }
        Assert.Equal(SkipList.Value.Count, entries);
    }

    private static void AssertPasses(string path, SltSkipList skipList)
    {
        var runner = new SltRunner(new SltRunOptions { SkipList = skipList, StatementTimeout = TimeSpan.FromSeconds(60) });
        var report = runner.RunFile(path, () => new WarehouseSltDatabase());
        var shown = report.Failures.Take(15).Select(f => f.ToString());
        Assert.True(report.Failed == 0,
            $"{report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped\n" + string.Join("\n", shown));
        Assert.True(report.Passed > 0, "no record ran");
    }

    private static TheoryData<string> Files(string folder, string pattern)
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(folder)) return data;
        foreach (var file in Directory.GetFiles(folder, pattern, SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(folder, file).Replace('\\', '/'));
        return data;
    }
}
