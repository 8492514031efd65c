using ActorWarehouse.Host.Cli.Commands;

namespace ActorWarehouse.Host.Tests.Cli;

public sealed class SqlCommandSpec
{
    private static (int, string, string) Sql(params string[] args) => CommandRunner.Run((o, e) => new SqlCommand(o, e, new StringReader("")), args);

    [Fact]
    public void Csv_output_has_a_header_quotes_only_when_needed_and_leaves_null_empty()
    {
        using var folder = new TempFolder();
        var (code, output, error) = Sql("--data", folder.Path, "--format", "csv",
            "-c", "create table t (id integer, name varchar(20), price decimal(8,2), d date)",
            "-c", "insert into t values (1, 'plain', 1.50, '2024-01-02'), (2, 'a,b', null, null), (3, 'say \"hi\"', 10.00, '1999-12-31')",
            "-c", "select id, name, price, d from t order by id");
        Assert.True(code == 0, error);
        Assert.Equal(
            "CREATE TABLE\nINSERT 0 3\nid,name,price,d\n1,plain,1.50,2024-01-02\n2,\"a,b\",,\n3,\"say \"\"hi\"\"\",10.00,1999-12-31\n",
            output);
    }

    [Fact]
    public void Data_persists_between_runs_on_the_same_folder()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Sql("--data", folder.Path, "-c", "create table p (a integer); insert into p values (7)").Item1);
        var (code, output, error) = Sql("--data", folder.Path, "--format", "csv", "-c", "select a from p");
        Assert.True(code == 0, error);
        Assert.Equal("a\n7\n", output);
    }

    [Fact]
    public void Table_output_is_aligned_with_a_row_count_footer()
    {
        using var folder = new TempFolder();
        var (code, output, error) = Sql("--data", folder.Path, "-c", "select 1 as n, 'x' as label");
        Assert.True(code == 0, error);
        Assert.Equal(" n | label\n---+-------\n 1 | x\n(1 row)\n", output);
    }

    [Fact]
    public void A_failing_statement_exits_non_zero_with_the_error_and_sqlstate_on_stderr()
    {
        using var folder = new TempFolder();
        var (code, _, error) = Sql("--data", folder.Path, "-c", "select * from missing_table");
        Assert.Equal(1, code);
        Assert.StartsWith("ERROR: ", error, StringComparison.Ordinal);
        Assert.Contains("SQLSTATE: 42P01", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Statements_after_a_failure_do_not_run()
    {
        using var folder = new TempFolder();
        var (code, output, _) = Sql("--data", folder.Path, "-c", "create table q (a integer); select nonsense from q; create table r (a integer)");
        Assert.Equal(1, code);
        Assert.Equal("CREATE TABLE\n", output);
    }

    [Fact]
    public void A_script_file_runs_statement_by_statement()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);
        var script = Path.Combine(folder.Path, "script.sql");
        File.WriteAllText(script, "create table s (a integer);\ninsert into s values (1), (2);\nselect sum(a) as total from s;\n");
        var (code, output, error) = Sql("--data", Path.Combine(folder.Path, "db"), "--format", "csv", "-f", script);
        Assert.True(code == 0, error);
        Assert.Equal("CREATE TABLE\nINSERT 0 2\ntotal\n3\n", output);
    }

    [Fact]
    public void Missing_data_folder_option_is_a_usage_error()
    {
        var (code, _, error) = Sql("-c", "select 1");
        Assert.Equal(2, code);
        Assert.Contains("--data", error, StringComparison.Ordinal);
    }
}
