using System.Text;
using ActorWarehouse.Host.Bench;

namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>
/// An aw node loaded with TPC-H SF 0.01 through psql: the Redshift DDL and `COPY ... DELIMITER '|' GZIP`
/// from server-side paths of the engine issue (shared/tpch/sf0.01, read in place). A failed load is
/// remembered and reported by every test.
/// </summary>
public sealed class PsqlTpchFixture : AwNodeFixture
{
    public const string ScaleFactor = "0.01";
    private readonly Exception? _loadError;

    public PsqlTpchFixture()
    {
        try
        {
            var psql = new Psql(Node);
            psql.Succeed("loading TPC-H SF " + ScaleFactor, ["-f", "-"], LoadScript(DataFolder));
        }
        catch (Exception e)
        {
            _loadError = e;
        }
    }

    public static string DataFolder => Path.Combine(TestPaths.Tpch, "sf" + ScaleFactor);

    internal Psql Psql()
    {
        if (_loadError is not null) throw new InvalidOperationException($"loading TPC-H through psql failed: {_loadError.Message}", _loadError);
        return new Psql(Node);
    }

    private static string LoadScript(string folder)
    {
        var script = new StringBuilder();
        foreach (var table in TpchSchema.Tables)
        {
            var file = TpchSchema.DataFile(folder, table) ?? throw new FileNotFoundException($"no {table}.tbl(.gz) in {folder}");
            script.Append("drop table if exists ").Append(table).AppendLine(";");
            script.Append(TpchSchema.CreateTable(table)).AppendLine(";");
            script.Append(TpchSchema.Copy(table, file)).AppendLine(";");
        }
        return script.ToString();
    }
}
