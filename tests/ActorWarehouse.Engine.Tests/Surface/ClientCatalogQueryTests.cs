using static ActorWarehouse.Engine.Tests.Surface.SurfaceTestHelper;

namespace ActorWarehouse.Engine.Tests.Surface;

/// <summary>Catalog queries Npgsql, PgJDBC, psycopg2/SQLAlchemy and BI tools send at connect time and for metadata.</summary>
public sealed class ClientCatalogQueryTests : IDisposable
{
    private readonly Warehouse _warehouse = Warehouse.OpenInMemory();
    private readonly Session _session;

    public ClientCatalogQueryTests()
    {
        _warehouse.Users.EnsureSuperuser("admin", "Secret123");
        _session = _warehouse.OpenSession(new SessionIdentity("admin", "dev", 777, "client", "127.0.0.1"));
        _session.Execute("""
            create table orders (o_orderkey bigint not null, o_custkey integer, o_totalprice decimal(15,2), o_orderdate date, o_comment varchar(79));
            create view big_orders as select o_orderkey, o_totalprice from orders where o_totalprice > 1000;
            """);
    }

    [Fact]
    public void Npgsql_type_loading_batch_runs_statement_by_statement_and_returns_base_types_and_arrays()
    {
        var statements = _session.ParseStatements(NpgsqlQueries.TypeLoadingBatch);
        Assert.Equal(3, statements.Count);
        var results = statements.Select(s => _session.Execute(s, [], null, CancellationToken.None)).ToList();
        Assert.StartsWith("PostgreSQL 8.0.2 on ", Rows(results[0]).Single());
        var types = Rows(results[1]);
        Assert.Contains("pg_catalog|23|int4|b|f|NULL", types);
        Assert.Contains("pg_catalog|1700|numeric|b|f|NULL", types);
        Assert.Contains("pg_catalog|1007|_int4|a|f|23", types);
        Assert.Contains("pg_catalog|2249|record|p|f|NULL", types);
        // Base types come before the arrays that refer to them.
        Assert.True(types.FindIndex(t => t.Contains("|_int4|", StringComparison.Ordinal)) > types.FindIndex(t => t.Contains("|int4|", StringComparison.Ordinal)));
        Assert.Empty(Rows(results[2]));
    }

    private List<string> Query(string sql) => Rows(_session, sql);

    [Fact]
    public void Jdbc_getTables_lists_tables_and_views_with_their_types()
    {
        Assert.Equal(["NULL|public|orders|TABLE|NULL|||||", "NULL|public|big_orders|VIEW|NULL|||||"], Query(JdbcQueries.GetTables));
    }

    [Fact]
    public void Jdbc_getColumns_describes_each_column()
    {
        var sql = JdbcQueries.GetColumns.Replace("'lineitem'", "'orders'", StringComparison.Ordinal);
        Assert.Equal([
            "public|orders|o_orderkey|20|t|-1|8|-1|1|NULL|NULL|NULL|NULL|0|b",
            "public|orders|o_custkey|23|f|-1|4|-1|2|NULL|NULL|NULL|NULL|0|b",
            "public|orders|o_totalprice|1700|f|983046|-1|-1|3|NULL|NULL|NULL|NULL|0|b",
            "public|orders|o_orderdate|1082|f|-1|4|-1|4|NULL|NULL|NULL|NULL|0|b",
            "public|orders|o_comment|1043|f|83|-1|-1|5|NULL|NULL|NULL|NULL|0|b",
        ], Query(sql));
    }

    [Fact]
    public void Jdbc_getSchemas_lists_schemas_and_filters_by_pattern()
    {
        Assert.Equal(["information_schema|NULL", "pg_catalog|NULL", "public|NULL"], Query(JdbcQueries.GetSchemas));
        Assert.Equal(["public|NULL"], Query(JdbcQueries.GetSchemasPattern));
    }

    [Fact]
    public void Jdbc_key_and_index_queries_bind_and_find_nothing()
    {
        Assert.Empty(Query(JdbcQueries.GetPrimaryKeys.Replace("'lineitem'", "'orders'", StringComparison.Ordinal)));
        Assert.Empty(Query(JdbcQueries.GetImportedKeys.Replace("'lineitem'", "'orders'", StringComparison.Ordinal)));
        Assert.Empty(Query(JdbcQueries.GetIndexInfo.Replace("'lineitem'", "'orders'", StringComparison.Ordinal)));
        Assert.Equal(["32"], Query(JdbcQueries.MaxIndexKeys));
    }

    [Fact]
    public void Jdbc_type_info_queries_list_the_types()
    {
        var types = Query(JdbcQueries.TypeInfoTypes);
        Assert.Contains("int4|23", types);
        Assert.Contains("_int4|1007", types);
        var arrays = Query(JdbcQueries.TypeInfoArrays);
        Assert.Contains("t|b|_int4|1007", arrays);
        Assert.Contains("f|b|int4|23", arrays);
    }

    [Fact]
    public void Jdbc_result_set_metadata_query_finds_the_source_columns()
    {
        var oid = Query("select 'orders'::regclass::oid").Single();
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, JdbcQueries.ResultSetMetaData, oid);
        Assert.Equal([$"{oid}|1|o_orderkey|orders|public|t|NULL", $"{oid}|5|o_comment|orders|public|f|NULL"], Query(sql).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }
}
