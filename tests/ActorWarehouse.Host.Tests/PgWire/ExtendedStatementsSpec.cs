using Npgsql;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>Statements other than SELECT through the extended protocol (Parse/Bind/Describe/Execute), as drivers send them.</summary>
[Collection(PgWireCollection.Name)]
public sealed class ExtendedStatementsSpec(PgWireFixture fixture)
{
    [Theory]
    [InlineData("show timezone", "UTC")]
    [InlineData("select current_database()", "dev")]
    [InlineData("select current_user", PgWireFixture.User)]
    public async Task Row_returning_statements_other_than_plain_selects_work(string sql, string expected)
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.Equal(expected, Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Explain_returns_plan_lines()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("explain select 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.False(string.IsNullOrEmpty(reader.GetString(0)));
    }

    [Fact]
    public async Task Set_then_show_round_trips_through_the_extended_protocol()
    {
        await using var connection = await fixture.OpenAsync();
        await using (var set = new NpgsqlCommand("set application_name = 'extended-spec'", connection))
            await set.ExecuteNonQueryAsync();
        await using var show = new NpgsqlCommand("show application_name", connection);
        Assert.Equal("extended-spec", await show.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Pg_backend_pid_matches_the_backend_key()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_backend_pid()", connection);
        Assert.Equal(connection.ProcessID, Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_batch_of_commands_runs_in_order()
    {
        await using var connection = await fixture.OpenAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("drop table if exists batch_table"),
                new NpgsqlBatchCommand("create table batch_table (x integer)"),
                new NpgsqlBatchCommand("insert into batch_table values (1), (2), (3)"),
                new NpgsqlBatchCommand("select sum(x) from batch_table"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(6L, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3, batch.BatchCommands[2].RecordsAffected);
    }
}
