using System.Net.Sockets;
using ActorWarehouse.Actors.Management.Protocol;

namespace ActorWarehouse.Host.Cli.Pbm;

/// <summary>
/// A connection to a management host (the protocol is described in src/Actors/Management/README.md): connect
/// and read the server's hello within a timeout, then run commands one at a time, streaming their output.
/// </summary>
public sealed class PbmClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private PbmClient(TcpClient client, string hello)
    {
        _client = client;
        _stream = client.GetStream();
        ServerHello = hello;
    }

    /// <summary>"aw-pbm/1 &lt;system address&gt;" as the server introduced itself.</summary>
    public string ServerHello { get; }

    /// <summary>The actor system address from the hello (e.g. akka.tcp://aw@127.0.0.1:4053).</summary>
    public string SystemAddress => ServerHello.Contains(' ') ? ServerHello[(ServerHello.IndexOf(' ') + 1)..] : "";

    public static async Task<PbmClient> ConnectAsync(PbmEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
            var hello = await PbmFrameCodec.ReadAsync(client.GetStream(), deadline.Token);
            if (hello is null) throw new IOException("the server closed the connection before its hello");
            if (hello.Value.Type == PbmFrameType.Error) throw new IOException(hello.Value.Text);
            if (hello.Value.Type != PbmFrameType.Hello || !hello.Value.Text.StartsWith(PbmFrameCodec.ProtocolName, StringComparison.Ordinal))
                throw new IOException($"not an aw management host (first frame {hello.Value.Type})");
            return new PbmClient(client, hello.Value.Text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new IOException($"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (PbmProtocolException e)
        {
            client.Dispose();
            throw new IOException($"not an aw management host ({e.Message})");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one command line: output frames go to <paramref name="output"/>, error frames to <paramref name="error"/>.
    /// Cancelling <paramref name="cancel"/> asks the server to stop the command (streaming commands end this way).
    /// </summary>
    public async Task<PbmStatus> RunAsync(string commandLine, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        await PbmFrameCodec.WriteAsync(_stream, PbmFrame.Command(commandLine), CancellationToken.None);
        using var registration = cancel.Register(() => _ = SendCancel());
        while (true)
        {
            var frame = await PbmFrameCodec.ReadAsync(_stream, CancellationToken.None)
                ?? throw new IOException("the server closed the connection");
            switch (frame.Type)
            {
                case PbmFrameType.Output:
                    await output.WriteLineAsync(frame.Text);
                    await output.FlushAsync(CancellationToken.None);
                    break;
                case PbmFrameType.Error:
                    await error.WriteLineAsync(frame.Text);
                    break;
                case PbmFrameType.Done:
                    return frame.Status;
                default:
                    throw new IOException($"unexpected {frame.Type} frame from the server");
            }
        }
    }

    private async Task SendCancel()
    {
        try { await PbmFrameCodec.WriteAsync(_stream, PbmFrame.Cancel, CancellationToken.None); }
        catch (Exception) { /* the connection is gone; the read loop reports it */ }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>HOST:PORT of a management host.</summary>
public sealed record PbmEndpoint(string Host, int Port)
{
    public static bool TryParse(string text, out PbmEndpoint endpoint)
    {
        endpoint = null!;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        if (!int.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535) return false;
        endpoint = new PbmEndpoint(text[..colon].Trim('[', ']'), port);
        return true;
    }

    public override string ToString() => $"{Host}:{Port}";
}
