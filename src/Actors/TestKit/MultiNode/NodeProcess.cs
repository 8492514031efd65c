using System.Collections.Concurrent;
using System.Diagnostics;

namespace ActorWarehouse.Actors.TestKit.MultiNode;

/// <summary>
/// One real OS process of a multi-process spec, driven by lines on its stdin and observed through the lines of
/// its stdout. Every wait is bounded; the process is killed on dispose (and exits by itself when its stdin closes).
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly ConcurrentQueue<string> _history = new();

    internal NodeProcess(string role, ProcessStartInfo start)
    {
        Role = role;
        StartInfo = start;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start node '{role}'");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { _lines.CompleteAdding(); return; }
            _history.Enqueue(e.Data);
            if (!_lines.IsAddingCompleted) _lines.Add(e.Data);
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _history.Enqueue("stderr: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Role { get; }
    internal ProcessStartInfo StartInfo { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the node printed so far (stdout, and stderr prefixed), for failure messages.</summary>
    public string Transcript => string.Join(Environment.NewLine, _history);

    public void Send(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits for the next stdout line that matches, skipping others; fails on timeout or exit.</summary>
    public string ExpectLine(Func<string, bool> match, TimeSpan timeout, string? what = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_lines.TryTake(out var line, left))
                throw new TestKitAssertionException($"node '{Role}' did not print {what ?? "the expected line"} within {timeout}. Transcript:{Environment.NewLine}{Transcript}");
            if (match(line)) return line;
        }
    }

    public string ExpectLineStartingWith(string prefix, TimeSpan timeout) =>
        ExpectLine(l => l.StartsWith(prefix, StringComparison.Ordinal), timeout, $"a line starting with '{prefix}'");

    /// <summary>Asserts that no matching line appears during <paramref name="duration"/>.</summary>
    public void ExpectNoLine(Func<string, bool> match, TimeSpan duration, string? what = null)
    {
        var deadline = DateTime.UtcNow + duration;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_lines.TryTake(out var line, left)) return;
            if (match(line)) throw new TestKitAssertionException($"node '{Role}' printed {what ?? "an unexpected line"}: {line}");
        }
    }

    /// <summary>Waits (bounded) for the process to exit by itself; the exit code, or null when it is still running.</summary>
    public int? WaitForExit(TimeSpan timeout) => _process.WaitForExit((int)timeout.TotalMilliseconds) ? _process.ExitCode : null;

    /// <summary>Kills the process at once (a crash: no shutdown, no goodbye to peers).</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
