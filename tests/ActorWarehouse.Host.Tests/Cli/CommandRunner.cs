using ActorWarehouse.Host.Cli;

namespace ActorWarehouse.Host.Tests.Cli;

/// <summary>Runs an `aw` command in-process with captured stdout and stderr.</summary>
internal static class CommandRunner
{
    public static (int ExitCode, string Out, string Err) Run(Func<TextWriter, TextWriter, ICliCommand> create, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = create(stdout, stderr).RunAsync(args, CancellationToken.None).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"aw-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
