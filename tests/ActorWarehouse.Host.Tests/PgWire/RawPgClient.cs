using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>A frontend message as received by <see cref="RawPgClient"/>.</summary>
public sealed record PgMessage(char Type, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The fields of an ErrorResponse/NoticeResponse by code ('C' SQLSTATE, 'M' message, ...).</summary>
    public Dictionary<char, string> Fields()
    {
        var fields = new Dictionary<char, string>();
        int i = 0;
        while (i < Body.Length && Body[i] != 0)
        {
            char code = (char)Body[i++];
            int end = Array.IndexOf(Body, (byte)0, i);
            fields[code] = Encoding.UTF8.GetString(Body, i, end - i);
            i = end + 1;
        }
        return fields;
    }

    public string SqlState => Fields()['C'];
}

/// <summary>
/// A minimal protocol-level client for edge cases the drivers never produce: hand-built messages, truncated or
/// garbage frames, explicit row limits. Every read waits at most <see cref="Timeout"/>.
/// </summary>
public sealed class RawPgClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawPgClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public int ProcessId { get; private set; }

    public int SecretKey { get; private set; }

    public static async Task<RawPgClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port);
        return new RawPgClient(tcp);
    }

    /// <summary>Startup with a cleartext password; reads up to the first ReadyForQuery.</summary>
    public async Task StartupAsync(string user, string password)
    {
        await SendRawAsync(StartupPacket(("user", user), ("database", "dev")));
        var auth = await ReadAsync();
        if (auth.Type != 'R' || BinaryPrimitives.ReadInt32BigEndian(auth.Body) != 3) throw new InvalidOperationException($"expected cleartext request, got {auth.Type}");
        await SendAsync('p', CString(password));
        foreach (var message in await ReadUntilReadyAsync())
        {
            if (message.Type == 'E') throw new InvalidOperationException("startup failed: " + message.Fields()['M']);
            if (message.Type == 'K')
            {
                ProcessId = BinaryPrimitives.ReadInt32BigEndian(message.Body);
                SecretKey = BinaryPrimitives.ReadInt32BigEndian(message.Body.AsSpan(4));
            }
        }
    }

    public static byte[] StartupPacket(params (string Name, string Value)[] parameters)
    {
        var body = new List<byte>();
        body.AddRange(Int32(3 << 16));
        foreach (var (name, value) in parameters)
        {
            body.AddRange(CString(name));
            body.AddRange(CString(value));
        }
        body.Add(0);
        return [.. Int32(body.Count + 4), .. body];
    }

    public Task SendAsync(char type, params byte[][] parts)
    {
        var body = parts.SelectMany(p => p).ToArray();
        return SendRawAsync([(byte)type, .. Int32(body.Length + 4), .. body]);
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _stream.WriteAsync(bytes, timeout.Token);
    }

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<PgMessage?> TryReadAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var header = new byte[5];
        if (!await ReadExactlyAsync(header, timeout.Token)) return null;
        int length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
        var body = new byte[length - 4];
        if (!await ReadExactlyAsync(body, timeout.Token)) return null;
        return new PgMessage((char)header[0], body);
    }

    public async Task<PgMessage> ReadAsync() => await TryReadAsync() ?? throw new IOException("server closed the connection");

    /// <summary>A single byte (the answer to SSLRequest).</summary>
    public async Task<int> ReadByteAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var one = new byte[1];
        return await ReadExactlyAsync(one, timeout.Token) ? one[0] : -1;
    }

    public async Task<List<PgMessage>> ReadUntilReadyAsync()
    {
        var messages = new List<PgMessage>();
        while (true)
        {
            var message = await ReadAsync();
            messages.Add(message);
            if (message.Type == 'Z') return messages;
        }
    }

    /// <summary>True when the server closed the socket (after any messages it still sent).</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            while (await TryReadAsync() is not null) { }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken ct)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await _stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    public static byte[] Int16(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] CString(string text) => [.. Encoding.UTF8.GetBytes(text), 0];

    public Task QueryAsync(string sql) => SendAsync('Q', CString(sql));

    public Task ParseAsync(string name, string sql, params int[] parameterOids) =>
        SendAsync('P', CString(name), CString(sql), Int16((short)parameterOids.Length), parameterOids.SelectMany(Int32).ToArray());

    /// <summary>Bind with text parameters (null = SQL NULL) and one result format for all columns.</summary>
    public Task BindAsync(string portal, string statement, string?[] parameters, short resultFormat = 0)
    {
        var values = new List<byte>();
        foreach (var p in parameters)
        {
            if (p is null) values.AddRange(Int32(-1));
            else
            {
                var bytes = Encoding.UTF8.GetBytes(p);
                values.AddRange(Int32(bytes.Length));
                values.AddRange(bytes);
            }
        }
        return SendAsync('B', CString(portal), CString(statement), Int16(0), Int16((short)parameters.Length), values.ToArray(),
            Int16(1), Int16(resultFormat));
    }

    public Task DescribeAsync(char kind, string name) => SendAsync('D', [(byte)kind], CString(name));

    public Task ExecuteAsync(string portal, int maxRows = 0) => SendAsync('E', CString(portal), Int32(maxRows));

    public Task SyncAsync() => SendAsync('S');

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SendAsync('X');
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Already closed by the server.
        }
        _tcp.Dispose();
    }
}
