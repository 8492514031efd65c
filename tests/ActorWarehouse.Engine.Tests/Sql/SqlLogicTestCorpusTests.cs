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
    [Fact]
    public void Every_statement_postgresql_accepts_in_the_sqllogictest_corpus_parses()
    {
        var files = SqlLogicTestCorpus.Files();
        Assert.NotEmpty(files);
        int parsed = 0, skipped = 0;
        int expectedErrors = 0, expectedErrorsParsed = 0;
        var failures = new List<string>();
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            foreach (SltRecord record in SqlLogicTestCorpus.ReadRecords(file, ref skipped))
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
}
