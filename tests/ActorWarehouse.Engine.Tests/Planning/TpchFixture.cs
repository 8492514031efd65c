namespace ActorWarehouse.Engine.Tests.Planner;

/// <summary>An in-memory warehouse with the TPC-H SF 0.01 data of /work/shared/tpch loaded through COPY.</summary>
public sealed class TpchFixture : IDisposable
{
    public static readonly string Root = FindRoot();

    public TpchFixture()
    {
        Warehouse = Warehouse.OpenInMemory();
        Session = Warehouse.OpenSession();
        Session.Execute(File.ReadAllText(Path.Combine(Root, "schema.sql")));
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
    }
}
