using System.Text;

namespace ActorWarehouse.Host.SqlLogic;

/// <summary>Compares a query's rendered rows with the expected lines of its record.</summary>
public static class SltComparer
{
    /// <summary>
    /// Original format: sort by the sort mode, then compare the values one by one, or count and MD5 when
    /// the expected output is a hash line. Checks and records the label's MD5. Null when it matches.
    /// </summary>
    public static string? CompareSqlite(SltQuery query, List<string[]> rows, int hashThreshold, int maxShown,
        out string md5, Dictionary<string, string> labels)
    {
        int columns = query.Types.Length;
        var actual = SortedValues(rows, query.SortMode);
        md5 = SltHash.Md5(actual);
        string? mismatch;
        if (query.ExpectedLines.Count == 1 && SltHash.TryParse(query.ExpectedLines[0], out int count, out string expectedMd5))
        {
            mismatch = count == actual.Count && expectedMd5 == md5
                ? null
                : Mismatch(query.ExpectedLines, Shown(actual, hashThreshold, md5, maxShown));
        }
        else
        {
            var expected = ExpectedValues(query.ExpectedLines, columns);
            if (query.SortMode != SltSortMode.NoSort && expected.Count % Math.Max(columns, 1) == 0)
                expected = SortedValues(ToRows(expected, columns), query.SortMode);
            mismatch = expected.SequenceEqual(actual, StringComparer.Ordinal)
                ? null
                : Mismatch(Limit(expected, maxShown), Shown(actual, hashThreshold, md5, maxShown));
        }
        if (mismatch is not null || query.Label is null) return mismatch;
        if (labels.TryGetValue(query.Label, out var earlier))
            return earlier == md5 ? null : $"label {query.Label}: result hash {md5} differs from an earlier query's {earlier}";
        labels[query.Label] = md5;
        return null;
    }

    /// <summary>For a query skipped by skipif/onlyif: its expected output must agree with its label.</summary>
    public static string? CheckLabelOfExpected(SltQuery query, Dictionary<string, string> labels)
    {
        if (query.Label is null) return null;
        string md5;
        if (query.ExpectedLines.Count == 1 && SltHash.TryParse(query.ExpectedLines[0], out _, out string hashed)) md5 = hashed;
        else
        {
            int columns = query.Types.Length;
            var expected = ExpectedValues(query.ExpectedLines, columns);
            if (query.SortMode != SltSortMode.NoSort && expected.Count % Math.Max(columns, 1) == 0)
                expected = SortedValues(ToRows(expected, columns), query.SortMode);
            md5 = SltHash.Md5(expected);
        }
        if (labels.TryGetValue(query.Label, out var earlier))
            return earlier == md5 ? null : $"label {query.Label}: expected hash {md5} differs from an earlier query's {earlier}";
        labels[query.Label] = md5;
        return null;
    }

    /// <summary>
    /// DuckDB format: values compared with <see cref="SltValueMatcher"/>; rows in order unless
    /// <paramref name="unordered"/> (no top-level ORDER BY, or NULL-order emulation), else as multisets.
    /// </summary>
    public static string? CompareDuckDb(SltQuery query, List<string[]> rows, bool unordered, int maxShown)
    {
        int columns = query.Types.Length;
        if (query.ExpectedLines.Count == 1 && SltHash.TryParse(query.ExpectedLines[0], out int count, out string expectedMd5))
        {
            var values = SortedValues(rows, unordered ? SltSortMode.RowSort : query.SortMode);
            string md5 = SltHash.Md5(values);
            return count == values.Count && md5 == expectedMd5 ? null : Mismatch(query.ExpectedLines, [SltHash.Line(values.Count, md5)]);
        }

        var expectedRows = ExpectedRows(query.ExpectedLines, columns);
        string? problem;
        if (expectedRows is null)
            problem = $"expected output does not split into rows of {columns} values";
        else if (expectedRows.Count != rows.Count && query.SortMode != SltSortMode.ValueSort)
            problem = $"expected {expectedRows.Count} rows, got {rows.Count}";
        else if (query.SortMode == SltSortMode.ValueSort)
            problem = MatchAsMultiset(expectedRows.SelectMany(r => r).Select(v => new[] { v }).ToList(),
                rows.SelectMany(r => r).Select(v => new[] { v }).ToList()) ? null : "values differ";
        else if (unordered || query.SortMode == SltSortMode.RowSort)
            problem = MatchAsMultiset(expectedRows, rows) ? null : "rows differ (compared regardless of order)";
        else
            problem = FirstDifferentRow(expectedRows, rows) is int row ? $"row {row + 1} differs" : null;
        if (problem is null) return null;
        return problem + "\n" + Mismatch(Limit(query.ExpectedLines.ToList(), maxShown),
            Limit(rows.Select(r => string.Join('\t', r)).ToList(), maxShown));
    }

