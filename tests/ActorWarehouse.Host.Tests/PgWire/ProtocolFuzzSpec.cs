using System.Net.Sockets;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>
/// Throws at least 10,000 random and mutated protocol messages (seeded, so a failure reproduces) at the server from
/// several connections at once, while a well-formed Npgsql client keeps asking questions and checking the answers.
/// </summary>
[Collection(PgWireCollection.Name)]
public sealed class ProtocolFuzzSpec(PgWireFixture fixture)
{
    private const int MessageTarget = 10_000;
    private const int FuzzWorkers = 4;

    private static readonly string[] Sql =
    [
        "select 1", "select $1", "select $1::int + 1", "begin", "commit", "rollback", "select x from (select 1 as x) t",
        "select 'a' || $1", "set application_name = 'fuzz'", "show timezone", "", ";", "select * from no_such_table",
        "copy fuzz_target from stdin", "copy (select 1) to stdout", "select 1; select 2", "selec garbage ((",
    ];

    [Fact]
    public async Task Ten_thousand_fuzzed_messages_do_not_disturb_a_well_formed_client()
    {
        await using (var setup = await fixture.OpenAsync())
        await using (var create = new NpgsqlCommand("create table if not exists fuzz_target (a integer, b varchar(20))", setup))
            await create.ExecuteNonQueryAsync();

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        int sent = 0;
        var fuzzers = Enumerable.Range(0, FuzzWorkers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(20261122 + worker);
            while (Volatile.Read(ref sent) < MessageTarget && !stop.IsCancellationRequested)
                Interlocked.Add(ref sent, await FuzzOneConnectionAsync(random, stop.Token));
        })).ToArray();

        int checkedAnswers = 0;
        await using (var good = await fixture.OpenAsync())
        {
            await using var command = new NpgsqlCommand("select $1 + 1", good);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
            while (fuzzers.Any(f => !f.IsCompleted) || checkedAnswers < 100)
            {
                command.Parameters[0].Value = checkedAnswers;
                Assert.Equal(checkedAnswers + 1, await command.ExecuteScalarAsync(stop.Token));
                checkedAnswers++;
            }
        }
        await Task.WhenAll(fuzzers);
        Assert.True(sent >= MessageTarget, $"only {sent} messages were sent before the time limit");

        await using var after = await fixture.OpenAsync();
        await using var check = new NpgsqlCommand("select 'still here'", after);
        Assert.Equal("still here", await check.ExecuteScalarAsync());
    }

    /// <summary>One connection: a valid startup (usually), then up to 60 messages, some valid and most mutated; returns how many.</summary>
    private async Task<int> FuzzOneConnectionAsync(Random random, CancellationToken ct)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", fixture.CleartextServer.Port, ct);
        var stream = tcp.GetStream();
        var drain = DrainAsync(stream, ct);
        int count = 0;
        try
        {
            if (random.Next(10) == 0)
            {
                await stream.WriteAsync(Mutate(random, RawPgClient.StartupPacket(("user", PgWireFixture.User), ("database", "dev"))), ct);
                count++;
            }
            else
            {
                await stream.WriteAsync(RawPgClient.StartupPacket(("user", PgWireFixture.User), ("database", "dev")), ct);
                await stream.WriteAsync(Message('p', RawPgClient.CString(PgWireFixture.Password)), ct);
            }
            int messages = random.Next(1, 60);
            for (int i = 0; i < messages; i++)
            {
                var message = RandomMessage(random);
                if (random.Next(3) != 0) message = Mutate(random, message);
                await stream.WriteAsync(message, ct);
                count++;
            }
        }
        catch (IOException)
        {
            // The server closed the connection after a fatal error: expected.
        }
        catch (SocketException)
        {
        }
        tcp.Client.Shutdown(SocketShutdown.Send);
        await drain;
        return count;
    }

    /// <summary>Reads and discards the server's replies until it closes (so the server never blocks on a full socket).</summary>
    private static async Task DrainAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(30));
            while (await stream.ReadAsync(buffer, limit.Token) > 0) { }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static byte[] RandomMessage(Random random)
    {
        string sql = Sql[random.Next(Sql.Length)];
        string name = random.Next(3) == 0 ? "" : "s" + random.Next(4);
        return random.Next(14) switch
        {
            0 => Message('Q', RawPgClient.CString(sql)),
            1 => Message('P', RawPgClient.CString(name), RawPgClient.CString(sql), RawPgClient.Int16(1), RawPgClient.Int32(random.Next(2) == 0 ? 23 : 0)),
            2 => Message('B', RawPgClient.CString(""), RawPgClient.CString(name), RawPgClient.Int16(1), RawPgClient.Int16((short)random.Next(2)),
                RawPgClient.Int16(1), RawPgClient.Int32(4), RawPgClient.Int32(random.Next()), RawPgClient.Int16(1), RawPgClient.Int16((short)random.Next(2))),
            3 => Message('D', [random.Next(2) == 0 ? (byte)'S' : (byte)'P'], RawPgClient.CString(name)),
            4 => Message('E', RawPgClient.CString(""), RawPgClient.Int32(random.Next(3))),
            5 or 6 => Message('S'),
            7 => Message('H'),
            8 => Message('C', [random.Next(2) == 0 ? (byte)'S' : (byte)'P'], RawPgClient.CString(name)),
            9 => Message('d', Encoding.UTF8.GetBytes($"{random.Next()}\tx\n")),
            10 => Message(random.Next(2) == 0 ? 'c' : 'f', RawPgClient.CString("fuzz")),
            11 => Message('F', RawPgClient.Int32(random.Next())),
            12 => Message((char)random.Next(256), RandomBytes(random, random.Next(0, 40))),
            _ => RandomBytes(random, random.Next(1, 64)),
        };
    }

    /// <summary>Flips bytes, truncates, or rewrites the length of a message.</summary>
    private static byte[] Mutate(Random random, byte[] message)
    {
        var copy = (byte[])message.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (int i = 0, n = random.Next(1, 4); i < n && copy.Length > 0; i++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
                return copy;
            case 1:
                return copy[..random.Next(copy.Length + 1)];
            case 2 when copy.Length >= 5:
                RawPgClient.Int32(random.Next(4) == 0 ? random.Next() : random.Next(-8, copy.Length + 8)).CopyTo(copy, 1);
                return copy;
            default:
                return [.. copy, .. RandomBytes(random, random.Next(1, 16))];
        }
    }

    private static byte[] Message(char type, params byte[][] parts)
    {
        var body = parts.SelectMany(p => p).ToArray();
        return [(byte)type, .. RawPgClient.Int32(body.Length + 4), .. body];
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
