namespace ActorWarehouse.Engine.Tests.Planner;

/// <summary>An in-memory warehouse with the TPC-H SF 0.01 data of /work/shared/tpch loaded through COPY.</summary>
public class TpchFixture : IDisposable
{
    public static readonly string Root = FindRoot();

    public TpchFixture() : this(ddl => ddl, _ => { })
    {
    }

    /// <param name="rewriteSchema">Changes the schema DDL before it runs (distribution styles).</param>
    /// <param name="configure">Sets up the warehouse before anything is loaded.</param>
    protected TpchFixture(Func<string, string> rewriteSchema, Action<Warehouse> configure)
    {
        Warehouse = Warehouse.OpenInMemory();
        configure(Warehouse);
        Session = Warehouse.OpenSession();
        Session.Execute(rewriteSchema(File.ReadAllText(Path.Combine(Root, "schema.sql"))));
        foreach (var table in new[] { "region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem" })
            Session.Execute($"copy {table} from '{Path.Combine(Root, "sf0.01", table + ".tbl.gz")}' delimiter '|' gzip");
    }

    public Warehouse Warehouse { get; }

    public Session Session { get; }

    private static string FindRoot()
    {
        foreach (var candidate in new[] { "/work/shared/tpch" })
            if (Directory.Exists(candidate)) return candidate;
        throw new DirectoryNotFoundException("TPC-H data folder (/work/shared/tpch) not found");
    }

    public void Dispose()
    {
        Session.Dispose();
        Warehouse.Dispose();
        GC.SuppressFinalize(this);
    }
}
