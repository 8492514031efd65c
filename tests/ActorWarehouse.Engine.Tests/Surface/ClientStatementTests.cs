using ActorWarehouse.Engine.Errors;
using static ActorWarehouse.Engine.Tests.Surface.SurfaceTestHelper;

namespace ActorWarehouse.Engine.Tests.Surface;

/// <summary>Statements drivers, ORMs and BI tools send at connect time or around transactions.</summary>
public sealed class ClientStatementTests : IDisposable
{
    private readonly Warehouse _warehouse = Warehouse.OpenInMemory();
    private readonly Session _session;

    public ClientStatementTests()
    {
        _warehouse.Users.EnsureSuperuser("admin", "Secret123");
        _session = _warehouse.OpenSession(new SessionIdentity("admin", "dev", 5150, "tool", "10.0.0.7"));
        _session.Execute("create table t (a int, b varchar(10))");
    }

    private List<string> Query(string sql) => Rows(_session, sql);

    [Theory]
    [InlineData("SET extra_float_digits = 3")]
    [InlineData("SET application_name = 'PostgreSQL JDBC Driver'")]
    [InlineData("SET datestyle TO 'ISO'")]
    [InlineData("SET DateStyle = 'ISO';SET extra_float_digits = 2;show transaction_isolation")]
    [InlineData("show standard_conforming_strings")]
    [InlineData("show transaction isolation level")]
    [InlineData("show transaction_read_only")]
    [InlineData("select oid, typbasetype from pg_type where typname = 'lo'")]
    [InlineData("SELECT 1 FROM svv_external_schemas WHERE schemaname LIKE 'public'")]
    [InlineData("select * from pg_catalog.pg_settings where name = 'max_index_keys'")]
    [InlineData("SELECT n.oid, n.nspname, d.description FROM pg_catalog.pg_namespace n LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid = n.oid AND d.objsubid = 0 AND d.classoid = 'pg_namespace'::regclass ORDER BY nspname")]
    [InlineData("SELECT db.oid, db.* FROM pg_catalog.pg_database db WHERE datname = 'dev'")]
    [InlineData("select c.relname, a.attname, t.typname from pg_class c join pg_attribute a on a.attrelid = c.oid join pg_type t on t.oid = a.atttypid where c.relname = 't'")]
    [InlineData("select * from information_schema.columns where table_schema = ANY(string_to_array(current_setting('search_path'), ','))")]
    [InlineData("select * from pg_table_def where tablename = 't'")]
    [InlineData("select * from svv_tables")]
    [InlineData("select * from svv_columns where table_name = 't'")]
    [InlineData("select * from stv_slices")]
    [InlineData("select * from pg_stat_activity")]
    [InlineData("select * from stl_query order by query desc limit 5")]
    [InlineData("select * from stv_inflight")]
    [InlineData("select * from stv_sessions")]
    [InlineData("select * from pg_user")]
    [InlineData("select * from pg_roles")]
    [InlineData("select * from pg_authid")]
    [InlineData("select * from pg_shadow")]
    [InlineData("select * from pg_proc where proname = 'array_recv'")]
    [InlineData("select * from pg_tables where schemaname = 'public'")]
    [InlineData("select * from pg_views")]
    [InlineData("select * from information_schema.schemata")]
    [InlineData("select * from information_schema.views")]
    [InlineData("select * from information_schema.table_constraints")]
    [InlineData("select typinput = 'array_in'::regproc, typname from pg_type where typname = '_int4'")]
    [InlineData("select string_agg(word, ',') from pg_catalog.pg_get_keywords() where word <> ALL ('{a,abs,absolute}'::text[])")]
    public void Statement_runs(string sql)
    {
        var statements = _session.ParseStatements(sql);
        foreach (var statement in statements) _session.Execute(statement, [], null, CancellationToken.None);
    }

