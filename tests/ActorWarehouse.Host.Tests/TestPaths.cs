namespace ActorWarehouse.Host.Tests;

/// <summary>
/// The repository root (found by walking up from the test binaries to ActorWarehouse.sln) and the
/// shared test data beside it (`../shared`).
/// </summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>`../shared` from the repository root; for a git worktree nested deeper, the nearest ancestor's `shared`.</summary>
    public static string Shared { get; } = FindShared();

    public static string Tpch => Path.Combine(Shared, "tpch");

    public static string SqlLogic => Path.Combine(Shared, "sqllogictest");

    public static string ProjectSlt => Path.Combine(RepositoryRoot, "tests", "sql");

    public static string DuckDbSkipList => Path.Combine(ProjectSlt, "duckdb-skiplist.txt");

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(RepositoryRoot).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "tpch"))) return candidate;
        }
        return Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorWarehouse.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no ActorWarehouse.sln above {AppContext.BaseDirectory}");
    }
}
