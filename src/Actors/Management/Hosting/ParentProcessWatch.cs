using System.Diagnostics;
using System.Globalization;

namespace ActorWarehouse.Actors.Management.Hosting;

/// <summary>
/// Child processes of <c>aw up</c> get <c>AW_PARENT_PID</c>: they stop themselves (gracefully) when that process is
/// gone, so a killed <c>aw up</c> never leaves members running.
/// </summary>
public static class ParentProcessWatch
{
    public const string Variable = "AW_PARENT_PID";

    /// <summary>Polls every second while <paramref name="stop"/> is not cancelled; null when the variable is unset.</summary>
    public static Task? Start(Action onParentGone, CancellationToken stop)
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return null;
        return Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!IsAlive(pid))
                {
                    onParentGone();
                    return;
                }
                try { await Task.Delay(TimeSpan.FromSeconds(1), stop); }
                catch (OperationCanceledException) { return; }
            }
        }, CancellationToken.None);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
