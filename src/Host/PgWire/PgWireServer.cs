using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ActorWarehouse.Engine;
using ActorWarehouse.Host.PgWire.Connections;

namespace ActorWarehouse.Host.PgWire;

/// <summary>
/// A PostgreSQL protocol 3.0 listener over one warehouse: accepts sockets, runs one <see cref="PgConnection"/> per
/// socket (async I/O, no thread per connection), keeps the cancel keys, and on stop closes the listener, tells
/// connected clients the server is shutting down (57P01) and waits (bounded) for their sessions to end.
/// Usable standalone with <see cref="PgWireServerOptions.Port"/> 0 (tests, <c>aw bench wire</c>).
/// </summary>
public sealed class PgWireServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, PgConnection> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action<string> _log;
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private int _nextProcessId;
    private int _connectionCount;

    public PgWireServer(Warehouse warehouse, PgWireServerOptions options, Action<string>? log = null)
    {
        Warehouse = warehouse;
        Options = options;
        _log = log ?? (_ => { });
        // Backend "process ids" only need to be unique per server; start somewhere that looks like a pid.
        _nextProcessId = 10_000 + RandomNumberGenerator.GetInt32(20_000);
    }

    public Warehouse Warehouse { get; }

    public PgWireServerOptions Options { get; }

    /// <summary>A per-server secret: salts the fake SCRAM exchange for unknown users.</summary>
    internal byte[] Secret { get; } = RandomNumberGenerator.GetBytes(32);

    public IPEndPoint EndPoint => (IPEndPoint)(_listener ?? throw new InvalidOperationException("not started")).LocalEndpoint;

    public int Port => EndPoint.Port;

    /// <summary>Connections currently open (authenticated or not).</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>
    /// Statements run synchronously on thread-pool threads (the engine is synchronous), so each running statement holds
    /// one. Without a high minimum, the pool adds threads about twice a second once they are all busy, and a few long
    /// queries would delay every other connection's I/O, including CancelRequests.
    /// </summary>
    private const int MinimumPoolThreads = 256;

    public void Start()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        if (workers < MinimumPoolThreads) ThreadPool.SetMinThreads(MinimumPoolThreads, completionPorts);
        var listener = new TcpListener(Options.Address, Options.Port);
        listener.Server.NoDelay = true;
        listener.Start(backlog: 512);
        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener);
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested) return;
                continue;
            }
            _ = RunConnectionAsync(socket);
        }
    }

    private async Task RunConnectionAsync(Socket socket)
    {
        socket.NoDelay = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        int processId = Interlocked.Increment(ref _nextProcessId);
        bool overLimit = Interlocked.Increment(ref _connectionCount) > Options.MaxConnections;
        var connection = new PgConnection(this, socket, processId);
        _connections[processId] = connection;
        try
        {
            await connection.RunAsync(overLimit, _stopping.Token);
        }
        catch (Exception e)
        {
            _log($"connection {processId} failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _connections.TryRemove(processId, out _);
            Interlocked.Decrement(ref _connectionCount);
            connection.Dispose();
        }
    }

    /// <summary>CancelRequest: cancels the statement running on (pid, secret); wrong keys are ignored silently.</summary>
    internal void Cancel(int processId, int secretKey)
    {
        if (_connections.TryGetValue(processId, out var connection)) connection.CancelIfKeyMatches(secretKey);
    }

    internal void Log(string message) => _log(message);

    /// <summary>Stops accepting, ends every session (idle ones get FATAL 57P01), waits up to <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        _listener?.Stop();
        if (_acceptLoop is not null) await _acceptLoop;
        foreach (var connection in _connections.Values) connection.CancelRunningStatement();
        var deadline = DateTime.UtcNow + (grace ?? TimeSpan.FromSeconds(5));
        while (!_connections.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(20);
        foreach (var connection in _connections.Values) connection.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }
}
