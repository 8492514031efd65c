using System.Net;
using System.Net.Sockets;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Host.PgWire.Buffers;
using ActorWarehouse.Host.PgWire.Protocol;
using EngineSession = ActorWarehouse.Engine.Session;

namespace ActorWarehouse.Host.PgWire.Connections;

/// <summary>
/// One client connection: startup and authentication, then the message loop (simple and extended query, COPY),
/// split into partials by phase. Statements run on the connection's own task; while one runs, a read stays
/// outstanding on the socket so a vanished client cancels it, and a CancelRequest with this connection's key cancels
/// it from outside (57014). Protocol violations end only this connection (FATAL 08P01).
/// </summary>
internal sealed partial class PgConnection : IDisposable
{
    private readonly PgWireServer _server;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly MessageReader _reader;
    private readonly MessageWriter _writer;
    private readonly Lock _cancelLock = new();
    private CancellationTokenSource? _running;
    private bool _watchWanted;
    private Timer? _watchTimer;
    private EngineSession? _session;
    private int _secretKey;
    private volatile bool _clientGone;

    // A CancelRequest that arrives after the client sent a query but before its statement started (the query is
    // still in the socket or being parsed) must not be lost: it is kept until the next statement or ReadyForQuery.
    private volatile bool _busy;
    private bool _cancelPending;

    public PgConnection(PgWireServer server, Socket socket, int processId)
    {
        _server = server;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new MessageReader(_stream, server.Options.MaxMessageSize, server.Options.MaxSmallMessageSize);
        _writer = new MessageWriter(_stream);
        ProcessId = processId;
    }

    public int ProcessId { get; }

    private EngineSession Session => _session ?? throw new InvalidOperationException("no session before authentication");

    private string ClientAddress => _socket.RemoteEndPoint is IPEndPoint ip ? ip.Address.ToString() : "";

    /// <summary>Serves the connection until Terminate, disconnect, a fatal error or server shutdown.</summary>
    public async Task RunAsync(bool overConnectionLimit, CancellationToken serverStopping)
    {
        try
        {
            bool ready;
            using (var startup = CancellationTokenSource.CreateLinkedTokenSource(serverStopping))
            {
                startup.CancelAfter(_server.Options.AuthenticationTimeout);
                ready = await StartupAsync(overConnectionLimit, startup.Token);
            }
            if (!ready) return;
            await MessageLoopAsync(serverStopping);
        }
        catch (PgProtocolException e)
        {
            await TrySendFatalAsync(e.SqlState, e.Message);
        }
        catch (OperationCanceledException) when (serverStopping.IsCancellationRequested)
        {
            await TrySendFatalAsync(WireSqlState.AdminShutdown, "terminating connection due to administrator command");
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Startup timeout or a broken socket: nothing can be said to the client any more.
        }
    }

    private async Task MessageLoopAsync(CancellationToken ct)
    {
        while (await _reader.ReadMessageAsync(ct))
        {
            _busy = true;
            byte type = _reader.MessageType;
            var body = _reader.Body;
            if (_skipUntilSync && type is not (FrontendMessageCode.Sync or FrontendMessageCode.Terminate)) continue;
            switch (type)
            {
                case FrontendMessageCode.Query:
                    await HandleQueryAsync(body, ct);
                    break;
                case FrontendMessageCode.Parse:
                    ExtendedStep(() => HandleParse(body.Span));
                    break;
                case FrontendMessageCode.Bind:
                    ExtendedStep(() => HandleBind(body.Span));
                    break;
                case FrontendMessageCode.Describe:
                    ExtendedStep(() => HandleDescribe(body.Span));
                    break;
                case FrontendMessageCode.Close:
                    ExtendedStep(() => HandleClose(body.Span));
                    break;
                case FrontendMessageCode.Execute:
                    await HandleExecuteAsync(body, ct);
                    break;
                case FrontendMessageCode.Sync:
                    new BodyReader(body.Span).ExpectEnd();
                    HandleSync();
                    await _writer.FlushAsync(ct);
                    break;
                case FrontendMessageCode.Flush:
                    new BodyReader(body.Span).ExpectEnd();
                    await _writer.FlushAsync(ct);
                    break;
                case FrontendMessageCode.Terminate:
                    return;
                case FrontendMessageCode.CopyData or FrontendMessageCode.CopyDone or FrontendMessageCode.CopyFail:
                    // Left over from a COPY that already failed: PostgreSQL drops these silently.
                    break;
                case FrontendMessageCode.FunctionCall:
                    WriteError(WireSqlState.FeatureNotSupported, "the fastpath function call interface is not supported");
                    WriteReadyForQuery();
                    await _writer.FlushAsync(ct);
                    break;
                default:
                    throw new PgProtocolException(type == FrontendMessageCode.Password
                        ? "unexpected password message after authentication"
                        : $"invalid frontend message type {type}");
            }
            if (_writer.ShouldFlush) await _writer.FlushAsync(ct);
        }
    }

