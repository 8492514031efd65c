using static ActorWarehouse.Engine.Tests.Surface.SurfaceTestHelper;

namespace ActorWarehouse.Engine.Tests.Surface;

/// <summary>Runs the SQL of psql 15's \d, \dt, \dn, \l and \du (as sent to an 8.0.2 server) against a TPC-H-like warehouse.</summary>
public sealed class PsqlMetaCommandTests : IDisposable
{
    private readonly Warehouse _warehouse = Warehouse.OpenInMemory();
    private readonly Session _session;

    public PsqlMetaCommandTests()
    {
        _warehouse.Users.EnsureSuperuser("admin", "Secret123");
        _session = _warehouse.OpenSession(new SessionIdentity("admin", "dev", 4242, "psql", "127.0.0.1"));
        _session.Execute("""
            create table region (r_regionkey integer not null, r_name char(25) not null, r_comment varchar(152));
            create table lineitem (l_orderkey bigint not null, l_partkey integer not null, l_quantity decimal(15,2) not null,
                l_shipdate date not null, l_comment varchar(44) not null, l_shipinstruct char(25), l_tax decimal(15,2) default 0.05)
                distkey(l_orderkey) sortkey(l_shipdate);
            create view busy_regions as select r_name from region;
            create schema staging;
            create table staging.raw_lines (line varchar(1000));
            create user analyst password 'Analyst123' createdb;
            """);
    }

    private List<string> Query(string sql) => Rows(_session, sql);

    private string LineitemOid() => Query(PsqlQueries.DescribeLookup).Single().Split('|')[0];

    [Fact]
    public void Describe_finds_the_table_by_its_visible_name()
    {
        var row = Query(PsqlQueries.DescribeLookup).Single().Split('|');
        Assert.Equal(["public", "lineitem"], row[1..]);
        Assert.True(int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture) >= 16384);
    }

    [Fact]
    public void Describe_reads_the_relation_flags_of_a_plain_table()
    {
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, PsqlQueries.DescribeRelationFlags, LineitemOid());
        Assert.Equal(["0|r|f|f|f|f|f|f|f||0||p"], Query(sql));
    }

    [Fact]
    public void Describe_lists_the_columns_with_types_defaults_and_nullability()
    {
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, PsqlQueries.DescribeColumns, LineitemOid());
        Assert.Equal([
            "l_orderkey|bigint|NULL|t|NULL||",
            "l_partkey|integer|NULL|t|NULL||",
            "l_quantity|numeric(15,2)|NULL|t|NULL||",
            "l_shipdate|date|NULL|t|NULL||",
            "l_comment|character varying(44)|NULL|t|NULL||",
            "l_shipinstruct|character(25)|NULL|f|NULL||",
            "l_tax|numeric(15,2)|0.05|f|NULL||",
        ], Query(sql));
    }

    [Fact]
    public void Describe_of_a_view_lists_the_columns_its_query_produces()
    {
        var oid = Query(PsqlQueries.DescribeLookup.Replace("^(lineitem)$", "^(busy_regions)$", StringComparison.Ordinal)).Single().Split('|')[0];
        Assert.Equal(["0|v|f|f|f|f|f|f|f||0||p"],
            Query(string.Format(System.Globalization.CultureInfo.InvariantCulture, PsqlQueries.DescribeRelationFlags, oid)));
        Assert.Equal(["r_name|character(25)|NULL|f|NULL||"],
            Query(string.Format(System.Globalization.CultureInfo.InvariantCulture, PsqlQueries.DescribeColumns, oid)));
    }

    [Fact]
    public void A_table_name_pattern_filters_with_a_collated_regex_as_psql_writes_it()
    {
        // psql's "\dt line*" adds this condition (with COLLATE pg_catalog.default) to the \dt query.
        var sql = PsqlQueries.ListTables.Replace("  AND pg_catalog.pg_table_is_visible(c.oid)",
            "  AND c.relname OPERATOR(pg_catalog.~) '^(line.*)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)", StringComparison.Ordinal);
        Assert.Equal(["public|lineitem|table|rdsdb"], Query(sql));
    }

    [Fact]
    public void Tables_outside_the_search_path_are_not_visible_until_it_includes_their_schema()
    {
        Assert.DoesNotContain(Query(PsqlQueries.ListTables), r => r.Contains("raw_lines", StringComparison.Ordinal));
        _session.Execute("set search_path to public, staging");
        Assert.Contains("staging|raw_lines|table|rdsdb", Query(PsqlQueries.ListTables));
    }

    [Fact]
    public void Describe_finds_no_parent_or_child_tables()
    {
        var oid = LineitemOid();
        Assert.Empty(Query(string.Format(System.Globalization.CultureInfo.InvariantCulture, PsqlQueries.DescribeParents, oid)));
        Assert.Empty(Query(string.Format(System.Globalization.CultureInfo.InvariantCulture, PsqlQueries.DescribeChildren, oid)));
    }

    [Fact]
    public void List_tables_shows_the_visible_tables_with_their_owner()
    {
        Assert.Equal(["public|lineitem|table|rdsdb", "public|region|table|rdsdb"], Query(PsqlQueries.ListTables));
    }

    [Fact]
    public void List_relations_includes_views_and_list_views_only_views()
    {
        Assert.Equal(["public|busy_regions|view|rdsdb", "public|lineitem|table|rdsdb", "public|region|table|rdsdb"], Query(PsqlQueries.ListRelations));
        Assert.Equal(["public|busy_regions|view|rdsdb"], Query(PsqlQueries.ListViews));
    }

    [Fact]
    public void List_indexes_and_functions_are_empty()
    {
        Assert.Empty(Query(PsqlQueries.ListIndexes));
        Assert.Empty(Query(PsqlQueries.ListFunctions));
    }

    [Fact]
    public void List_schemas_shows_user_schemas()
    {
        Assert.Equal(["public|rdsdb", "staging|rdsdb"], Query(PsqlQueries.ListSchemas));
    }

    [Fact]
    public void List_databases_shows_dev()
    {
        Assert.Equal(["dev|rdsdb|UTF8|C|C|NULL|libc|NULL"], Query(PsqlQueries.ListDatabases));
    }

    [Fact]
    public void List_roles_shows_the_users_and_their_attributes()
    {
        Assert.Equal([
            "admin|t|t|t|t|t|-1|NULL|{}|f",
            "analyst|f|t|f|t|t|-1|NULL|{}|f",
            "rdsdb|t|t|t|t|f|-1|NULL|{}|f",
        ], Query(PsqlQueries.ListRoles));
    }

    [Fact]
    public void Verbose_describe_and_table_list_work_too()
    {
        var oid = LineitemOid();
        Assert.Equal(7, Query(string.Format(System.Globalization.CultureInfo.InvariantCulture, PsqlQueries.DescribeColumnsPlus, oid)).Count);
        var tables = Query(PsqlQueries.ListTablesPlus);
        Assert.Equal(2, tables.Count);
        Assert.StartsWith("public|lineitem|table|rdsdb|permanent|", tables[0]);
    }

    [Fact]
    public void Verbose_describe_reads_the_relation_flags_with_no_storage_options()
    {
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, PsqlQueries.DescribeRelationFlagsPlus, LineitemOid());
        Assert.Equal(["0|r|f|f|f|f|f|f|f|NULL|0||p"], Query(sql));
    }

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }
}
