using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ActorWarehouse.Host.Tests.SqlLogic;

/// <summary>
/// Runs `aw slt` on one file in a child process, so an engine crash that no catch can stop (a stack
/// overflow) or a hang fails that file only, not the whole test run.
/// </summary>
internal static partial class SltProcess
{
    private static readonly TimeSpan FileTimeout = TimeSpan.FromMinutes(20);

    public sealed record Outcome(int Passed, int Failed, int Skipped, string Output);

    public static Outcome Run(string file, string? skipList)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aw.dll"));
        foreach (var arg in new[] { "slt", "-v", "--max-failures", "15", "--timeout", "60" }) info.ArgumentList.Add(arg);
        if (skipList is null) info.ArgumentList.Add("--no-skip-list");
        else
        {
            info.ArgumentList.Add("--skip-list");
            info.ArgumentList.Add(skipList);
        }
        info.ArgumentList.Add(file);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start aw");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(FileTimeout))
        {
            process.Kill(entireProcessTree: true);
            return new Outcome(0, 1, 0, $"aw slt did not finish within {FileTimeout}");
        }
        string output = stdout.Result;
        var summary = Summary().Match(output);
        if (!summary.Success)
        {
            string error = stderr.Result;
            return new Outcome(0, 1, 0, $"aw slt exited with {process.ExitCode} before its summary (crash?):\n{Tail(output)}\n{Tail(error)}");
        }
        return new Outcome(int.Parse(summary.Groups[1].Value), int.Parse(summary.Groups[2].Value), int.Parse(summary.Groups[3].Value), output);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];

    [GeneratedRegex(@"^slt: (\d+) passed, (\d+) failed, (\d+) skipped$", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
