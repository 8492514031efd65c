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

    // Each file runs in its own `aw slt` process (see SltProcess): an engine crash fails one file only.

    public static TheoryData<string> SqliteFiles() => Files(Path.Combine(TestPaths.SqlLogic, "sqlite"), "*.test");

    public static TheoryData<string> DuckDbFiles() => Files(Path.Combine(TestPaths.SqlLogic, "duckdb"), "*.test");

    public static TheoryData<string> ProjectFiles() => Files(TestPaths.ProjectSlt, "*.slt");

    [Theory]
    [MemberData(nameof(SqliteFiles))]
    public void Sqlite_corpus_file_passes(string file) => AssertPasses(Path.Combine(TestPaths.SqlLogic, "sqlite", file), null);

    [Theory]
    [MemberData(nameof(DuckDbFiles))]
    public void DuckDb_selection_file_passes_except_its_skip_list(string file) =>
        AssertPasses(Path.Combine(TestPaths.SqlLogic, "duckdb", file), TestPaths.DuckDbSkipList);

    [Theory]
    [MemberData(nameof(ProjectFiles))]
    public void Project_slt_file_passes(string file) => AssertPasses(Path.Combine(TestPaths.ProjectSlt, file), null);

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

    private static void AssertPasses(string path, string? skipList)
    {
        var outcome = SltProcess.Run(path, skipList);
        Assert.True(outcome.Failed == 0, outcome.Output);
        Assert.True(outcome.Passed > 0, "no record ran\n" + outcome.Output);
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
