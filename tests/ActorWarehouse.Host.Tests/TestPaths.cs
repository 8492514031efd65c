namespace ActorWarehouse.Host.Tests;

/// <summary>
/// The repository root (found by walking up from the test binaries to ActorWarehouse.sln) and the
/// shared test data beside it (`../shared`).
/// </summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string Tpch => Path.Combine(Shared, "tpch");

    public static string SqlLogic => Path.Combine(Shared, "sqllogictest");

    public static string ProjectSlt => Path.Combine(RepositoryRoot, "tests", "sql");

    public static string DuckDbSkipList => Path.Combine(ProjectSlt, "duckdb-skiplist.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorWarehouse.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no ActorWarehouse.sln above {AppContext.BaseDirectory}");
    }
}
