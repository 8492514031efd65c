using System.Net.Sockets;
using System.Threading.Channels;
using ActorWarehouse.Actors.Management.Protocol;

namespace ActorWarehouse.Actors.Management.Internal;

/// <summary>
/// INTERNAL API: one client socket. A reader task turns frames into messages for the session actor; a writer
/// task drains the outbound queue, so the session actor never blocks on the network. A client that does not
/// read its output (queue full) or breaks the protocol is disconnected.
/// </summary>
internal sealed class ClientConnection
{
    private const int OutboundCapacity = 10_000;
    private readonly TcpClient _client;
    private readonly Action<ClientConnection> _onClosed;
    private readonly Channel<PbmFrame> _outbound = Channel.CreateBounded<PbmFrame>(new BoundedChannelOptions(OutboundCapacity) { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();
    private int _closing;

    public ClientConnection(TcpClient client, long id, Action<ClientConnection> onClosed)
    {
        _client = client;
        _onClosed = onClosed;
        Id = id;
        Remote = client.Client.RemoteEndPoint?.ToString() ?? "?";
    }

    public long Id { get; }
    public string Remote { get; }

    public void Start(IActorRef session, string hello)
    {
        Send(new PbmFrame(PbmFrameType.Hello, hello));
        _ = WriteLoop();
        _ = ReadLoop(session);
    }

    /// <summary>Refuses a client: one error frame, then close.</summary>
    public void Reject(string message)
    {
        Send(PbmFrame.Error(message));
        _ = WriteLoop();
        Close();
    }

    /// <summary>Queues a frame; false (and the connection closes) when the client stopped reading.</summary>
    public bool Send(PbmFrame frame)
    {
        if (_outbound.Writer.TryWrite(frame)) return true;
        Close();
        return false;
    }

    /// <summary>Sends what is queued, then closes the socket.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0) return;
        _outbound.Writer.TryComplete();
        // Bounded: a client that never reads must not keep the socket forever.
        _closed.CancelAfter(TimeSpan.FromSeconds(5));
    }

    private async Task ReadLoop(IActorRef session)
    {
        var stream = _client.GetStream();
        try
        {
            while (true)
            {
                var frame = await PbmFrameCodec.ReadAsync(stream, _closed.Token).ConfigureAwait(false);
                if (frame is null) break;
                switch (frame.Value.Type)
                {
                    case PbmFrameType.Command:
                        session.Tell(new ClientSessionActor.CommandLine(frame.Value.Text), ActorRefs.NoSender);
                        break;
                    case PbmFrameType.Cancel:
                        session.Tell(ClientSessionActor.CancelRequested.Instance, ActorRefs.NoSender);
                        break;
                    default:
                        throw new PbmProtocolException($"a client may not send {frame.Value.Type} frames");
                }
            }
        }
        catch (PbmProtocolException e)
        {
            Send(PbmFrame.Error($"protocol error: {e.Message}"));
        }
        catch (Exception)
        {
            // Reset or closed socket: nothing to tell the client.
        }
        session.Tell(ClientSessionActor.ClientGone.Instance, ActorRefs.NoSender);
        Close();
    }

    private async Task WriteLoop()
    {
        try
        {
            var stream = _client.GetStream();
            await foreach (var frame in _outbound.Reader.ReadAllAsync(_closed.Token).ConfigureAwait(false))
                await stream.WriteAsync(PbmFrameCodec.Encode(frame), _closed.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The client went away or did not read within the close grace period.
        }
        finally
        {
            try { _client.Client.Shutdown(SocketShutdown.Both); } catch (Exception) { }
            _client.Dispose();
            _closed.Cancel();
            _onClosed(this);
        }
    }
}
