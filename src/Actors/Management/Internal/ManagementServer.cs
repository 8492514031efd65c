using System.Net;
using System.Net.Sockets;
using ActorWarehouse.Actors.Management.Protocol;

namespace ActorWarehouse.Actors.Management.Internal;

/// <summary>
/// INTERNAL API: the listening socket of a <see cref="ManagementHost"/>. Each accepted client gets a
/// <see cref="ClientConnection"/> and a session actor under <c>/system</c>.
/// </summary>
internal sealed class ManagementServer : IDisposable
{
    private const int MaxConnections = 32;
    private readonly ManagementHost _host;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<ClientConnection> _connections = [];
    private readonly Lock _lock = new();
    private long _connectionCounter;

    public ManagementServer(ManagementHost host, IPAddress address, int port)
    {
        _host = host;
        _listener = new TcpListener(address, port);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _ = AcceptLoop();
    }

    public IPEndPoint Endpoint { get; }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (SocketException e)
            {
                _host.System.Log.Warning("management host: accept failed: {0}", e.Message);
                continue;
            }
            client.NoDelay = true;
            long id = Interlocked.Increment(ref _connectionCounter);
            var connection = new ClientConnection(client, id, Forget);
            bool accepted;
            lock (_lock)
            {
                accepted = _connections.Count < MaxConnections;
                if (accepted) _connections.Add(connection);
            }
            if (!accepted)
            {
                connection.Reject($"too many management connections (at most {MaxConnections})");
                continue;
            }
            try
            {
                var session = _host.System.SystemActorOf(Props.CreateBy(() => new ClientSessionActor(_host, connection)), $"pbm-client-{id}");
                connection.Start(session, $"{PbmFrameCodec.ProtocolName} {_host.System.Address}");
            }
            catch (Exception e)
            {
                // The actor system is stopping: no new sessions.
                connection.Reject($"management host is stopping: {e.Message}");
            }
        }
    }

    private void Forget(ClientConnection connection)
    {
        lock (_lock) _connections.Remove(connection);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        ClientConnection[] open;
        lock (_lock) open = [.. _connections];
        foreach (var c in open) c.Close();
    }
}
