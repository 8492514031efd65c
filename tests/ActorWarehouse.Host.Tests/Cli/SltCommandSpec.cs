using ActorWarehouse.Host.Cli.Commands;

namespace ActorWarehouse.Host.Tests.Cli;

public sealed class SltCommandSpec
{
    [Fact]
    public void Slt_ends_with_the_summary_line_and_fails_on_a_wrong_result()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);
        var file = Path.Combine(folder.Path, "t.slt");
        File.WriteAllText(file, "statement ok\ncreate table t (a integer)\n\nstatement ok\ninsert into t values (1), (2)\n\nquery I rowsort\nselect a from t\n----\n1\n2\n\nquery I nosort\nselect count(*) from t\n----\n3\n\nskipif postgresql\nstatement ok\nselect broken\n");
        var (code, output, _) = CommandRunner.Run((o, e) => new SltCommand(o, e), "--no-skip-list", "-v", file);
        Assert.Equal(1, code);
        Assert.EndsWith("slt: 3 passed, 1 failed, 1 skipped\n", output, StringComparison.Ordinal);
        Assert.Contains("t.slt:13", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Slt_without_files_is_a_usage_error()
    {
        var (code, _, error) = CommandRunner.Run((o, e) => new SltCommand(o, e));
        Assert.Equal(2, code);
        Assert.Contains("usage: aw slt", error, StringComparison.Ordinal);
    }
}