    [Fact]
    public void Identity_functions_report_the_session()
    {
        Assert.Equal(["admin|admin|admin|dev|public|5150"],
            Query("select current_user, session_user, user, current_database(), current_schema(), pg_backend_pid()"));
        Assert.Equal(["{pg_catalog,public}|{public}"], Query("select current_schemas(true), current_schemas(false)"));
        Assert.Equal(["10.0.0.7"], Query("select inet_client_addr()"));
        Assert.Equal(["80002|800"], Query("select current_setting('server_version_num'), current_setting('server_version_num')::int/100"));
    }

    [Fact]
    public void Version_looks_like_redshift_to_clients_that_parse_it()
    {
        var version = Query("select pg_catalog.version()").Single();
        Assert.Matches(@"^PostgreSQL 8\.0\.2 on \S+, compiled by .*Redshift 1\.0\.\d+", version);
    }

    [Fact]
    public void Set_config_changes_a_setting_and_raises_the_change_event()
    {
        var changes = new List<string>();
        _session.Settings.Changed += (name, value) => changes.Add(name + "=" + value);
        Assert.Equal(["myapp"], Query("select set_config('application_name', 'myapp', false)"));
        Assert.Equal("myapp", _session.Settings.Get("application_name"));
        Assert.Contains("application_name=myapp", changes);
    }

    [Fact]
    public void Catalog_helper_functions_answer_like_postgresql()
    {
        Assert.Equal(["UTF8|t|t|f"], Query("select pg_encoding_to_char(6), has_table_privilege('t', 'select'), has_schema_privilege('public', 'usage'), pg_is_in_recovery()"));
        Assert.Equal(["numeric(15,2)|character varying(10)|integer|text[]"],
            Query("select format_type(1700, 983046), format_type(1043, 14), format_type(23, null), format_type(1009, -1)"));
        Assert.Equal(["a,b|2|b"], Query("select array_to_string(array['a','b'], ','), array_upper(array[1,2], 1), (array['a','b'])[2]"));
        Assert.Equal(["t|f"], Query("select 'public' = any(current_schemas(false)), 'x' = any(current_schemas(false))"));
        Assert.Equal(["rdsdb|admin"], Query("select pg_get_userbyid(1), pg_get_userbyid(100)"));
        Assert.Equal(["t|t"], Query("select 't'::regclass::oid = (select oid from pg_class where relname = 't'), pg_table_is_visible('t'::regclass)"));
        Assert.Equal(["t|integer|array_in"], Query("select 't'::regclass::text, 23::regtype::text, 750::regproc::text"));
    }

    [Fact]
    public void A_view_over_the_catalog_can_be_described_without_describing_itself_forever()
    {
        _session.Execute("create view my_columns as select table_name, column_name from information_schema.columns where table_schema = 'public'");
        Assert.Contains("t|a", Query("select * from my_columns"));
        Assert.Contains("my_columns|column_name", Query("select c.relname, a.attname from pg_class c join pg_attribute a on a.attrelid = c.oid where c.relname = 'my_columns'"));
    }

    [Fact]
    public void A_missing_relation_in_a_regclass_literal_is_42P01()
    {
        Assert.Equal(SqlState.UndefinedTable, Assert.Throws<SqlException>(() => Query("select 'nope'::regclass")).SqlState);
    }

    [Fact]
    public void Password_verifiers_are_visible_to_superusers_only()
    {
        Assert.StartsWith("SCRAM-SHA-256$4096:", Query("select rolpassword from pg_authid where rolname = 'admin'").Single());
        Assert.Equal(["********"], Query("select passwd from pg_user where usename = 'admin'"));
        _session.Execute("create user plain password 'Plain1234'");
        using var plain = _warehouse.OpenSession(new SessionIdentity("plain", "dev", 5151, "", ""));
        Assert.Equal(SqlState.InsufficientPrivilege, Assert.Throws<SqlException>(() => plain.Execute("select * from pg_authid")).SqlState);
    }

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }
}
