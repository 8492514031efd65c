using System.Buffers.Binary;
using System.Text;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>Protocol-level behaviour checked message by message with the raw client.</summary>
[Collection(PgWireCollection.Name)]
public sealed class RawProtocolSpec(PgWireFixture fixture)
{
    private static string Types(IEnumerable<PgMessage> messages) => new(messages.Select(m => m.Type).ToArray());

    [Fact]
    public async Task An_ssl_request_is_answered_N_and_startup_continues_in_clear()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.CleartextServer.Port);
        await client.SendRawAsync([.. RawPgClient.Int32(8), .. RawPgClient.Int32(80877103)]);
        Assert.Equal('N', (char)await client.ReadByteAsync());
        await client.StartupAsync(PgWireFixture.User, PgWireFixture.Password);
        await client.QueryAsync("select 1");
        Assert.Equal("TDCZ", Types(await client.ReadUntilReadyAsync()));
    }

    [Fact]
    public async Task Startup_reports_the_parameters_clients_check()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.CleartextServer.Port);
        await client.SendRawAsync(RawPgClient.StartupPacket(("user", PgWireFixture.User), ("database", "dev"), ("application_name", "raw-spec")));
        await client.ReadAsync();
        await client.SendAsync('p', RawPgClient.CString(PgWireFixture.Password));
        var messages = await client.ReadUntilReadyAsync();
        var status = messages.Where(m => m.Type == 'S')
            .Select(m => m.Text.Split('\0'))
            .ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("UTF8", status["client_encoding"]);
        Assert.StartsWith("ISO", status["DateStyle"]);
        Assert.Equal("on", status["integer_datetimes"]);
        Assert.Equal("on", status["standard_conforming_strings"]);
        Assert.Equal("8.0.2", status["server_version"]);
        Assert.Equal("raw-spec", status["application_name"]);
        Assert.Equal(PgWireFixture.User, status["session_authorization"]);
        Assert.Contains(messages, m => m.Type == 'K');
        Assert.Equal((byte)'I', messages[^1].Body[0]);
    }

    [Fact]
    public async Task A_query_string_with_several_statements_answers_each_then_one_ready()
    {
        await using var client = await fixture.RawAsync();
        await client.QueryAsync("select 1 as a; select 'x' as b, 2 as c; ;");
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal("TDCTDCZ", Types(messages));
        Assert.Equal("SELECT 1", messages[2].Text.TrimEnd('\0'));
    }

    [Theory]
    [InlineData("")]
    [InlineData(";")]
    [InlineData("  ;  ; ")]
    public async Task An_empty_query_gets_EmptyQueryResponse(string sql)
    {
        await using var client = await fixture.RawAsync();
        await client.QueryAsync(sql);
        Assert.Equal("IZ", Types(await client.ReadUntilReadyAsync()));
    }

    [Fact]
    public async Task An_error_in_a_query_string_skips_the_rest_and_reports_the_failed_block()
    {
        await using var client = await fixture.RawAsync();
        await client.QueryAsync("begin; select 1; select * from no_such_relation; select 2");
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal("CTDCEZ", Types(messages));
        Assert.Equal("42P01", messages[4].SqlState);
        Assert.True(int.Parse(messages[4].Fields()['P'], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal((byte)'E', messages[^1].Body[0]);
        await client.QueryAsync("rollback");
        var after = await client.ReadUntilReadyAsync();
        Assert.Equal((byte)'I', after[^1].Body[0]);
    }

    [Fact]
    public async Task A_row_limit_suspends_the_portal_and_the_next_execute_resumes_it()
    {
        await using var client = await fixture.RawAsync();
        await client.ParseAsync("five", "select x from (select 1 as x union all select 2 union all select 3 union all select 4 union all select 5) t order by x");
        await client.BindAsync("cursor1", "five", []);
        await client.ExecuteAsync("cursor1", 2);
        await client.ExecuteAsync("cursor1", 2);
        await client.ExecuteAsync("cursor1", 2);
        await client.SyncAsync();
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal("12DDsDDsDCZ", Types(messages));
        var values = messages.Where(m => m.Type == 'D').Select(m => Encoding.UTF8.GetString(m.Body, 6, m.Body.Length - 6)).ToArray();
        Assert.Equal(["1", "2", "3", "4", "5"], values);
        Assert.Equal("SELECT 1", messages[^2].Text.TrimEnd('\0'));
    }

    [Fact]
    public async Task Describe_statement_gives_parameter_types_and_columns()
    {
        await using var client = await fixture.RawAsync();
        await client.ParseAsync("typed", "select $1 + 1 as next, $2 as label", 23, 0);
        await client.DescribeAsync('S', "typed");
        await client.SyncAsync();
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal("1tTZ", Types(messages));
        var parameters = messages[1].Body;
        Assert.Equal(2, BinaryPrimitives.ReadInt16BigEndian(parameters));
        Assert.Equal(23, BinaryPrimitives.ReadInt32BigEndian(parameters.AsSpan(2)));
        Assert.Equal(25, BinaryPrimitives.ReadInt32BigEndian(parameters.AsSpan(6)));
    }

    [Fact]
    public async Task Describe_echoes_the_parameter_types_the_client_declared()
    {
        // PgJDBC declares varchar (1043) for strings and refuses a ParameterDescription that says text (25).
        await using var client = await fixture.RawAsync();
        await client.ParseAsync("declared", "select $1 as a, $2 as b", 1043, 1042);
        await client.DescribeAsync('S', "declared");
        await client.SyncAsync();
        var parameters = (await client.ReadUntilReadyAsync()).Single(m => m.Type == 't').Body;
        Assert.Equal(1043, BinaryPrimitives.ReadInt32BigEndian(parameters.AsSpan(2)));
        Assert.Equal(1042, BinaryPrimitives.ReadInt32BigEndian(parameters.AsSpan(6)));
    }

    [Fact]
    public async Task Text_parameters_are_bound_by_their_declared_types()
    {
        await using var client = await fixture.RawAsync();
        await client.ParseAsync("", "select $1 * 2, $2 is null", 20, 23);
        await client.BindAsync("", "", ["21", null]);
        await client.ExecuteAsync("");
        await client.SyncAsync();
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal("12DCZ", Types(messages));
        var row = messages[2].Body;
        Assert.Equal("42", Encoding.UTF8.GetString(row, 6, BinaryPrimitives.ReadInt32BigEndian(row.AsSpan(2))));
    }

    [Fact]
    public async Task Numeric_results_in_binary_use_postgres_base_10000_digits()
    {
        await using var client = await fixture.RawAsync();
        await client.ParseAsync("", "select cast(-12345.678 as numeric(10,3))");
        await client.BindAsync("", "", [], resultFormat: 1);
        await client.ExecuteAsync("");
        await client.SyncAsync();
        var row = (await client.ReadUntilReadyAsync()).Single(m => m.Type == 'D').Body;
        // ndigits 3, weight 1, sign negative, dscale 3, digits 1 2345 6780
        short[] expected = [3, 1, 0x4000, 3, 1, 2345, 6780];
        var actual = Enumerable.Range(0, 7).Select(i => BinaryPrimitives.ReadInt16BigEndian(row.AsSpan(6 + 2 * i))).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task After_an_extended_protocol_error_messages_are_skipped_until_sync()
    {
        await using var client = await fixture.RawAsync();
        await client.ParseAsync("", "select * from nowhere_table");
        await client.BindAsync("", "", []);
        await client.ExecuteAsync("");
        await client.SyncAsync();
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal("EZ", Types(messages));
        Assert.Equal("42P01", messages[0].SqlState);
        await client.ParseAsync("", "select 5");
        await client.BindAsync("", "", []);
        await client.ExecuteAsync("");
        await client.SyncAsync();
        Assert.Equal("12DCZ", Types(await client.ReadUntilReadyAsync()));
    }

    [Theory]
    [InlineData("duplicate")]
    [InlineData("unknown statement")]
    [InlineData("unknown portal")]
    [InlineData("wrong parameter count")]
    public async Task Misused_statements_and_portals_get_their_sqlstate(string mistake)
    {
        await using var client = await fixture.RawAsync();
        string expected;
        switch (mistake)
        {
            case "duplicate":
                await client.ParseAsync("dup", "select 1");
                await client.ParseAsync("dup", "select 2");
                expected = "42P05";
                break;
            case "unknown statement":
                await client.BindAsync("", "never_parsed", []);
                expected = "26000";
                break;
            case "unknown portal":
                await client.ExecuteAsync("never_bound");
                expected = "34000";
                break;
            default:
                await client.ParseAsync("two", "select $1::int + $2::int");
                await client.BindAsync("", "two", ["1"]);
                expected = "08P01";
                break;
        }
        await client.SyncAsync();
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal(expected, messages.Single(m => m.Type == 'E').SqlState);
        await client.QueryAsync("select 1");
        Assert.Equal("TDCZ", Types(await client.ReadUntilReadyAsync()));
    }

    [Fact]
    public async Task A_set_of_a_reported_setting_sends_a_fresh_ParameterStatus()
    {
        await using var client = await fixture.RawAsync();
        await client.QueryAsync("set application_name = 'renamed'");
        var messages = await client.ReadUntilReadyAsync();
        Assert.Contains(messages, m => m.Type == 'S' && m.Text == "application_name\0renamed\0");
    }

    [Fact]
    public async Task A_cancel_request_on_another_socket_cancels_the_running_query()
    {
        await using var client = await fixture.RawAsync();
        await client.QueryAsync("create table if not exists raw_cancel (x integer)");
        await client.ReadUntilReadyAsync();
        await client.QueryAsync("insert into raw_cancel select a.x from (select 1 as x) a");
        await client.ReadUntilReadyAsync();
        var rows = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"({i})"));
        await client.QueryAsync($"insert into raw_cancel values {rows}");
        await client.ReadUntilReadyAsync();
        await client.QueryAsync("select count(*) from raw_cancel a, raw_cancel b, raw_cancel c where a.x + b.x + c.x = -1");
        await Task.Delay(300);
        await using (var canceller = await RawPgClient.ConnectAsync(fixture.CleartextServer.Port))
        {
            await canceller.SendRawAsync([.. RawPgClient.Int32(16), .. RawPgClient.Int32(80877102), .. RawPgClient.Int32(client.ProcessId), .. RawPgClient.Int32(client.SecretKey)]);
            Assert.True(await canceller.IsClosedByServerAsync());
        }
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal("57014", messages.Single(m => m.Type == 'E').SqlState);
    }

    [Fact]
    public async Task The_function_call_message_is_refused_but_the_connection_stays()
    {
        await using var client = await fixture.RawAsync();
        await client.SendAsync('F', RawPgClient.Int32(1234), RawPgClient.Int16(0), RawPgClient.Int16(0), RawPgClient.Int16(0));
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal("0A000", messages[0].SqlState);
    }
}

