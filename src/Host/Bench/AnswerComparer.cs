using System.Globalization;

namespace ActorWarehouse.Host.Bench;

/// <summary>
/// Compares a query result with a reference answer CSV (shared/tpch/README.md, "Answer CSV conventions"):
/// same row count; per field, numbers equal within 0.01 after rounding both to 2 decimals (half away
/// from zero), text equal after trimming trailing blanks, NULL equal to an empty field. Columns are
/// compared by position (header names are engine-specific).
/// </summary>
public static class AnswerComparer
{
    /// <param name="expectedCsv">The answer file's text, header line included.</param>
    /// <param name="actualRows">Result rows as text (PostgreSQL output form), null for NULL.</param>
    /// <returns>The differences found (empty when the result matches), at most <paramref name="maxReported"/>.</returns>
    public static IReadOnlyList<string> Compare(string expectedCsv, IReadOnlyList<string?[]> actualRows, int maxReported = 10)
    {
        var lines = Cli.Output.CsvFormat.Parse(expectedCsv);
        var problems = new List<string>();
        if (lines.Count == 0) return ["answer file is empty"];
        int columns = lines[0].Length;
        var expectedRows = lines.Skip(1).Select(r => r.Length == 1 && columns > 1 && r[0].Length == 0 ? new string[columns] : r).ToList();
        if (expectedRows.Count != actualRows.Count)
            problems.Add($"expected {expectedRows.Count} rows, got {actualRows.Count}");
        for (int r = 0; r < Math.Min(expectedRows.Count, actualRows.Count) && problems.Count < maxReported; r++)
        {
            var expected = expectedRows[r];
            var actual = actualRows[r];
            if (actual.Length != columns)
            {
                problems.Add($"row {r + 1}: expected {columns} columns, got {actual.Length}");
                continue;
            }
            for (int c = 0; c < columns && problems.Count < maxReported; c++)
                if (!FieldMatches(expected[c] ?? "", actual[c]))
                    problems.Add($"row {r + 1} column {c + 1}: expected '{expected[c]}', got '{actual[c] ?? "NULL"}'");
        }
        return problems;
    }

    public static bool FieldMatches(string expected, string? actual)
    {
        if (actual is null) return expected.Length == 0;
        if (TryNumber(expected, out decimal e) && TryNumber(actual, out decimal a))
            return Math.Abs(Round2(e) - Round2(a)) <= 0.01m;
        return string.Equals(expected.TrimEnd(' '), actual.TrimEnd(' '), StringComparison.Ordinal);
    }

    private static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static bool TryNumber(string text, out decimal value)
    {
        value = 0;
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.')) return false;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        // Doubles beyond decimal's range or in exponent form.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && Math.Abs(d) < 7.9e27)
        {
            value = (decimal)d;
            return true;
        }
        return false;
    }
}
