using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;
using ActorWarehouse.Host.SqlLogic;

namespace ActorWarehouse.Host.Tests.SqlLogic;

public sealed class SltRunnerSpec
{
    private static readonly SqlType[] Int = [SqlType.Integer];

    private static SltFileReport Run(string text, FakeDatabase database, SltDialect dialect = SltDialect.Sqlite, SltSkipList? skipList = null) =>
        new SltRunner(new SltRunOptions { SkipList = skipList ?? SltSkipList.Empty }).Run("dir/file.test", text, dialect, database);

    private static object?[][] Ints(params int[] values) => values.Select(v => new object?[] { v }).ToArray();

    [Fact]
    public void Statements_pass_or_fail_by_their_expectation()
    {
        var db = new FakeDatabase().Succeeds("CREATE TABLE t(a INT)").Fails("SELECT nonsense");
        var report = Run("statement ok\nCREATE TABLE t(a INT)\n\nstatement error\nSELECT nonsense\n\nstatement ok\nSELECT nonsense\n", db);
        Assert.Equal((2, 1, 0), (report.Passed, report.Failed, report.Skipped));
        Assert.Equal(7, Assert.Single(report.Failures).Line);
    }

    [Fact]
    public void A_statement_error_with_a_sqlstate_requires_that_sqlstate()
    {
        var db = new FakeDatabase().Fails("SELECT 1/0", SqlState.DivisionByZero);
        var report = Run("statement error 22012\nSELECT 1/0\n\nstatement error 42601\nSELECT 1/0\n", db);
        Assert.Equal((1, 1), (report.Passed, report.Failed));
        Assert.Contains("expected SQLSTATE 42601", report.Failures[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rowsort_compares_rendered_rows_byte_wise()
    {
        var db = new FakeDatabase().Returns("SELECT a FROM t", Int, Ints(9, 10, -1, 0));
        var report = Run("query I rowsort\nSELECT a FROM t\n----\n-1\n0\n10\n9\n", db);
        Assert.Equal(1, report.Passed);
    }

    [Fact]
    public void Nosort_keeps_the_engine_order()
    {
        var db = new FakeDatabase().Returns("SELECT a FROM t", Int, Ints(2, 1));
        var report = Run("query I nosort\nSELECT a FROM t\n----\n1\n2\n", db);
        Assert.Equal(1, report.Failed);
    }

    [Fact]
    public void Valuesort_sorts_values_across_rows()
    {
        var db = new FakeDatabase().Returns("SELECT a, b FROM t", [SqlType.Integer, SqlType.Integer], [3, 1], [2, 4]);
        var report = Run("query II valuesort\nSELECT a, b FROM t\n----\n1\n2\n3\n4\n", db);
        Assert.Equal(1, report.Passed);
    }

    [Fact]
    public void A_hash_line_is_checked_against_the_md5_of_the_sorted_values()
    {
        // printf '1\n10\n2\n...\n9\n' | md5sum
        var db = new FakeDatabase().Returns("SELECT a FROM t", Int, Ints(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        var good = Run("query I rowsort\nSELECT a FROM t\n----\n10 values hashing to ff2650590d3f27ea6644b5573ccc37ba\n", db);
        var bad = Run("query I rowsort\nSELECT a FROM t\n----\n10 values hashing to 00000000000000000000000000000000\n", db);
        Assert.Equal(1, good.Passed);
        Assert.Equal(1, bad.Failed);
    }

    [Fact]
    public void Queries_sharing_a_label_must_agree_including_skipped_ones()
    {
        var db = new FakeDatabase().Returns("SELECT 1", Int, Ints(1)).Returns("SELECT 2", Int, Ints(2));
        var agree = Run("onlyif mysql\nquery I nosort label-1\nSELECT x\n----\n1\n\nquery I nosort label-1\nSELECT 1\n----\n1\n", db);
        Assert.Equal((1, 0, 1), (agree.Passed, agree.Failed, agree.Skipped));

        var disagree = Run("query I nosort label-1\nSELECT 1\n----\n1\n\nquery I nosort label-1\nSELECT 2\n----\n2\n", db);
        Assert.Equal((1, 1), (disagree.Passed, disagree.Failed));
        Assert.Contains("label-1", disagree.Failures[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_for_other_engines_are_skipped_and_not_run()
    {
        var db = new FakeDatabase();
        var report = Run("skipif postgresql\nstatement ok\nSELECT x\n\nonlyif mysql\nstatement ok\nSELECT y\n", db);
        Assert.Equal((0, 0, 2), (report.Passed, report.Failed, report.Skipped));
        Assert.Empty(db.Executed);
    }

    [Fact]
    public void A_wrong_column_count_fails()
    {
        var db = new FakeDatabase().Returns("SELECT 1", Int, Ints(1));
        Assert.Equal(1, Run("query II\nSELECT 1\n----\n1\n1\n", db).Failed);
    }

    [Fact]
    public void Halt_stops_the_file()
    {
        var db = new FakeDatabase().Succeeds("SELECT 1");
        var report = Run("statement ok\nSELECT 1\n\nhalt\n\nstatement ok\nSELECT 2\n", db);
        Assert.Equal((1, 0, 0), (report.Passed, report.Failed, report.Skipped));
    }

    [Fact]
    public void Project_files_may_write_one_row_per_line_separated_by_tabs()
    {
        var db = new FakeDatabase().Returns("SELECT a, b FROM t", [SqlType.Integer, SqlType.Text], [1, "x"], [2, "y"]);
        Assert.Equal(1, Run("query IT rowsort\nSELECT a, b FROM t\n----\n2\ty\n1\tx\n", db).Passed);
    }

    [Fact]
    public void DuckDb_results_compare_numerically_and_without_order_when_there_is_no_order_by()
    {
        var db = new FakeDatabase()
            .Returns("SELECT a, b FROM t", [SqlType.Integer, SqlType.Double], [2, 0.5], [1, 12.0])
            .Returns("SELECT a, b FROM t ORDER BY a", [SqlType.Integer, SqlType.Double], [2, 0.5], [1, 12.0]);
        var unordered = Run("query IR\nSELECT a, b FROM t\n----\n1\t12.000000\n2\t0.5\n", db, SltDialect.DuckDb);
        var ordered = Run("query IR\nSELECT a, b FROM t ORDER BY a\n----\n1\t12.000000\n2\t0.5\n", db, SltDialect.DuckDb);
        Assert.Equal(1, unordered.Passed);
        Assert.Equal(1, ordered.Failed);
    }

    [Fact]
    public void DuckDb_null_order_setting_is_emulated_by_comparing_the_rest_of_the_file_without_order()
    {
        var db = new FakeDatabase().Returns("SELECT a FROM t ORDER BY a", Int, [1], [null]);
        var report = Run("statement ok\nSET default_null_order='nulls_first';\n\nquery I\nSELECT a FROM t ORDER BY a\n----\nNULL\n1\n", db, SltDialect.DuckDb);
        Assert.Equal((1, 0, 1), (report.Passed, report.Failed, report.Skipped));
        Assert.DoesNotContain(db.Executed, s => s.Contains("default_null_order", StringComparison.Ordinal));
    }

    [Fact]
    public void The_skip_list_skips_records_by_file_and_header_line()
    {
        var db = new FakeDatabase().Succeeds("SELECT 1");
        var skipList = SltSkipList.Parse("# comment\nfile.test 4-5 not PostgreSQL\nother.test 1 elsewhere\n");
        var report = Run("statement ok\nSELECT 1\n\nstatement ok\nSUMMARIZE t\n", db, SltDialect.DuckDb, skipList);
        Assert.Equal((1, 0, 1), (report.Passed, report.Failed, report.Skipped));
        Assert.Equal((4, "not PostgreSQL"), Assert.Single(report.SkipReasons));
    }

    [Fact]
    public void DuckDb_require_of_a_missing_feature_skips_the_rest_of_the_file()
    {
        var db = new FakeDatabase().Succeeds("SELECT 1");
        var report = Run("require no_alternative_verify\n\nstatement ok\nSELECT 1\n\nrequire parquet\n\nstatement ok\nSELECT 2\n", db, SltDialect.DuckDb);
        Assert.Equal((1, 0, 1), (report.Passed, report.Failed, report.Skipped));
    }
}