    /// <summary>Statements shorter than this never start the disconnect watch (it costs a socket read and its cancellation).</summary>
    private static readonly TimeSpan WatchDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Starts a statement's cancellation scope (execution and result streaming): CancelRequest, a vanished client
    /// and shutdown trip its token. With <paramref name="watchSocket"/>, a statement still running after
    /// <see cref="WatchDelay"/> gets a read outstanding on the socket so a hang-up cancels it.
    /// </summary>
    private CancellationTokenSource BeginStatement(bool watchSocket)
    {
        var source = new CancellationTokenSource();
        lock (_cancelLock)
        {
            _running = source;
            _watchWanted = watchSocket;
            if (_cancelPending)
            {
                _cancelPending = false;
                source.Cancel();
            }
        }
        if (watchSocket)
        {
            _watchTimer ??= new Timer(static state => ((PgConnection)state!).StartWatch(), this, Timeout.Infinite, Timeout.Infinite);
            _watchTimer.Change(WatchDelay, Timeout.InfiniteTimeSpan);
        }
        return source;
    }

    private void StartWatch()
    {
        lock (_cancelLock)
        {
            if (_running is not null && _watchWanted) _reader.WatchForDisconnect(OnClientGone);
        }
    }

    private void EndStatement(CancellationTokenSource source)
    {
        _watchTimer?.Change(Timeout.Infinite, Timeout.Infinite);
        lock (_cancelLock)
        {
            _running = null;
            _watchWanted = false;
            _reader.StopWatching();
        }
        source.Dispose();
    }

    private void OnClientGone()
    {
        _clientGone = true;
        CancelRunningStatement();
    }

    public void CancelRunningStatement()
    {
        lock (_cancelLock) _running?.Cancel();
    }

    public void CancelIfKeyMatches(int secretKey)
    {
        if (_secretKey == 0 || secretKey != _secretKey) return;
        lock (_cancelLock)
        {
            if (_running is not null) _running.Cancel();
            else if (_busy || _reader.HasBufferedBytes || SocketHasBytes()) _cancelPending = true;
        }
    }

    private bool SocketHasBytes()
    {
        try { return _socket.Available > 0; }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return false; }
    }

    /// <summary>At ReadyForQuery the connection is idle: a cancel kept for a statement that never came is dropped.</summary>
    private void ClearPendingCancel()
    {
        _busy = false;
        lock (_cancelLock) _cancelPending = false;
    }

    /// <summary>Closes the socket under a connection that did not end within the shutdown grace period.</summary>
    public void Abort()
    {
        CancelRunningStatement();
        try { _socket.Close(); }
        catch (ObjectDisposedException) { }
    }

    private async Task TrySendFatalAsync(string sqlState, string message)
    {
        if (_clientGone || _reader.EndOfStream) return;
        try
        {
            _writer.Discard();
            WriteError(sqlState, message, severity: "FATAL");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _writer.FlushAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client is gone; nothing to tell.
        }
    }

    public void Dispose()
    {
        CancelRunningStatement();
        _watchTimer?.Dispose();
        try
        {
            _session?.Dispose();
        }
        catch (SqlException)
        {
            // Dropping temporary tables may race with other sessions; the session still ends.
        }
        _session = null;
        _stream.Dispose();
    }
}
