using System.Diagnostics;
using System.Text;

namespace ActorWarehouse.Host.Tests.Clients;

/// <summary>
/// Runs an external program (a client script, psql) to completion with a time limit, collecting stdout and
/// stderr; on timeout the whole process tree is killed and the result says so.
/// </summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Elapsed)
    {
        public string Describe(string what) =>
            $"{what}: {(TimedOut ? "timed out after " + Elapsed.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " s" : "exit code " + ExitCode)}\n" +
            $"--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    public static Result Run(string program, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var arg in args) info.ArgumentList.Add(arg);
        if (environment is not null)
            foreach (var (name, value) in environment) info.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }
        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        else process.WaitForExit(); // drains the redirected streams
        return new Result(exited ? process.ExitCode : -1, stdout.Result, stderr.Result, !exited, clock.Elapsed);
    }
}
