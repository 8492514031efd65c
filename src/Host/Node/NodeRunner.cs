using System.Runtime.InteropServices;

namespace ActorWarehouse.Host.Node;

/// <summary>
/// Runs a node in the foreground: starts its services in order, waits for Ctrl-C, SIGTERM or a service's
/// shutdown request, then stops the started services in reverse order.
/// </summary>
public static class NodeRunner
{
    public static async Task<int> RunAsync(NodeOptions options, IReadOnlyList<INodeService> services, TextWriter log, CancellationToken cancellationToken)
    {
        using var context = new NodeContext(options, log);
        using var linked = cancellationToken.Register(context.RequestShutdown);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; context.RequestShutdown(); });
        var started = new List<INodeService>();
        try
        {
            foreach (var service in services)
            {
                await service.StartAsync(context, context.ShutdownRequested);
                started.Add(service);
            }
            context.Log("node", $"started ({string.Join(", ", started.Select(s => s.Name))}); roles [{string.Join(",", options.Roles)}]");
            await Task.Delay(Timeout.Infinite, context.ShutdownRequested).ContinueWith(_ => { }, TaskScheduler.Default);
            context.Log("node", "stopping");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Log("node", $"start failed: {e.Message}");
            context.ExitCode = 1;
        }
        finally
        {
            for (int i = started.Count - 1; i >= 0; i--)
            {
                try { await started[i].StopAsync(context); }
                catch (Exception e) { context.Log(started[i].Name, $"stop failed: {e.Message}"); }
            }
        }
        context.Log("node", $"stopped (exit {context.ExitCode})");
        return context.ExitCode;
    }
}
