using System.Diagnostics;

namespace ActorWarehouse.Actors.Tests.Interop;

/// <summary>Runs a node script of this folder with the repository's tests/interop packages (bounded in time).</summary>
internal static class NodeRunner
{
    public static string InteropDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "interop");
                if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
            }
            throw new InvalidOperationException("tests/interop not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Run(string script, string mode, string? stdin = null)
    {
        var interop = InteropDirectory;
        if (!Directory.Exists(Path.Combine(interop, "node_modules", "@msgpack", "msgpack")))
            throw new InvalidOperationException("run `npm ci` in tests/interop (scripts/install-test-deps.sh) first");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", script));
        start.ArgumentList.Add(interop);
        start.ArgumentList.Add(mode);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} {mode} did not finish");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"node failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
