using System.Text;
using ActorWarehouse.Engine.Errors;
using static ActorWarehouse.Engine.Tests.Surface.SurfaceTestHelper;

namespace ActorWarehouse.Engine.Tests.Surface;

public sealed class CopyStdioTests : IDisposable
{
    private readonly Warehouse _warehouse = Warehouse.OpenInMemory();
    private readonly Session _session;

    public CopyStdioTests()
    {
        _session = _warehouse.OpenSession();
        _session.Execute("create table t (id int, name varchar(30), price decimal(8,2))");
    }

    private QueryResult CopyIn(string sql, string data)
    {
        var statement = _session.ParseStatements(sql).Single();
        Assert.Equal(CopyDirection.FromStdin, statement.Copy);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(data));
        return _session.Execute(statement, [], new CopyStreams { Input = input }, CancellationToken.None);
    }

    private (QueryResult Result, string Output) CopyOut(string sql)
    {
        var statement = _session.ParseStatements(sql).Single();
        Assert.Equal(CopyDirection.ToStdout, statement.Copy);
        using var output = new MemoryStream();
        var result = _session.Execute(statement, [], new CopyStreams { Output = output }, CancellationToken.None);
        return (result, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Copy_from_stdin_reads_postgresql_text_format_with_escapes_nulls_and_the_end_marker()
    {
        var result = CopyIn("copy t from stdin", "1\ta\\tb\t1.50\n2\t\\N\t\\N\n3\tback\\\\slash\t3\n\\.\n4\tignored\t4\n");
        Assert.Equal("COPY 3", result.CommandTag);
        Assert.Equal(["1|a\tb|1.50", "2|NULL|NULL", "3|back\\slash|3.00"], Rows(_session, "select * from t order by id"));
    }

    [Fact]
    public void Copy_from_stdin_text_keeps_empty_strings_apart_from_nulls()
    {
        CopyIn("copy t (id, name) from stdin", "1\t\n2\t\\N\n");
        Assert.Equal(["1|", "2|NULL"], Rows(_session, "select id, coalesce(name, 'NULL') from t order by id"));
    }

    [Fact]
    public void Copy_from_stdin_reads_csv_with_header_and_a_custom_delimiter()
    {
        var result = CopyIn("copy t from stdin with (format csv, header true, delimiter ';')", "id;name;price\n1;\"x;y\";2.5\n2;;\n");
        Assert.Equal("COPY 2", result.CommandTag);
        Assert.Equal(["1|x;y|2.50", "2|NULL|NULL"], Rows(_session, "select * from t order by id"));
    }

    [Fact]
    public void Copy_from_stdin_with_a_bad_value_fails_with_a_data_error_and_loads_nothing()
    {
        var e = Assert.ThrowsAny<SqlException>(() => CopyIn("copy t from stdin", "1\ta\t1\nx\tb\t2\n"));
        Assert.NotEqual(SqlState.FeatureNotSupported, e.SqlState);
        Assert.Equal(["0"], Rows(_session, "select count(*) from t"));
    }

    [Fact]
    public void Copy_to_stdout_writes_text_format_rows()
    {
        _session.Execute("insert into t values (1, 'a\tb', 1.5), (2, null, null)");
        var (result, output) = CopyOut("copy t to stdout");
        Assert.Equal("COPY 2", result.CommandTag);
        Assert.Equal("1\ta\\tb\t1.50\n2\t\\N\t\\N\n", output);
    }

    [Fact]
    public void Copy_of_a_query_to_stdout_writes_csv_with_a_header_and_quotes_where_needed()
    {
        _session.Execute("insert into t values (1, 'x,y', 1), (2, '', null)");
        var (_, output) = CopyOut("copy (select id, name from t order by id) to stdout with (format csv, header)");
        Assert.Equal("id,name\n1,\"x,y\"\n2,\"\"\n", output);
    }

    [Fact]
    public void Copy_of_listed_columns_to_stdout_writes_only_those()
    {
        _session.Execute("insert into t values (5, 'five', 5)");
        Assert.Equal("five|5\n", CopyOut("copy t (name, id) to stdout delimiter '|'").Output);
    }

    [Fact]
    public void Prepared_copy_statements_report_their_column_count()
    {
        Assert.Equal(3, _session.Prepare("copy t from stdin", []).CopyColumnCount);
        Assert.Equal(2, _session.Prepare("copy (select 1, 2) to stdout", []).CopyColumnCount);
    }

    [Fact]
    public void Copy_from_stdin_without_the_wire_protocol_is_refused()
    {
        var e = Assert.Throws<SqlException>(() => _session.Execute("copy t from stdin"));
        Assert.Equal(SqlState.FeatureNotSupported, e.SqlState);
    }

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }
}
