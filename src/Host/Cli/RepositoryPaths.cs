namespace ActorWarehouse.Host.Cli;

/// <summary>
/// Locates the repository (the folder holding ActorWarehouse.sln) and the shared test data next to it
/// (`../shared` from the repository root).
/// </summary>
public static class RepositoryPaths
{
    /// <summary>The repository root above the current directory or the executable, or null.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ActorWarehouse.sln"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>
    /// The shared data folder: `../shared` from the repository root, or the `shared` folder of a further
    /// ancestor (a git worktree nested below the main checkout's parent); null when absent.
    /// </summary>
    public static string? FindShared()
    {
        var root = FindRepositoryRoot();
        for (var dir = root is null ? null : new DirectoryInfo(root).Parent; dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(shared, "tpch"))) return shared;
        }
        return null;
    }

    /// <summary>The project's DuckDB skip list (tests/sql/duckdb-skiplist.txt), or null when absent.</summary>
    public static string? FindDuckDbSkipList()
    {
        var root = FindRepositoryRoot();
        var path = root is null ? null : Path.Combine(root, "tests", "sql", "duckdb-skiplist.txt");
        return path is not null && File.Exists(path) ? path : null;
    }
}
