namespace ActorWarehouse.Host.SqlLogic;

public sealed record SltRunOptions
{
    /// <summary>The engine name `skipif`/`onlyif` are compared with.</summary>
    public string EngineName { get; init; } = "postgresql";

    /// <summary>Force a dialect; null detects it per file (<see cref="SltDialectDetector"/>).</summary>
    public SltDialect? Dialect { get; init; }

    public SltSkipList SkipList { get; init; } = SltSkipList.Empty;

    /// <summary>Longest time one record may run; past it the record fails and the file is abandoned.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Most rendered values a failure message shows per side.</summary>
    public int MaxValuesShown { get; init; } = 40;
}

/// <summary>Tells DuckDB test files (their `# name: test/sql/...` header) from original sqllogictest files.</summary>
public static class SltDialectDetector
{
    public static SltDialect Detect(string path, string text)
    {
        if (text.StartsWith("# name:", StringComparison.Ordinal) || text.Contains("\n# name: test/", StringComparison.Ordinal))
            return SltDialect.DuckDb;
        var normalized = path.Replace('\\', '/');
        return normalized.Contains("/duckdb/", StringComparison.Ordinal) ? SltDialect.DuckDb : SltDialect.Sqlite;
    }
}
