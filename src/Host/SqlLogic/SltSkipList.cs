namespace ActorWarehouse.Host.SqlLogic;

/// <summary>
/// Records the runner must not run, kept in the repository (tests/sql/duckdb-skiplist.txt): one entry
/// per line, `&lt;file&gt; &lt;line&gt;[-&lt;last line&gt;] &lt;reason&gt;`, where file is a path suffix such as
/// `aggregate/aggregates/test_stddev.test` and line is the line of the record's `statement`/`query`
/// header. Lines starting with '#' and blank lines are ignored.
/// </summary>
public sealed class SltSkipList
{
    private readonly List<Entry> _entries;

    private SltSkipList(List<Entry> entries) => _entries = entries;

    public static SltSkipList Empty { get; } = new([]);

    public int Count => _entries.Count;

    public static SltSkipList Load(string path) => Parse(File.ReadAllText(path), path);

    public static SltSkipList Parse(string text, string source = "skip list")
    {
        var entries = new List<Entry>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3 || !TryParseRange(parts[1], out int first, out int last))
                throw new FormatException($"{source}:{i + 1}: expected '<file> <line>[-<line>] <reason>'");
            entries.Add(new Entry(Normalize(parts[0]), first, last, parts[2].Trim()));
        }
        return new SltSkipList(entries);
    }

    /// <summary>The reason a record of <paramref name="filePath"/> at <paramref name="line"/> is skipped, or null.</summary>
    public string? ReasonFor(string filePath, int line)
    {
        string normalized = Normalize(filePath);
        foreach (var entry in _entries)
            if (line >= entry.First && line <= entry.Last && EndsWithPath(normalized, entry.File))
                return entry.Reason;
        return null;
    }

    /// <summary>The entries that name <paramref name="filePath"/> (to check the list against the files).</summary>
    public IEnumerable<(int First, int Last, string Reason)> EntriesFor(string filePath)
    {
        string normalized = Normalize(filePath);
        return _entries.Where(e => EndsWithPath(normalized, e.File)).Select(e => (e.First, e.Last, e.Reason));
    }

    private static bool EndsWithPath(string path, string suffix) =>
        path == suffix || path.EndsWith("/" + suffix, StringComparison.Ordinal);

    private static string Normalize(string path) => path.Replace('\\', '/');

    private static bool TryParseRange(string text, out int first, out int last)
    {
        int dash = text.IndexOf('-');
        if (dash < 0)
        {
            bool ok = int.TryParse(text, out first);
            last = first;
            return ok;
        }
        last = 0;
        return int.TryParse(text[..dash], out first) && int.TryParse(text[(dash + 1)..], out last) && last >= first;
    }

    private sealed record Entry(string File, int First, int Last, string Reason);
}
