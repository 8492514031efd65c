using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Tests.Planner;

public sealed class DdlDmlTests : IDisposable
{
    private readonly SqlTestHelper _db = new();

    [Fact]
    public void Insert_fills_defaults_and_identity_values()
    {
        _db.Run("create table t (id int identity(10, 5), name varchar(10) default 'anon', n int not null default 0)");
        _db.Run("insert into t (name) values ('a'); insert into t values (default, default, 7); insert into t default values");
        Assert.Equal(["10|a|0", "15|anon|7", "20|anon|0"], _db.Rows("select * from t order by id"));
    }

    [Fact]
    public void Insert_null_into_not_null_column_fails_with_23502()
    {
        _db.Run("create table t (a int not null)");
        var error = _db.Error("insert into t values (null)");
        Assert.Equal(SqlState.NotNullViolation, error.SqlState);
        Assert.Equal("null value in column \"a\" of relation \"t\" violates not-null constraint", error.Message);
    }

    [Fact]
    public void Insert_too_long_text_fails_with_22001()
    {
        _db.Run("create table t (s varchar(3))");
        Assert.Equal(SqlState.StringDataRightTruncation, _db.Error("insert into t values ('abcd')").SqlState);
    }

    [Fact]
    public void Insert_bad_literal_fails_with_22P02()
    {
        _db.Run("create table t (a int)");
        Assert.Equal(SqlState.InvalidTextRepresentation, _db.Error("insert into t values ('x')").SqlState);
    }

    [Fact]
    public void Insert_count_mismatch_is_a_syntax_error()
    {
        _db.Run("create table t (a int, b int)");
        Assert.Equal("INSERT has more expressions than target columns", _db.Error("insert into t (a) values (1, 2)").Message);
    }

    [Fact]
    public void Insert_select_casts_to_the_column_types()
    {
        _db.Run("create table t (a bigint, b numeric(10,2)); insert into t select x, x / 4.0 from generate_series(1, 3) as g(x)");
        Assert.Equal(["1|0.25", "2|0.50", "3|0.75"], _db.Rows("select * from t order by a"));
        Assert.Equal("INSERT 0 2", _db.Run("insert into t select a, b from t where a < 3")[0].CommandTag);
    }

    [Fact]
    public void Update_and_delete_report_row_counts()
    {
        _db.Run("create table t (a int, b text); insert into t values (1, 'x'), (2, 'y'), (3, 'z')");
        Assert.Equal("UPDATE 2", _db.Run("update t set b = b || '!' where a >= 2")[0].CommandTag);
        Assert.Equal("DELETE 1", _db.Run("delete from t where a = 1")[0].CommandTag);
        Assert.Equal(["2|y!", "3|z!"], _db.Rows("select * from t order by a"));
        Assert.Equal("DELETE 2", _db.Run("delete from t")[0].CommandTag);
        Assert.Empty(_db.Rows("select * from t"));
    }

    [Fact]
    public void Update_with_subquery_in_where()
    {
        _db.Run("create table t (a int, b int); create table k (a int); insert into t values (1, 0), (2, 0); insert into k values (2)");
        _db.Run("update t set b = 9 where a in (select a from k)");
        Assert.Equal(["1|0", "2|9"], _db.Rows("select * from t order by a"));
    }

    [Fact]
    public void Create_table_as_and_truncate()
    {
        _db.Run("create table src (a int); insert into src values (1), (2)");
        Assert.Equal("SELECT 2", _db.Run("create table dst as select a * 10 as ten from src")[0].CommandTag);
        Assert.Equal(["10", "20"], _db.Rows("select ten from dst order by 1"));
        _db.Run("truncate dst");
        Assert.Empty(_db.Rows("select * from dst"));
    }

    [Fact]
    public void Create_existing_table_fails_and_if_not_exists_notices()
    {
        _db.Run("create table t (a int)");
        Assert.Equal(SqlState.DuplicateTable, _db.Error("create table t (b int)").SqlState);
        var result = _db.Run("create table if not exists t (b int)")[0];
        Assert.Equal(["relation \"t\" already exists, skipping"], result.Notices);
    }

    [Fact]
    public void Drop_missing_table_fails_and_if_exists_notices()
    {
        Assert.Equal(SqlState.UndefinedTable, _db.Error("drop table nope").SqlState);
        Assert.Equal(["table \"nope\" does not exist, skipping"], _db.Run("drop table if exists nope")[0].Notices);
    }

    [Fact]
    public void Drop_table_with_dependent_view_needs_cascade()
    {
        _db.Run("create table t (a int); create view v as select a from t");
        Assert.Equal(SqlState.DependentObjectsStillExist, _db.Error("drop table t").SqlState);
        _db.Run("drop table t cascade");
        Assert.Equal(SqlState.UndefinedTable, _db.Error("select * from v").SqlState);
    }

    [Fact]
    public void Schemas_qualify_tables_and_search_path_resolves_them()
    {
        _db.Run("create schema s; create table s.t (a int); insert into s.t values (5)");
        Assert.Equal(SqlState.UndefinedTable, _db.Error("select * from t").SqlState);
        _db.Run("set search_path to s, public");
        Assert.Equal(["5"], _db.Rows("select * from t"));
        Assert.Equal(SqlState.DependentObjectsStillExist, _db.Error("drop schema s").SqlState);
        _db.Run("drop schema s cascade");
        Assert.Equal(SqlState.DuplicateSchema, _db.Error("create schema public").SqlState);
    }