/// <summary>Startup variants and session-dependent output.</summary>
[Collection(PgWireCollection.Name)]
public sealed class StartupVariantsSpec(PgWireFixture fixture)
{
    [Fact]
    public async Task Gss_then_ssl_requests_are_both_refused_before_a_normal_startup()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.CleartextServer.Port);
        await client.SendRawAsync([.. RawPgClient.Int32(8), .. RawPgClient.Int32(80877104)]);
        Assert.Equal('N', (char)await client.ReadByteAsync());
        await client.SendRawAsync([.. RawPgClient.Int32(8), .. RawPgClient.Int32(80877103)]);
        Assert.Equal('N', (char)await client.ReadByteAsync());
        await client.StartupAsync(PgWireFixture.User, PgWireFixture.Password);
    }

    [Fact]
    public async Task A_newer_minor_version_and_protocol_options_get_NegotiateProtocolVersion()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.CleartextServer.Port);
        var packet = RawPgClient.StartupPacket(("user", PgWireFixture.User), ("_pq_.compression", "on"));
        RawPgClient.Int32((3 << 16) | 2).CopyTo(packet, 4);
        await client.SendRawAsync(packet);
        var negotiate = await client.ReadAsync();
        Assert.Equal('v', negotiate.Type);
        Assert.Equal(3 << 16, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(negotiate.Body));
        Assert.Equal(1, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(negotiate.Body.AsSpan(4)));
        Assert.Equal('R', (await client.ReadAsync()).Type);
    }

    [Fact]
    public async Task Startup_options_apply_settings()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.CleartextServer.Port);
        await client.SendRawAsync(RawPgClient.StartupPacket(("user", PgWireFixture.User), ("options", "-c statement_timeout=1234 --search_path=public")));
        await client.ReadAsync();
        await client.SendAsync('p', RawPgClient.CString(PgWireFixture.Password));
        await client.ReadUntilReadyAsync();
        await client.QueryAsync("show statement_timeout");
        var row = (await client.ReadUntilReadyAsync()).Single(m => m.Type == 'D');
        Assert.Equal("1234", Encoding.UTF8.GetString(row.Body, 6, row.Body.Length - 6));
    }

    [Fact]
    public async Task Timestamptz_text_follows_the_session_time_zone()
    {
        await using var client = await fixture.RawAsync();
        await client.QueryAsync("set timezone = 'America/New_York'; select cast('2020-01-01 12:00:00+00' as timestamptz); reset timezone; " +
            "select cast('2020-01-01 12:00:00+00' as timestamptz)");
        var rows = (await client.ReadUntilReadyAsync()).Where(m => m.Type == 'D')
            .Select(m => Encoding.UTF8.GetString(m.Body, 6, m.Body.Length - 6)).ToArray();
        Assert.Equal(["2020-01-01 07:00:00-05", "2020-01-01 12:00:00+00"], rows);
    }

    [Fact]
    public async Task A_reader_that_falls_behind_still_gets_every_row_and_others_are_unaffected()
    {
        await using var client = await fixture.RawAsync();
        await client.QueryAsync("create table if not exists slow_digits (x bigint)");
        await client.ReadUntilReadyAsync();
        var values = string.Join(", ", Enumerable.Range(0, 600).Select(i => $"({i})"));
        await client.QueryAsync($"truncate slow_digits; insert into slow_digits values {values}");
        await client.ReadUntilReadyAsync();
        // 360,000 rows of ~60 bytes: far more than the socket buffers hold, so the server must wait for this reader.
        await client.QueryAsync("select a.x, b.x, 'padding padding padding padding ' || cast(a.x * b.x as varchar) from slow_digits a cross join slow_digits b");
        await using (var other = await fixture.RawAsync())
        {
            await other.QueryAsync("select 'unaffected'");
            Assert.Equal('Z', (await other.ReadUntilReadyAsync())[^1].Type);
        }
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal(360_000, messages.Count(m => m.Type == 'D'));
        Assert.Equal("SELECT 360000", messages[^2].Text.TrimEnd('\0'));
    }
}

