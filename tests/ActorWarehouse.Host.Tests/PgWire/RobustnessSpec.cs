using System.Text;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>Malformed input ends only the offending connection; vanished clients free their sessions.</summary>
[Collection(PgWireCollection.Name)]
public sealed class RobustnessSpec(PgWireFixture fixture)
{
    public static TheoryData<string, byte[]> BadMessages() => new()
    {
        { "unknown type", [(byte)'!', .. RawPgClient.Int32(4)] },
        { "length below 4", [(byte)'Q', .. RawPgClient.Int32(3)] },
        { "oversized small message", [(byte)'D', .. RawPgClient.Int32(50_000_000)] },
        { "oversized query", [(byte)'Q', .. RawPgClient.Int32(int.MaxValue)] },
        { "query without terminator", [(byte)'Q', .. RawPgClient.Int32(9), .. "abcd"u8.ToArray(), (byte)'S', .. RawPgClient.Int32(4)] },
        { "truncated bind", [(byte)'B', .. RawPgClient.Int32(7), 0, 0, 0, (byte)'S', .. RawPgClient.Int32(4)] },
        { "password after startup", [(byte)'p', .. RawPgClient.Int32(6), (byte)'x', 0] },
        { "bad describe kind", [(byte)'D', .. RawPgClient.Int32(6), (byte)'Z', 0, (byte)'S', .. RawPgClient.Int32(4)] },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task A_malformed_message_closes_only_that_connection(string what, byte[] bytes)
    {
        await using var bystander = await fixture.RawAsync();
        await using var client = await fixture.RawAsync();
        await client.SendRawAsync(bytes);
        var reply = await client.TryReadAsync();
        if (reply is not null && reply.Type == 'E')
        {
            var fields = reply.Fields();
            Assert.True(fields['V'] == "FATAL" || what is "truncated bind" or "bad describe kind" or "query without terminator", what);
        }
        Assert.True(await client.IsClosedByServerAsync(), what);
        await bystander.QueryAsync("select 1");
        Assert.Equal('Z', (await bystander.ReadUntilReadyAsync())[^1].Type);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(20_000)]
    public async Task A_bad_startup_packet_length_closes_the_connection(int length)
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.CleartextServer.Port);
        await client.SendRawAsync([.. RawPgClient.Int32(length), .. RawPgClient.Int32(196608)]);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task An_unsupported_protocol_version_is_refused()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.CleartextServer.Port);
        await client.SendRawAsync([.. RawPgClient.Int32(8), .. RawPgClient.Int32(2 << 16)]);
        var reply = await client.ReadAsync();
        Assert.Equal("0A000", reply.SqlState);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_query_is_an_error_not_a_disconnect()
    {
        await using var client = await fixture.RawAsync();
        await client.SendAsync('Q', [0x73, 0xff, 0xfe, 0]);
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal("22021", messages[0].SqlState);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_query_frees_its_connection()
    {
        var server = fixture.CleartextServer;
        await using (var setup = await fixture.RawAsync())
        {
            await setup.QueryAsync("create table if not exists vanish_src (x integer)");
            await setup.ReadUntilReadyAsync();
            var rows = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"({i})"));
            await setup.QueryAsync($"truncate vanish_src; insert into vanish_src values {rows}");
            await setup.ReadUntilReadyAsync();
        }
        int before = await SettledConnectionCount(server, expectedAtMost: int.MaxValue);
        var client = await fixture.RawAsync();
        await client.QueryAsync("select count(*) from vanish_src a, vanish_src b, vanish_src c where a.x + b.x + c.x = -1");
        await Task.Delay(200);
        await client.DisposeAsync();
        Assert.True(await SettledConnectionCount(server, expectedAtMost: before) <= before, "the connection should be gone once the query is cancelled");
    }

    [Fact]
    public async Task Copy_fail_from_the_client_aborts_the_copy_with_57014()
    {
        await using var client = await fixture.RawAsync();
        await client.QueryAsync("create table if not exists copy_fail_target (x integer)");
        await client.ReadUntilReadyAsync();
        await client.QueryAsync("copy copy_fail_target from stdin");
        Assert.Equal('G', (await client.ReadAsync()).Type);
        await client.SendAsync('d', Encoding.UTF8.GetBytes("1\n2\n"));
        await client.SendAsync('f', RawPgClient.CString("client gave up"));
        var messages = await client.ReadUntilReadyAsync();
        var error = messages.Single(m => m.Type == 'E');
        Assert.Equal("57014", error.SqlState);
        Assert.Contains("client gave up", error.Fields()['M']);
    }

    /// <summary>Polls (bounded: 15 s) until the server's connection count is at most <paramref name="expectedAtMost"/>.</summary>
    private static async Task<int> SettledConnectionCount(ActorWarehouse.Host.PgWire.PgWireServer server, int expectedAtMost)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (server.ConnectionCount > expectedAtMost && DateTime.UtcNow < deadline) await Task.Delay(20);
        return server.ConnectionCount;
    }
}

/// <summary>Long statements on many connections must not starve the others (nor the cancel path).</summary>
[Collection(PgWireCollection.Name)]
public sealed class ConcurrencySpec(PgWireFixture fixture)
{
    [Fact]
    public async Task While_sixteen_long_queries_run_a_new_client_is_served_and_all_can_be_cancelled()
    {
        await using (var setup = await fixture.RawAsync())
        {
            await setup.QueryAsync("create table if not exists busy_src (x integer)");
            await setup.ReadUntilReadyAsync();
            var rows = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"({i})"));
            await setup.QueryAsync($"truncate busy_src; insert into busy_src values {rows}");
            await setup.ReadUntilReadyAsync();
        }
        var busy = new List<RawPgClient>();
        try
        {
            for (int i = 0; i < 16; i++)
            {
                var client = await fixture.RawAsync();
                busy.Add(client);
                await client.QueryAsync("select count(*) from busy_src a, busy_src b, busy_src c where a.x + b.x + c.x = -1");
            }
            await using (var fresh = await fixture.RawAsync())
            {
                await fresh.QueryAsync("select 'served'");
                var answer = await fresh.ReadUntilReadyAsync();
                Assert.Equal("TDCZ", new string(answer.Select(m => m.Type).ToArray()));
            }
            foreach (var client in busy)
            {
                await using var canceller = await RawPgClient.ConnectAsync(fixture.CleartextServer.Port);
                await canceller.SendRawAsync([.. RawPgClient.Int32(16), .. RawPgClient.Int32(80877102), .. RawPgClient.Int32(client.ProcessId), .. RawPgClient.Int32(client.SecretKey)]);
            }
            foreach (var client in busy)
                Assert.Equal("57014", (await client.ReadUntilReadyAsync()).Single(m => m.Type == 'E').SqlState);
        }
        finally
        {
            foreach (var client in busy) await client.DisposeAsync();
        }
    }
}
