using ActorWarehouse.Engine;

namespace ActorWarehouse.Host.Node;

/// <summary>
/// What the services of one node share: the options, the log, the objects earlier services created, and
/// a way to ask the whole node to stop (e.g. after a graceful cluster leave).
/// </summary>
public sealed class NodeContext(NodeOptions options, TextWriter log) : IDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Dictionary<Type, object> _shared = new();
    private readonly Lock _logLock = new();

    public NodeOptions Options { get; } = options;

    /// <summary>The node's warehouse, set by the warehouse service (the first one to start).</summary>
    public Warehouse? Warehouse { get; set; }

    /// <summary>Cancelled when the node should stop (Ctrl-C, SIGTERM, a service asking for it).</summary>
    public CancellationToken ShutdownRequested => _shutdown.Token;

    /// <summary>The exit code the process ends with once stopped (a service may set a non-zero one).</summary>
    public int ExitCode { get; set; }

    public void RequestShutdown() => _shutdown.Cancel();

    /// <summary>Writes one timestamped log line (thread-safe).</summary>
    public void Log(string service, string message)
    {
        lock (_logLock)
        {
            log.WriteLine($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} [{service}] {message}");
            log.Flush();
        }
    }

    /// <summary>Publishes an object for later services (e.g. the ActorSystem).</summary>
    public void Share<T>(T value) where T : class => _shared[typeof(T)] = value;

    public T? Shared<T>() where T : class => _shared.TryGetValue(typeof(T), out var value) ? (T)value : null;

    public void Dispose() => _shutdown.Dispose();
}
