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

    /// <summary>The shared data folder (`../shared` from the repository root), or null when absent.</summary>
    public static string? FindShared()
    {
        var root = FindRepositoryRoot();
        if (root is null) return null;
        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
        return Directory.Exists(shared) ? shared : null;
    }

    /// <summary>The project's DuckDB skip list (tests/sql/duckdb-skiplist.txt), or null when absent.</summary>
    public static string? FindDuckDbSkipList()
    {
        var root = FindRepositoryRoot();
        var path = root is null ? null : Path.Combine(root, "tests", "sql", "duckdb-skiplist.txt");
        return path is not null && File.Exists(path) ? path : null;
    }
}
