using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace ActorWarehouse.Engine.Tests.Formats;

/// <summary>
/// Runs arrow-interop.mjs with Node and the pinned apache-arrow package from tests/interop.
/// Missing Node or a missing package fails the test with instructions; it never skips.
/// </summary>
internal static class NodeArrowScript
{
    public static JsonElement Run(string mode, string streamFile)
    {
        string root = RepositoryRoot();
        string interop = Path.Combine(root, "tests", "interop");
        string script = Path.Combine(root, "tests", "ActorWarehouse.Engine.Tests", "Formats", "arrow-interop.mjs");
        if (!File.Exists(Path.Combine(interop, "node_modules", "apache-arrow", "package.json")))
            Assert.Fail($"the npm package apache-arrow is not installed: run `npm ci` in {interop}");

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, interop, mode, streamFile }) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"Node.js is required for the Arrow interop tests but `node` could not be started: {e.Message}");
            throw;
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) Assert.Fail($"node {mode} exited with {process.ExitCode}:\n{stderr.Result}");
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorWarehouse.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ActorWarehouse.sln not found above " + AppContext.BaseDirectory);
    }
}
