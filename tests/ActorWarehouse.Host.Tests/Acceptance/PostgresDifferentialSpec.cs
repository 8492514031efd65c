using ActorWarehouse.Host.Bench;
using ActorWarehouse.Host.Cli.Output;

namespace ActorWarehouse.Host.Tests.Acceptance;

/// <summary>
/// Starts a throwaway PostgreSQL 15, loads the shared SF 0.01 data into it, and is the oracle for TPC-H
/// queries run with other valid substitution parameters than the reference answers cover.
/// </summary>
public sealed class PostgresTpchFixture : IDisposable
{
    private readonly ThrowawayPostgres? _server;
    private readonly Exception? _error;

    public PostgresTpchFixture()
    {
        try
        {
            _server = new ThrowawayPostgres();
            _server.Psql(File.ReadAllText(Path.Combine(TestPaths.Tpch, "schema.sql")));
            foreach (var table in TpchSchema.Tables)
            {
                var file = Path.Combine(TestPaths.Tpch, "sf0.01", table + ".tbl.gz");
                _server.Psql($"\\copy {table} from program 'gzip -dc {file}' with (format text, delimiter '|')");
            }
        }
        catch (Exception e)
        {
            _error = e;
        }
    }

    /// <summary>The query's result from PostgreSQL as CSV (psql --csv).</summary>
    public string Run(string sql)
    {
        if (_error is not null) throw new InvalidOperationException($"throwaway PostgreSQL unavailable: {_error.Message}", _error);
        return _server!.Psql(sql, csv: true);
    }

    public void Dispose() => _server?.Dispose();
}

[Collection(TpchSf001Collection.Name)]
[Trait("Category", "Tpch")]
public sealed class PostgresDifferentialSpec(TpchSf001Fixture warehouse, PostgresTpchFixture postgres) : IClassFixture<PostgresTpchFixture>
{
    /// <summary>Queries with parameters changed within the ranges of spec clause 2.4.</summary>
    public static TheoryData<string, string[]> Variants() => new()
    {
        { "q03", ["'BUILDING'", "'MACHINERY'", "date '1995-03-15'", "date '1995-03-22'"] },
        { "q05", ["'ASIA'", "'AMERICA'", "date '1994-01-01'", "date '1996-01-01'"] },
        { "q10", ["date '1993-10-01'", "date '1994-08-01'"] },
        { "q12", ["'MAIL'", "'RAIL'", "'SHIP'", "'FOB'", "date '1994-01-01'", "date '1996-01-01'"] },
        { "q14", ["date '1995-09-01'", "date '1997-04-01'"] },
        { "q18", ["> 300", "> 312"] },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Query_with_other_parameters_matches_PostgreSQL(string query, string[] replacements)
    {
        warehouse.EnsureLoaded();
        string sql = TpchQueries.Statement(File.ReadAllText(Path.Combine(TestPaths.Tpch, "queries", query + ".sql")));
        for (int i = 0; i < replacements.Length; i += 2)
        {
            Assert.Contains(replacements[i], sql, StringComparison.Ordinal);
            sql = sql.Replace(replacements[i], replacements[i + 1], StringComparison.Ordinal);
        }
        string expected = postgres.Run(sql);
        var actual = ResultRows.Text(TimedQuery.Run(warehouse.Warehouse, sql));
        Assert.True(actual.Count > 0 || CsvFormat.Parse(expected).Count == 1, "the variant should return rows");
        var problems = AnswerComparer.Compare(expected, actual);
        Assert.True(problems.Count == 0, $"{query} with {string.Join(", ", replacements)}:\n  " + string.Join("\n  ", problems));
    }
}
