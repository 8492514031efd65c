using ActorWarehouse.Host.Tpch;

namespace ActorWarehouse.Host.Tests.Tpch;

/// <summary>Generates SF 0.01 once for all tests of a class and parses every table into rows of fields.</summary>
public sealed class TpchDataFixture : IDisposable
{
    public const double ScaleFactor = 0.01;

    public TpchDataFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"aw-tpch-{Guid.NewGuid():N}");
        TpchGenerator.Generate(ScaleFactor, Directory);
        foreach (string table in TpchGenerator.TableNames)
            Tables[table] = File.ReadAllLines(Path.Combine(Directory, table + ".tbl")).Select(line => line.Split('|')).ToArray();
    }

    public string Directory { get; }

    public Dictionary<string, string[][]> Tables { get; } = [];

    public string[][] this[string table] => Tables[table];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
