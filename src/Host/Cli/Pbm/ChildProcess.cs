using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ActorWarehouse.Host.Cli.Pbm;

/// <summary>How to launch a .NET executable: its apphost, or <c>dotnet</c> plus its dll.</summary>
public sealed record ProcessCommand(string FileName, IReadOnlyList<string> LeadingArguments)
{
    public override string ToString() => string.Join(' ', [FileName, .. LeadingArguments]);
}

/// <summary>
/// A child process of <c>aw up</c> (or of a test): output captured line by line into a log file, optionally echoed
/// with a prefix; stops gracefully with SIGTERM and is killed when it does not exit in time.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 2000;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TextWriter? _echo;
    private readonly List<string> _lines = [];
    private readonly Lock _lock = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process, StreamWriter log, TextWriter? echo)
    {
        Name = name;
        _process = process;
        _log = log;
        _echo = echo;
    }

    public string Name { get; }
    public int Pid => _process.Id;
    public Task<int> Exited => _exited.Task;
    public bool HasExited => _exited.Task.IsCompleted;

    public static ChildProcess Start(string name, ProcessCommand command, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment, string logPath, TextWriter? echo)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in command.LeadingArguments) info.ArgumentList.Add(a);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, log, echo);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child.OnExited();
        if (!process.Start())
        {
            log.Dispose();
            throw new InvalidOperationException($"cannot start {command}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_lock)
        {
            _lines.Add(line);
            if (_lines.Count > KeptLines) _lines.RemoveRange(0, _lines.Count - KeptLines);
            try { _log.WriteLine(line); } catch (ObjectDisposedException) { }
            _echo?.WriteLine($"[{Name}] {line}");
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                var m = _waiters[i].Pattern.Match(line);
                if (!m.Success) continue;
                _waiters[i].Found.TrySetResult(m);
                _waiters.RemoveAt(i);
            }
        }
    }

    private void OnExited()
    {
        // WaitForExit() without a timeout also waits for the redirected output to be read to the end.
        try { _process.WaitForExit(); } catch (Exception) { }
        int code;
        try { code = _process.ExitCode; } catch (InvalidOperationException) { code = -1; }
        // Under the lock, so a WaitForLineAsync either sees the exit or registers a waiter that is failed here.
        lock (_lock)
        {
            foreach (var (_, found) in _waiters) found.TrySetException(new InvalidOperationException($"{Name} exited with {code}"));
            _waiters.Clear();
            _exited.TrySetResult(code);
        }
    }

    /// <summary>The captured output so far (the last 2000 lines).</summary>
    public string Output()
    {
        lock (_lock) return string.Join('\n', _lines);
    }

    /// <summary>The first output line printed so far that matches, or null.</summary>
    public Match? FindLine(Regex pattern)
    {
        lock (_lock)
        {
            foreach (var line in _lines)
            {
                var m = pattern.Match(line);
                if (m.Success) return m;
            }
            return null;
        }
    }

    /// <summary>The first output line (already printed or coming) that matches; fails when the process exits or the time is up.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (FindLine(pattern) is { } printed) return printed;
            if (HasExited) throw new InvalidOperationException($"{Name} exited with {_exited.Task.Result} before printing /{pattern}/");
            _waiters.Add((pattern, found));
        }
        try { return await found.Task.WaitAsync(timeout); }
        catch (TimeoutException) { throw new TimeoutException($"{Name} printed no line matching /{pattern}/ within {timeout.TotalSeconds:0} s"); }
    }

    /// <summary>Asks the process to stop (SIGTERM; on Windows there is no such signal, so it is killed).</summary>
    public void Terminate()
    {
        if (HasExited) return;
        if (OperatingSystem.IsWindows()) { Kill(); return; }
        _ = SendSignal(_process.Id, SigTerm);
    }

    /// <summary>kill -9: the process gets no chance to leave the cluster.</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    /// <summary>SIGTERM, then kill after <paramref name="grace"/>; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        Terminate();
        if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited) Kill();
        return await Exited.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(TimeSpan.FromSeconds(10)); }
        catch (TimeoutException) { }
        lock (_lock) _log.Dispose();
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