    private static int? FirstDifferentRow(List<string[]> expected, List<string[]> actual)
    {
        for (int r = 0; r < expected.Count; r++)
            if (!RowMatches(expected[r], actual[r])) return r;
        return null;
    }

    private static bool RowMatches(string[] expected, string[] actual)
    {
        if (expected.Length != actual.Length) return false;
        for (int c = 0; c < expected.Length; c++)
            if (!SltValueMatcher.Matches(expected[c], actual[c])) return false;
        return true;
    }

    private static bool MatchAsMultiset(List<string[]> expected, List<string[]> actual)
    {
        if (expected.Count != actual.Count) return false;
        var used = new bool[actual.Count];
        foreach (var row in expected)
        {
            int found = -1;
            for (int a = 0; a < actual.Count && found < 0; a++)
                if (!used[a] && RowMatches(row, actual[a])) found = a;
            if (found < 0) return false;
            used[found] = true;
        }
        return true;
    }

    /// <summary>
    /// The expected values one per entry. Lines are one value each (original layout), unless the
    /// query has several columns and every line holds TAB-separated values (one row per line).
    /// </summary>
    public static List<string> ExpectedValues(IReadOnlyList<string> lines, int columns)
    {
        if (columns > 1 && lines.Count > 0 && lines.All(l => l.Contains('\t')))
            return lines.SelectMany(l => l.Split('\t')).ToList();
        return lines.ToList();
    }

    /// <summary>The expected rows for the DuckDB layout, or null when the values do not fill whole rows.</summary>
    public static List<string[]>? ExpectedRows(IReadOnlyList<string> lines, int columns)
    {
        if (columns <= 1) return lines.Select(l => new[] { l }).ToList();
        var values = ExpectedValues(lines, columns);
        return values.Count % columns == 0 ? ToRows(values, columns) : null;
    }

    public static List<string> SortedValues(List<string[]> rows, SltSortMode mode)
    {
        IEnumerable<string[]> ordered = rows;
        if (mode == SltSortMode.RowSort)
        {
            var copy = rows.ToList();
            copy.Sort(CompareRows);
            ordered = copy;
        }
        var values = ordered.SelectMany(r => r).ToList();
        if (mode == SltSortMode.ValueSort) values.Sort(StringComparer.Ordinal);
        return values;
    }

    private static int CompareRows(string[] a, string[] b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            int c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    private static List<string[]> ToRows(List<string> values, int columns)
    {
        columns = Math.Max(columns, 1);
        var rows = new List<string[]>(values.Count / columns);
        for (int i = 0; i + columns <= values.Count; i += columns) rows.Add(values.GetRange(i, columns).ToArray());
        return rows;
    }

    private static List<string> Shown(List<string> actual, int hashThreshold, string md5, int maxShown) =>
        hashThreshold > 0 && actual.Count > hashThreshold
            ? [SltHash.Line(actual.Count, md5), .. Limit(actual, maxShown)]
            : Limit(actual, maxShown);

    private static List<string> Limit(IReadOnlyList<string> values, int max) =>
        values.Count <= max ? values.ToList() : [.. values.Take(max), $"... ({values.Count - max} more)"];

    private static string Mismatch(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var text = new StringBuilder();
        text.Append("expected:\n");
        foreach (var line in expected) text.Append("    ").Append(line).Append('\n');
        text.Append("actual:\n");
        foreach (var line in actual) text.Append("    ").Append(line).Append('\n');
        return text.ToString().TrimEnd('\n');
    }
}
