using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ActorWarehouse.Host.PgWire.Protocol;

namespace ActorWarehouse.Host.PgWire.Client;

/// <summary>The outcome of one simple query as the benchmark client sees it.</summary>
public readonly record struct PgQueryOutcome(long Rows, long Bytes, string? Error);

/// <summary>
/// A small PostgreSQL protocol client for <c>aw bench wire</c>: startup with SCRAM-SHA-256, MD5 or cleartext
/// passwords, and simple queries whose rows are counted (not decoded) straight from the receive buffer, so the client
/// costs little next to the server it measures. Works against ActorWarehouse and PostgreSQL alike.
/// </summary>
public sealed class PgWireClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;

    private PgWireClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<PgWireClient> ConnectAsync(string host, int port, string user, string password, string database, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var client = new PgWireClient(socket);
        await client.StartupAsync(user, password, database, ct);
        return client;
    }

    private async Task StartupAsync(string user, string password, string database, CancellationToken ct)
    {
        var body = new List<byte>();
        body.AddRange(Int32(StartupCode.Protocol30));
        foreach (var text in new[] { "user", user, "database", database, "application_name", "aw bench wire" }) body.AddRange(CString(text));
        body.Add(0);
        await _stream.WriteAsync((byte[])[.. Int32(body.Count + 4), .. body], ct);
        ScramClient? scram = null;
        while (true)
        {
            var (type, message) = await ReadMessageAsync(ct);
            switch ((char)type)
            {
                case 'R':
                    int code = BinaryPrimitives.ReadInt32BigEndian(message);
                    switch (code)
                    {
                        case AuthenticationCode.Ok:
                            break;
                        case AuthenticationCode.CleartextPassword:
                            await SendAsync('p', CString(password), ct);
                            break;
                        case AuthenticationCode.Md5Password:
                            var inner = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password + user)));
                            var outer = Convert.ToHexStringLower(MD5.HashData([.. Encoding.ASCII.GetBytes(inner), .. message.AsSpan(4, 4)]));
                            await SendAsync('p', CString("md5" + outer), ct);
                            break;
                        case AuthenticationCode.Sasl:
                            scram = new ScramClient(password);
                            var first = Encoding.UTF8.GetBytes(scram.ClientFirst);
                            await SendAsync('p', [.. CString("SCRAM-SHA-256"), .. Int32(first.Length), .. first], ct);
                            break;
                        case AuthenticationCode.SaslContinue when scram is not null:
                            await SendAsync('p', Encoding.UTF8.GetBytes(scram.ClientFinal(Encoding.UTF8.GetString(message.AsSpan(4)))), ct);
                            break;
                        case AuthenticationCode.SaslFinal:
                            break;
                        default:
                            throw new InvalidOperationException($"unsupported authentication request {code}");
                    }
                    break;
                case 'E':
                    throw new InvalidOperationException("connection refused: " + ErrorMessage(message));
                case 'Z':
                    return;
            }
        }
    }

    /// <summary>
    /// Runs a simple query and counts its DataRows and their bytes; an ErrorResponse is returned, not thrown. Blocking
    /// socket calls, like pgbench: the benchmark measures the server, not the thread pool's hand-offs.
    /// </summary>
    public PgQueryOutcome Query(string sql)
    {
        var body = CString(sql);
        _stream.Write((byte[])[(byte)'Q', .. Int32(body.Length + 4), .. body]);
        long rows = 0, bytes = 0;
        string? error = null;
        while (true)
        {
            // Walk whole messages already in the buffer without copying them.
            int needed = 5;
            while (_end - _start >= 5)
            {
                byte type = _buffer[_start];
                int length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1));
                if (_end - _start < 1 + length)
                {
                    needed = 1 + length;
                    break;
                }
                if (type == (byte)'D')
                {
                    rows++;
                    bytes += length + 1;
                }
                else if (type == (byte)'E') error = ErrorMessage(_buffer.AsSpan(_start + 5, length - 4));
                _start += 1 + length;
                if (type == (byte)'Z') return new PgQueryOutcome(rows, bytes, error);
            }
            Compact(needed);
            int read = _stream.Read(_buffer.AsSpan(_end));
            if (read == 0) throw new IOException("server closed the connection");
            _end += read;
        }
    }

    /// <summary>Moves unread bytes to the front and makes room for a message of <paramref name="needed"/> bytes.</summary>
    private void Compact(int needed)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (needed > _buffer.Length) Array.Resize(ref _buffer, needed);
    }

    private async Task<(byte Type, byte[] Body)> ReadMessageAsync(CancellationToken ct)
    {
        await FillAsync(5, ct);
        byte type = _buffer[_start];
        int length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1));
        await FillAsync(1 + length, ct);
        var body = _buffer.AsSpan(_start + 5, length - 4).ToArray();
        _start += 1 + length;
        return (type, body);
    }

    private async Task FillAsync(int needed, CancellationToken ct)
    {
        while (_end - _start < needed)
        {
            Compact(needed);
            int read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct);
            if (read == 0) throw new IOException("server closed the connection");
            _end += read;
        }
    }

    private ValueTask SendAsync(char type, byte[] body, CancellationToken ct) =>
        _stream.WriteAsync((byte[])[(byte)type, .. Int32(body.Length + 4), .. body], ct);

    private static string ErrorMessage(ReadOnlySpan<byte> body)
    {
        string code = "", message = "";
        int i = 0;
        while (i < body.Length && body[i] != 0)
        {
            byte field = body[i++];
            int end = body[i..].IndexOf((byte)0);
            if (end < 0) break;
            var value = Encoding.UTF8.GetString(body.Slice(i, end));
            if (field == 'C') code = value;
            if (field == 'M') message = value;
            i += end + 1;
        }
        return $"{message} (SQLSTATE {code})";
    }

    private static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] CString(string text) => [.. Encoding.UTF8.GetBytes(text), 0];

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await SendAsync('X', [], timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Already closed.
        }
        await _stream.DisposeAsync();
    }

    /// <summary>The client side of SCRAM-SHA-256 without channel binding (RFC 5802).</summary>
    private sealed class ScramClient(string password)
    {
        private readonly string _nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));

        public string ClientFirstBare => $"n=,r={_nonce}";

        public string ClientFirst => "n,," + ClientFirstBare;

        public string ClientFinal(string serverFirst)
        {
            string nonce = "", salt = "";
            int iterations = 0;
            foreach (var part in serverFirst.Split(','))
            {
                if (part.StartsWith("r=", StringComparison.Ordinal)) nonce = part[2..];
                else if (part.StartsWith("s=", StringComparison.Ordinal)) salt = part[2..];
                else if (part.StartsWith("i=", StringComparison.Ordinal)) iterations = int.Parse(part[2..], System.Globalization.CultureInfo.InvariantCulture);
            }
            if (!nonce.StartsWith(_nonce, StringComparison.Ordinal)) throw new InvalidOperationException("server nonce does not extend ours");
            var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(salt), iterations, HashAlgorithmName.SHA256, 32);
            var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
            var storedKey = SHA256.HashData(clientKey);
            var withoutProof = $"c=biws,r={nonce}";
            var signature = HMACSHA256.HashData(storedKey, Encoding.UTF8.GetBytes($"{ClientFirstBare},{serverFirst},{withoutProof}"));
            for (int i = 0; i < clientKey.Length; i++) clientKey[i] ^= signature[i];
            return $"{withoutProof},p={Convert.ToBase64String(clientKey)}";
        }
    }
}