/// <summary>A multi-statement Query outside a block is one implicit transaction (PostgreSQL's rule).</summary>
[Collection(PgWireCollection.Name)]
public sealed class ImplicitTransactionSpec(PgWireFixture fixture)
{
    [Fact]
    public async Task An_error_in_a_later_statement_undoes_the_earlier_ones()
    {
        await using var client = await fixture.RawAsync();
        await client.QueryAsync("drop table if exists implicit_block; create table implicit_block (x integer)");
        await client.ReadUntilReadyAsync();
        await client.QueryAsync("insert into implicit_block values (1); insert into implicit_block values (1/0)");
        var failed = await client.ReadUntilReadyAsync();
        Assert.Equal("22012", failed.Single(m => m.Type == 'E').SqlState);
        Assert.Equal((byte)'I', failed[^1].Body[0]);
        await client.QueryAsync("insert into implicit_block values (2); insert into implicit_block values (3)");
        Assert.Equal((byte)'I', (await client.ReadUntilReadyAsync())[^1].Body[0]);
        await client.QueryAsync("select sum(x) from implicit_block");
        var row = (await client.ReadUntilReadyAsync()).Single(m => m.Type == 'D');
        Assert.Equal("5", Encoding.UTF8.GetString(row.Body, 6, row.Body.Length - 6));
    }

    [Fact]
    public async Task Strings_with_their_own_transaction_commands_are_not_wrapped()
    {
        await using var client = await fixture.RawAsync();
        await client.QueryAsync("select 1; begin");
        var messages = await client.ReadUntilReadyAsync();
        Assert.Equal((byte)'T', messages[^1].Body[0]);
        await client.QueryAsync("rollback");
        await client.ReadUntilReadyAsync();
    }
}
