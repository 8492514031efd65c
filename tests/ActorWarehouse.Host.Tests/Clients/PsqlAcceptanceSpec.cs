using ActorWarehouse.Host.Bench;

namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>
/// Issue #3 acceptance with psql (Debian's postgresql-client) against a real aw node: TPC-H SF 0.01 loaded
/// with the engine issue's DDL and COPY, the 22 queries run with `psql --csv` match the reference answers
/// (compared like the embedded acceptance, <see cref="AnswerComparer"/>), `\copy` streams a table through
/// COPY FROM STDIN, and the catalog meta-commands `\d lineitem`, `\dt`, `\dn`, `\l`, `\du` work.
/// </summary>
[Trait("Category", "Clients")]
public sealed class PsqlAcceptanceSpec(PsqlTpchFixture fixture) : IClassFixture<PsqlTpchFixture>
{
    private static readonly Dictionary<string, long> RowCounts = new()
    {
        ["region"] = 5, ["nation"] = 25, ["supplier"] = 100, ["customer"] = 1_500,
        ["part"] = 2_000, ["partsupp"] = 8_000, ["orders"] = 15_000, ["lineitem"] = 60_175,
    };

    public static TheoryData<string> Queries()
    {
        var names = new TheoryData<string>();
        for (int q = 1; q <= 22; q++) names.Add($"q{q:00}");
        return names;
    }

    [Fact]
    public void Every_table_loaded_by_COPY_has_the_row_count_of_the_spec()
    {
        var psql = fixture.Psql();
        var sql = string.Join(" union all ", TpchSchema.Tables.Select(t => $"select '{t}' as name, count(*) as n from {t}"));
        var rows = psql.CsvRows("row counts", sql);
        Assert.Equal(RowCounts, rows.ToDictionary(r => r[0], r => long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Tpch_query_through_psql_csv_matches_the_reference_answer(string query)
    {
        var psql = fixture.Psql();
        var file = Path.Combine(TestPaths.Tpch, "queries", query + ".sql");
        var output = psql.Succeed(query, ["--csv", "-f", file]);
        var rows = Psql.Parse(output).Select(r => r.Select(f => (string?)f).ToArray()).ToList();
        var expected = File.ReadAllText(Path.Combine(TestPaths.Tpch, "answers", "sf" + PsqlTpchFixture.ScaleFactor, query + ".csv"));
        var problems = AnswerComparer.Compare(expected, rows);
        Assert.True(problems.Count == 0, $"{query} through psql --csv:\n  " + string.Join("\n  ", problems) + "\n--- psql output ---\n" + output);
    }

    [Fact]
    public void Backslash_copy_loads_lineitem_through_COPY_FROM_STDIN_like_the_server_side_COPY()
    {
        var psql = fixture.Psql();
        var file = TpchSchema.DataFile(PsqlTpchFixture.DataFolder, "lineitem")!;
        var ddl = TpchSchema.CreateTable("lineitem").Replace("create table lineitem", "create table lineitem_stdin", StringComparison.Ordinal);
        var source = file.EndsWith(".gz", StringComparison.Ordinal) ? $"program 'gzip -dc {file}'" : $"'{file}'";
        psql.Succeed("\\copy", ["-f", "-"],
            $"drop table if exists lineitem_stdin;\n{ddl};\n\\copy lineitem_stdin from {source} delimiter '|'\n");
        const string Summary = "select count(*), sum(l_quantity), sum(l_extendedprice), min(l_shipdate), max(l_comment), count(distinct l_shipmode) from ";
        var streamed = psql.CsvRows("summary of lineitem_stdin", Summary + "lineitem_stdin");
        var copied = psql.CsvRows("summary of lineitem", Summary + "lineitem");
        Assert.Equal("60175", streamed[0][0]);
        Assert.Equal(copied[0], streamed[0]);
        psql.Succeed("drop", ["-c", "drop table lineitem_stdin"]);
    }

    [Fact]
    public void Backslash_d_lineitem_describes_its_columns()
    {
        var output = fixture.Psql().Succeed("\\d lineitem", ["-c", "\\d lineitem"]);
        Assert.Contains("Table \"public.lineitem\"", output, StringComparison.Ordinal);
        foreach (var (column, type) in new[]
        {
            ("l_orderkey", "integer"), ("l_quantity", "numeric(15,2)"), ("l_returnflag", "character(1)"),
            ("l_shipdate", "date"), ("l_shipinstruct", "character(25)"), ("l_comment", "character varying(44)"),
        })
            Assert.Matches($@"(?m)^\s*{column}\s*\|\s*{System.Text.RegularExpressions.Regex.Escape(type)}\s*\|", output);
        Assert.Contains("not null", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Backslash_dt_lists_the_tables()
    {
        var output = fixture.Psql().Succeed("\\dt", ["-c", "\\dt"]);
        foreach (var table in TpchSchema.Tables)
            Assert.Matches($@"(?m)^\s*public\s*\|\s*{table}\s*\|\s*table\s*\|", output);
    }

    [Fact]
    public void Backslash_dn_lists_the_public_schema()
    {
        var output = fixture.Psql().Succeed("\\dn", ["-c", "\\dn"]);
        Assert.Matches(@"(?m)^\s*public\s*\|", output);
    }

    [Fact]
    public void Backslash_l_lists_the_dev_database()
    {
        var output = fixture.Psql().Succeed("\\l", ["-c", "\\l"]);
        // The owner is not checked: Redshift's dev database belongs to its system superuser rdsdb.
        Assert.Matches(@"(?m)^\s*dev\s*\|\s*\w+\s*\|\s*UTF8\s*\|", output);
    }

    [Fact]
    public void Backslash_du_lists_the_admin_superuser()
    {
        var output = fixture.Psql().Succeed("\\du", ["-c", "\\du"]);
        Assert.Matches(@"(?m)^\s*admin\s*\|.*Superuser", output);
    }
}
