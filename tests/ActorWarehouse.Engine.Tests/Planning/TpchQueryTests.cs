using System.Globalization;
using System.Text;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Planner;

/// <summary>The 22 TPC-H queries at SF 0.01 through Session.Execute, compared with the reference answers.</summary>
public sealed class TpchQueryTests(TpchFixture tpch) : IClassFixture<TpchFixture>
{
    public static TheoryData<int> Queries() => new(Enumerable.Range(1, 22));

    [Theory]
    [MemberData(nameof(Queries))]
    public void Query_matches_the_reference_answer(int number)
    {
        var result = tpch.Session.Execute(QueryText(number))[^1];
        AssertMatchesReference(result, number);
    }

    internal static string QueryText(int number) => File.ReadAllText(Path.Combine(TpchFixture.Root, "queries", $"q{number:00}.sql"));

    /// <summary>Compares a result with answers/sf0.01/qNN.csv (numbers to the cent, text without trailing blanks).</summary>
    internal static void AssertMatchesReference(QueryResult result, int number)
    {
        var actual = new List<string[]>();
        foreach (var batch in result.Batches)
            for (int r = 0; r < batch.RowCount; r++)
                actual.Add(Enumerable.Range(0, result.Columns.Count).Select(c =>
                {
                    var v = batch[c].GetBoxed(r);
                    return v is null ? "" : ValueFormatter.Format(v, result.Columns[c].Type) ?? "";
                }).ToArray());
        var expected = ReadCsv(Path.Combine(TpchFixture.Root, "answers", "sf0.01", $"q{number:00}.csv"));
        Assert.Equal(expected.Count, actual.Count);
        for (int r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r].Length, actual[r].Length);
            for (int c = 0; c < expected[r].Length; c++)
                Assert.True(Same(expected[r][c], actual[r][c]), $"row {r}, column {c}: expected '{expected[r][c]}', got '{actual[r][c]}'");
        }
    }

    private static bool Same(string expected, string actual)
    {
        if (double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
            && double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a))
            return Math.Abs(Math.Round(e, 2, MidpointRounding.AwayFromZero) - Math.Round(a, 2, MidpointRounding.AwayFromZero)) <= 0.0101;
        return expected.TrimEnd() == actual.TrimEnd();
    }

    private static List<string[]> ReadCsv(string path)
    {
        var lines = File.ReadAllText(path).Split('\n');
        var rows = new List<string[]>();
        for (int i = 1; i < lines.Length - 1; i++) rows.Add(SplitCsv(lines[i]).ToArray());
        return rows;
    }

    private static IEnumerable<string> SplitCsv(string line)
    {
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { yield return field.ToString(); field.Clear(); }
            else field.Append(ch);
        }
        yield return field.ToString();
    }
}