    [Fact]
    public void Diststyle_and_sortkey_are_validated()
    {
        _db.Run("create table f (a int, b date) diststyle key distkey(a) sortkey(b)");
        Assert.Equal(SqlState.UndefinedColumn, _db.Error("create table g (a int) distkey(zz)").SqlState);
        _db.Run("insert into f values (1, '2020-01-02'), (2, '2020-01-01')");
        Assert.Equal(["2020-01-01"], _db.Rows("select min(b) from f"));
    }

    [Fact]
    public void Set_show_reset_follow_postgresql_rules()
    {
        _db.Run("set statement_timeout = 5000");
        Assert.Equal("5000", _db.Scalar("show statement_timeout"));
        _db.Run("reset statement_timeout");
        Assert.Equal("0", _db.Scalar("show statement_timeout"));
        Assert.Equal(SqlState.UndefinedObject, _db.Error("set no_such_setting = 1").SqlState);
        _db.Run("set myapp.flag = 'on'");
        Assert.Equal("on", _db.Scalar("show myapp.flag"));
    }

    [Fact]
    public void Explain_returns_plan_lines()
    {
        _db.Run("create table t (a int)");
        var result = _db.Run("explain select a from t where a = 1")[0];
        Assert.Equal("QUERY PLAN", result.Columns[0].Name);
        Assert.True(result.RowsAffected > 0);
    }

    [Fact]
    public void Alter_table_add_column_with_default_fills_existing_rows()
    {
        _db.Run("create table t (a int); insert into t values (1), (2)");
        _db.Run("alter table t add column b int default 7; alter table t add column c text");
        Assert.Equal(["1|7|NULL", "2|7|NULL"], _db.Rows("select * from t order by a"));
    }

    [Fact]
    public void Alter_table_drop_and_rename_columns_and_tables()
    {
        _db.Run("create table t (a int, b int, c int); insert into t values (1, 2, 3)");
        _db.Run("alter table t drop column b; alter table t rename column c to z; alter table t rename to t2");
        Assert.Equal(["1|3"], _db.Rows("select a, z from t2"));
        Assert.Equal(SqlState.UndefinedTable, _db.Error("select * from t").SqlState);
    }

    [Fact]
    public void Alter_table_append_from_moves_rows()
    {
        _db.Run("create table t (a int); create table s (a int); insert into t values (1); insert into s values (2), (3)");
        _db.Run("alter table t append from s");
        Assert.Equal(["1", "2", "3"], _db.Rows("select a from t order by a"));
        Assert.Empty(_db.Rows("select a from s"));
    }

    [Fact]
    public void Alter_varchar_column_may_only_grow()
    {
        _db.Run("create table t (s varchar(3))");
        _db.Run("alter table t alter column s type varchar(10); insert into t values ('abcdefg')");
        Assert.Equal(SqlState.FeatureNotSupported, _db.Error("alter table t alter column s type varchar(2)").SqlState);
    }

    [Fact]
    public void Copy_records_rejected_rows_in_stl_load_errors()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "1|a\nx|b\n3|c\n");
            _db.Run("create table t (a int, b text)");
            Assert.Equal("COPY 2", _db.Run($"copy t from '{file}' maxerror 5")[0].CommandTag);
            Assert.Equal(["2|a"], _db.Rows("select line_number, colname from stl_load_errors"));
            Assert.Equal(SqlState.BadCopyFileFormat, _db.Error($"copy t from '{file}'").SqlState);
            Assert.Equal(["2"], _db.Rows("select count(*) from t"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Update_from_takes_values_from_the_matching_row()
    {
        _db.Run("create table t (id int, v text); create table s (id int, nv text)");
        _db.Run("insert into t values (1, 'a'), (2, 'b'), (3, 'c'); insert into s values (2, 'B'), (3, 'C'), (4, 'D')");
        Assert.Equal("UPDATE 2", _db.Run("update t set v = s.nv from s where s.id = t.id")[0].CommandTag);
        Assert.Equal(["1|a", "2|B", "3|C"], _db.Rows("select * from t order by id"));
    }

    [Fact]
    public void Delete_using_removes_matching_rows()
    {
        _db.Run("create table t (id int); create table s (id int); insert into t values (1), (2), (3); insert into s values (2), (9)");
        Assert.Equal("DELETE 1", _db.Run("delete from t using s where s.id = t.id")[0].CommandTag);
        Assert.Equal(["1", "3"], _db.Rows("select id from t order by id"));
    }

    [Fact]
    public void Information_schema_lists_tables_and_columns()
    {
        _db.Run("create table t (a int not null, b varchar(20)) distkey(a); create view v as select a from t");
        Assert.Equal(["t|BASE TABLE", "v|VIEW"], _db.Rows("select table_name, table_type from information_schema.tables where table_schema = 'public' order by 1"));
        Assert.Equal(["a|NO|integer", "b|YES|character varying"],
            _db.Rows("select column_name, is_nullable, data_type from information_schema.columns where table_name = 't' order by ordinal_position"));
        Assert.Equal(["KEY(a)|0"], _db.Rows("select diststyle, tbl_rows from svv_table_info where \"table\" = 't'"));
    }

    public void Dispose() => _db.Dispose();
}
