using ActorWarehouse.Engine.Errors;
using static ActorWarehouse.Engine.Tests.Surface.SurfaceTestHelper;

namespace ActorWarehouse.Engine.Tests.Surface;

public sealed class RedshiftSystemViewTests : IDisposable
{
    private readonly Warehouse _warehouse = Warehouse.OpenInMemory();
    private readonly Session _admin;

    public RedshiftSystemViewTests()
    {
        _warehouse.Users.EnsureSuperuser("admin", "Secret123");
        _admin = _warehouse.OpenSession(new SessionIdentity("admin", "dev", 9001, "psql", "127.0.0.1"));
        _admin.Execute("create table sales (id int, region varchar(10), amount decimal(10,2)) distkey(id) sortkey(region)");
        _admin.Execute("insert into sales values (1, 'east', 10), (2, 'west', 20), (3, 'east', 30)");
        _admin.Execute("create user viewer password 'Viewer123'");
    }

    [Fact]
    public void Stl_query_records_finished_statements_with_their_text_user_and_outcome()
    {
        _admin.Execute("select count(*) from sales");
        Assert.ThrowsAny<SqlException>(() => _admin.Execute("select 1/0"));
        var rows = Rows(_admin, "select userid, pid, database, querytxt, aborted, endtime >= starttime from stl_query order by query");
        Assert.Contains("100|9001|dev|select count(*) from sales|0|t", rows);
        Assert.Contains("100|9001|dev|select 1/0|1|t", rows);
    }

    [Fact]
    public void Stv_inflight_and_pg_stat_activity_show_the_running_statement()
    {
        const string sql = "select pid, text from stv_inflight";
        Assert.Equal(["9001|" + sql], Rows(_admin, sql));
        using var other = _warehouse.OpenSession(new SessionIdentity("viewer", "dev", 9002, "app", "10.1.1.1"));
        var activity = Rows(_admin, "select pid, usename, application_name, client_addr, state, query from pg_stat_activity where pid in (9001, 9002) order by pid");
        Assert.Equal([
            "9001|admin|psql|127.0.0.1|active|select pid, usename, application_name, client_addr, state, query from pg_stat_activity where pid in (9001, 9002) order by pid",
            "9002|viewer|app|10.1.1.1|idle|",
        ], activity);
    }

    [Fact]
    public void A_user_who_is_not_a_superuser_sees_only_their_own_queries()
    {
        _admin.Execute("select 42");
        using var viewer = _warehouse.OpenSession(new SessionIdentity("viewer", "dev", 9003, "", ""));
        viewer.Execute("select 43");
        var texts = Rows(viewer, "select querytxt from stl_query");
        Assert.Contains("select 43", texts);
        Assert.DoesNotContain("select 42", texts);
        Assert.Contains("select 42", Rows(_admin, "select querytxt from stl_query"));
    }

    [Fact]
    public void Closed_sessions_leave_pg_stat_activity()
    {
        var other = _warehouse.OpenSession(new SessionIdentity("viewer", "dev", 9004, "", ""));
        Assert.Equal(["1"], Rows(_admin, "select count(*) from pg_stat_activity where pid = 9004"));
        other.Dispose();
        Assert.Equal(["0"], Rows(_admin, "select count(*) from pg_stat_activity where pid = 9004"));
    }

    [Fact]
    public void Svv_table_info_and_pg_table_def_describe_tables_from_the_catalog()
    {
        var oid = Rows(_admin, "select oid from pg_class where relname = 'sales'").Single();
        Assert.Equal([$"dev|public|{oid}|sales|KEY(id)|region|3|1"],
            Rows(_admin, "select database, schema, table_id, \"table\", diststyle, sortkey1, tbl_rows, sortkey_num from svv_table_info"));
        Assert.Equal(["id|integer|t|0", "region|character varying(10)|f|1", "amount|numeric(10,2)|f|0"],
            Rows(_admin, "select \"column\", type, distkey, sortkey from pg_table_def where tablename = 'sales'"));
    }

    [Fact]
    public void Stv_slices_lists_every_slice_of_the_node()
    {
        Assert.Equal([_warehouse.SliceCount.ToString(System.Globalization.CultureInfo.InvariantCulture)], Rows(_admin, "select count(*) from stv_slices"));
        Assert.Equal(["0|0|D"], Rows(_admin, "select node, slice, type from stv_slices where slice = 0"));
    }

    public void Dispose()
    {
        _admin.Dispose();
        _warehouse.Dispose();
    }
}
