using ActorWarehouse.Host.Cli.Commands;

namespace ActorWarehouse.Host.Tests.Cli;

public sealed class GenTpchCommandSpec
{
    [Fact]
    public void Gen_writes_the_eight_tables_with_spec_cardinalities()
    {
        using var folder = new TempFolder();
        var (code, output, error) = CommandRunner.Run((o, e) => new GenTpchCommand(o, e), "--sf", "0.01", "--out", folder.Path);
        Assert.True(code == 0, error);
        Assert.Contains("TPC-H SF 0.01 written", output, StringComparison.Ordinal);
        var expected = new Dictionary<string, int> { ["region"] = 5, ["nation"] = 25, ["supplier"] = 100, ["customer"] = 1_500, ["part"] = 2_000, ["partsupp"] = 8_000, ["orders"] = 15_000 };
        foreach (var (table, rows) in expected)
            Assert.Equal(rows, File.ReadLines(Path.Combine(folder.Path, table + ".tbl")).Count());
        Assert.InRange(File.ReadLines(Path.Combine(folder.Path, "lineitem.tbl")).Count(), 15_000, 15_000 * 7);
    }

    [Theory]
    [InlineData("--out", "x")]
    [InlineData("--sf", "-1", "--out", "x")]
    [InlineData("--sf", "abc", "--out", "x")]
    public void Bad_arguments_are_usage_errors(params string[] args)
    {
        var (code, _, error) = CommandRunner.Run((o, e) => new GenTpchCommand(o, e), args);
        Assert.Equal(2, code);
        Assert.Contains("usage: aw gen tpch", error, StringComparison.Ordinal);
    }
}
