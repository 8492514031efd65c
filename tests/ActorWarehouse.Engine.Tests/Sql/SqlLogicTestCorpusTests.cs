using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Parser;
using Xunit.Abstractions;

namespace ActorWarehouse.Engine.Tests.Sql;

/// <summary>
/// Parses every statement and query of the sqllogictest (SQLite) corpus that PostgreSQL is expected to
/// accept: records under <c>onlyif</c> another engine or <c>skipif postgresql</c> are skipped.
/// </summary>
public sealed class SqlLogicTestCorpusTests(ITestOutputHelper output)
{
    private sealed record SltRecord(string File, int Line, string Kind, string Sql);

    [Fact]
    public void Every_statement_postgresql_accepts_in_the_sqllogictest_corpus_parses()
    {
        var files = Directory.GetFiles(SharedCorpus.SqlLogicTests, "*.test", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        int parsed = 0, skipped = 0;
        int expectedErrors = 0, expectedErrorsParsed = 0;
        var failures = new List<string>();
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            foreach (SltRecord record in ReadRecords(file, ref skipped))
            {
                bool ok;
                string? message = null;
                try
                {
                    SqlParser.Parse(record.Sql);
                    ok = true;
                }
                catch (SqlException e)
                {
                    ok = false;
                    message = e.Message;
                }
                if (record.Kind == "statement error")
                {
                    expectedErrors++;
                    expectedErrorsParsed += ok ? 1 : 0;
                    continue;
                }
                if (ok)
                {
                    parsed++;
                }
                else
                {
                    failures.Add($"{Path.GetFileName(record.File)}:{record.Line}: {message}\n    {record.Sql}");
                }
            }
        }
        output.WriteLine($"parsed {parsed} of {parsed + failures.Count} records; skipped {skipped} (other engines); " +
            $"'statement error' records: {expectedErrors} ({expectedErrorsParsed} parse)");
        foreach (string failure in failures.Take(50))
        {
            output.WriteLine(failure);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} records failed to parse; first: {failures.FirstOrDefault()}");
        Assert.True(parsed > 10_000, $"only {parsed} records found");
    }

    private static IEnumerable<SltRecord> ReadRecords(string file, ref int skipped)
    {
        var records = new List<SltRecord>();
        string[] lines = File.ReadAllLines(file);
        int i = 0;
        while (i < lines.Length)
        {
            while (i < lines.Length && lines[i].Trim().Length == 0)
            {
                i++;
            }
            int start = i;
            while (i < lines.Length && lines[i].Trim().Length > 0)
            {
                i++;
            }
            if (start < i && ToRecord(file, lines, start, i) is { } record)
            {
                if (record.Skip)
                {
                    skipped++;
                }
                else
                {
                    records.Add(record.Record);
                }
            }
        }
        return records;
    }

    private static (SltRecord Record, bool Skip)? ToRecord(string file, string[] lines, int start, int end)
    {
        bool skip = false;
        for (int i = start; i < end; i++)
        {
            string line = lines[i];
            if (line.StartsWith("skipif ", StringComparison.Ordinal) || line.StartsWith("onlyif ", StringComparison.Ordinal))
            {
                string engine = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                skip |= line.StartsWith("skipif", StringComparison.Ordinal) ? engine == "postgresql" : engine != "postgresql";
                continue;
            }
            if (line.StartsWith('#'))
            {
                continue;
            }
            string kind;
            if (line.StartsWith("statement ", StringComparison.Ordinal))
            {
                kind = line.StartsWith("statement error", StringComparison.Ordinal) ? "statement error" : "statement ok";
            }
            else if (line.StartsWith("query ", StringComparison.Ordinal) || line == "query")
            {
                kind = "query";
            }
            else
            {
                return null; // hash-threshold, halt, ...
            }
            var sql = new List<string>();
            for (int j = i + 1; j < end && lines[j] != "----"; j++)
            {
                sql.Add(lines[j]);
            }
            return (new SltRecord(file, i + 1, kind, string.Join('\n', sql)), skip);
        }
        return null;
    }
}
