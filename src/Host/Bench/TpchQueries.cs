namespace ActorWarehouse.Host.Bench;

/// <summary>One TPC-H query: its name (q01..q22) and SQL text.</summary>
public sealed record TpchQuery(string Name, string Sql);

public static class TpchQueries
{
    /// <summary>Reads q01.sql .. q22.sql (every q*.sql, sorted) from a folder, dropping the final ';'.</summary>
    public static IReadOnlyList<TpchQuery> Load(string folder)
    {
        var files = Directory.GetFiles(folder, "q*.sql").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new FileNotFoundException($"no q*.sql files in {folder}");
        return files.Select(f => new TpchQuery(Path.GetFileNameWithoutExtension(f), Statement(File.ReadAllText(f)))).ToList();
    }

    /// <summary>The queries named in a comma-separated list (q01,q7,...), or all of them when the list is null.</summary>
    public static IReadOnlyList<TpchQuery> Select(IReadOnlyList<TpchQuery> queries, string? names)
    {
        if (string.IsNullOrWhiteSpace(names)) return queries;
        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            wanted.Add(int.TryParse(name.TrimStart('q', 'Q'), out int n) ? $"q{n:00}" : name);
        var selected = queries.Where(q => wanted.Contains(q.Name)).ToList();
        if (selected.Count != wanted.Count) throw new FileNotFoundException($"--only names a query that is not in the query folder: {names}");
        return selected;
    }

    /// <summary>The statement of a query file without its trailing ';'.</summary>
    public static string Statement(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.EndsWith(';') ? trimmed[..^1] : trimmed;
    }
}
