using Npgsql;
using NpgsqlTypes;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>Npgsql (extended protocol, binary results) against the in-process server, in both compatibility modes.</summary>
[Collection(PgWireCollection.Name)]
public sealed class NpgsqlClientSpec(PgWireFixture fixture)
{
    public static TheoryData<bool> Modes => new() { true, false };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_simple_select_returns_its_row(bool noTypeLoading)
    {
        await using var connection = await fixture.OpenAsync(noTypeLoading);
        await using var command = new NpgsqlCommand("select 1 as one, 'two' as two", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt32(0));
        Assert.Equal("two", reader.GetString(1));
        Assert.False(await reader.ReadAsync());
    }

    public static TheoryData<bool, NpgsqlDbType, object> TypedValues()
    {
        var data = new TheoryData<bool, NpgsqlDbType, object>();
        foreach (bool mode in new[] { true, false })
        {
            data.Add(mode, NpgsqlDbType.Boolean, true);
            data.Add(mode, NpgsqlDbType.Smallint, (short)-12345);
            data.Add(mode, NpgsqlDbType.Integer, 2_000_000_123);
            data.Add(mode, NpgsqlDbType.Bigint, -9_000_000_000_123L);
            data.Add(mode, NpgsqlDbType.Numeric, 12345.6789m);
            data.Add(mode, NpgsqlDbType.Numeric, -0.000123m);
            data.Add(mode, NpgsqlDbType.Real, 1.5f);
            data.Add(mode, NpgsqlDbType.Double, -2.25e10);
            data.Add(mode, NpgsqlDbType.Text, "héllo wörld");
            data.Add(mode, NpgsqlDbType.Varchar, "varchar value");
            data.Add(mode, NpgsqlDbType.Date, new DateOnly(2024, 2, 29));
            data.Add(mode, NpgsqlDbType.Timestamp, new DateTime(2021, 3, 4, 5, 6, 7, 123, DateTimeKind.Unspecified).AddTicks(4560));
            data.Add(mode, NpgsqlDbType.TimestampTz, new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc));
            data.Add(mode, NpgsqlDbType.Interval, new TimeSpan(3, 4, 5, 6, 789));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TypedValues))]
    public async Task A_parameter_of_every_type_comes_back_unchanged_in_binary(bool noTypeLoading, NpgsqlDbType type, object value)
    {
        await using var connection = await fixture.OpenAsync(noTypeLoading);
        await using var command = new NpgsqlCommand("select $1", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value });
        var result = await command.ExecuteScalarAsync();
        Assert.Equal(value, result is DateTime d && value is DateOnly ? DateOnly.FromDateTime(d) : result);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_null_parameter_is_sql_null(bool noTypeLoading)
    {
        await using var connection = await fixture.OpenAsync(noTypeLoading);
        await using var command = new NpgsqlCommand("select $1::int is null, $1::int", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.True(reader.IsDBNull(1));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Table_columns_of_every_type_read_back_in_binary(bool noTypeLoading)
    {
        await using var connection = await fixture.OpenAsync(noTypeLoading);
        var table = $"all_types_{(noTypeLoading ? "n" : "d")}";
        await Execute(connection, $"drop table if exists {table}");
        await Execute(connection, $"create table {table} (b boolean, s smallint, i integer, l bigint, n numeric(12,3), w numeric(30,5), " +
            "r real, f double precision, c char(4), v varchar(20), d date, t timestamp, tz timestamptz, iv interval)");
        await Execute(connection, $"insert into {table} values (true, 7, -8, 9000000000, 1234.567, -123456789012345678901.12345, 0.5, 3.25, " +
            "'ab', 'text', '2020-02-03', '2020-02-03 04:05:06.5', '2020-02-03 04:05:06+00', '1 day 02:00:00')");
        await Execute(connection, $"insert into {table} values (null, null, null, null, null, null, null, null, null, null, null, null, null, null)");
        await using var command = new NpgsqlCommand($"select * from {table} order by i nulls last", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.Equal((short)7, reader.GetInt16(1));
        Assert.Equal(-8, reader.GetInt32(2));
        Assert.Equal(9_000_000_000L, reader.GetInt64(3));
        Assert.Equal(1234.567m, reader.GetDecimal(4));
        Assert.Equal(-123456789012345678901.12345m, reader.GetDecimal(5));
        Assert.Equal(0.5f, reader.GetFloat(6));
        Assert.Equal(3.25, reader.GetDouble(7));
        Assert.Equal("ab  ", reader.GetString(8)); // char(4) comes back blank-padded, as from PostgreSQL
        Assert.Equal("text", reader.GetString(9));
        Assert.Equal(new DateOnly(2020, 2, 3), reader.GetFieldValue<DateOnly>(10));
        Assert.Equal(new DateTime(2020, 2, 3, 4, 5, 6, 500), reader.GetDateTime(11));
        Assert.Equal(new DateTime(2020, 2, 3, 4, 5, 6, DateTimeKind.Utc), reader.GetDateTime(12).ToUniversalTime());
        Assert.Equal(new TimeSpan(1, 2, 0, 0), reader.GetTimeSpan(13));
        Assert.True(await reader.ReadAsync());
        for (int i = 0; i < reader.FieldCount; i++) Assert.True(reader.IsDBNull(i), $"column {i} should be null");
        Assert.False(await reader.ReadAsync());
    }

    [Theory]
    [InlineData("select from where", "42601")]
    [InlineData("select * from no_such_table", "42P01")]
    [InlineData("select no_such_column from (select 1 as a) s", "42703")]
    [InlineData("select 1/0", "22012")]
    public async Task Errors_carry_their_sqlstate(string sql, string sqlState)
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(sqlState, error.SqlState);
        // The connection stays usable after an error.
        await using var next = new NpgsqlCommand("select 42", connection);
        Assert.Equal(42, await next.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_syntax_error_reports_its_position()
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new NpgsqlCommand("select 1 fromm t", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal("42601", error.SqlState);
        Assert.True(error.Position > 0);
    }

    [Fact]
    public async Task A_wrong_password_is_rejected_with_28P01()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString(password: "wrong"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal("28P01", error.SqlState);
    }

    [Fact]
    public async Task An_unknown_user_is_rejected_like_a_wrong_password()
    {
        var connectionString = fixture.ConnectionString().Replace($"Username={PgWireFixture.User}", "Username=nobody");
        await using var connection = new NpgsqlConnection(connectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal("28P01", error.SqlState);
    }

    [Fact]
    public async Task A_prepared_statement_is_reused_across_executions()
    {
        await using var connection = await fixture.OpenAsync();
        await Execute(connection, "drop table if exists prepared_reuse");
        await Execute(connection, "create table prepared_reuse (k integer, v varchar(10))");
        await using (var insert = new NpgsqlCommand("insert into prepared_reuse values ($1, $2)", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar });
            await insert.PrepareAsync();
            for (int i = 0; i < 20; i++)
            {
                insert.Parameters[0].Value = i;
                insert.Parameters[1].Value = $"v{i}";
                Assert.Equal(1, await insert.ExecuteNonQueryAsync());
            }
        }
        await using var select = new NpgsqlCommand("select v from prepared_reuse where k = $1", connection);
        select.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
        await select.PrepareAsync();
        for (int i = 0; i < 20; i += 7)
        {
            select.Parameters[0].Value = i;
            Assert.Equal($"v{i}", await select.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Copy_from_stdin_loads_rows_and_copy_to_stdout_returns_them()
    {
        await using var connection = await fixture.OpenAsync();
        await Execute(connection, "drop table if exists copy_target");
        await Execute(connection, "create table copy_target (id integer, name varchar(20), amount numeric(8,2))");
        await using (var writer = await connection.BeginTextImportAsync("copy copy_target from stdin"))
        {
            for (int i = 1; i <= 1000; i++) await writer.WriteLineAsync($"{i}\tname {i}\t{i}.25");
            await writer.WriteLineAsync("1001\t\\N\t\\N");
        }
        await using (var count = new NpgsqlCommand("select count(*), sum(id), count(name) from copy_target", connection))
        await using (var reader = await count.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(1001L, reader.GetInt64(0));
            Assert.Equal(501501L, reader.GetInt64(1));
            Assert.Equal(1000L, reader.GetInt64(2));
        }
        using var export = await connection.BeginTextExportAsync("copy (select id, name, amount from copy_target where id in (1, 1001) order by id) to stdout");
        Assert.Equal("1\tname 1\t1.25", await export.ReadLineAsync());
        Assert.Equal("1001\t\\N\t\\N", await export.ReadLineAsync());
        Assert.Null(await export.ReadLineAsync());
    }

    [Fact]
    public async Task A_copy_with_bad_data_fails_and_the_connection_stays_usable()
    {
        await using var connection = await fixture.OpenAsync();
        await Execute(connection, "drop table if exists copy_bad");
        await Execute(connection, "create table copy_bad (id integer)");
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var writer = await connection.BeginTextImportAsync("copy copy_bad from stdin");
            await writer.WriteLineAsync("1");
            await writer.WriteLineAsync("not a number");
        });
        Assert.IsType<PostgresException>(error);
        await using var command = new NpgsqlCommand("select count(*) from copy_bad", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Cancelling_a_long_query_fails_it_with_57014_and_keeps_the_connection()
    {
        await using var connection = await fixture.OpenAsync();
        await Execute(connection, "drop table if exists cancel_src");
        await Execute(connection, "create table cancel_src (x integer)");
        await using (var writer = await connection.BeginTextImportAsync("copy cancel_src from stdin"))
            for (int i = 0; i < 3000; i++) await writer.WriteLineAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // 3000^3 = 2.7e10 joined rows: runs far longer than any test, unless cancelled.
        await using var command = new NpgsqlCommand("select count(*) from cancel_src a, cancel_src b, cancel_src c where a.x + b.x + c.x = -1", connection);
        var running = command.ExecuteScalarAsync();
        await Task.Delay(300);
        command.Cancel();
        // Npgsql reports a cancelled command as OperationCanceledException around the server's 57014 error.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => running);
        var postgres = error as PostgresException ?? error.InnerException as PostgresException;
        Assert.NotNull(postgres);
        Assert.Equal("57014", postgres.SqlState);
        await using var next = new NpgsqlCommand("select 7", connection);
        Assert.Equal(7, await next.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Statement_timeout_cancels_a_long_query()
    {
        await using var connection = await fixture.OpenAsync();
        await Execute(connection, "drop table if exists timeout_src");
        await Execute(connection, "create table timeout_src (x integer)");
        await using (var writer = await connection.BeginTextImportAsync("copy timeout_src from stdin"))
            for (int i = 0; i < 3000; i++) await writer.WriteLineAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Execute(connection, "set statement_timeout = 200");
        await using var command = new NpgsqlCommand("select count(*) from timeout_src a, timeout_src b, timeout_src c where a.x + b.x + c.x = -1", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());
        Assert.Equal("57014", error.SqlState);
        await Execute(connection, "set statement_timeout = 0");
    }

    [Fact]
    public async Task Transactions_report_their_state_and_roll_back()
    {
        await using var connection = await fixture.OpenAsync();
        await Execute(connection, "drop table if exists tx_table");
        await Execute(connection, "create table tx_table (x integer)");
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Execute(connection, "insert into tx_table values (1)");
            await transaction.RollbackAsync();
        }
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Execute(connection, "insert into tx_table values (2)");
            await transaction.CommitAsync();
        }
        await using var command = new NpgsqlCommand("select sum(x) from tx_table", connection);
        Assert.Equal(2L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Two_hundred_connections_work_at_the_same_time()
    {
        const int count = 200;
        var connections = new NpgsqlConnection[count];
        try
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            {
                connections[i] = new NpgsqlConnection(fixture.ConnectionString());
                await connections[i].OpenAsync();
            });
            Assert.True(fixture.Server.ConnectionCount >= count);
            var answers = await Task.WhenAll(connections.Select(async (c, i) =>
            {
                await using var command = new NpgsqlCommand($"select {i} + 1", c);
                return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }));
            Assert.Equal(Enumerable.Range(1, count), answers);
        }
        finally
        {
            foreach (var c in connections) if (c is not null) await c.DisposeAsync();
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Npgsql's binary COPY importer and exporter, and batches as implicit transactions.</summary>
[Collection(PgWireCollection.Name)]
public sealed class NpgsqlBulkSpec(PgWireFixture fixture)
{
    [Fact]
    public async Task Binary_copy_imports_and_exports_rows()
    {
        await using var connection = await fixture.OpenAsync();
        await using (var setup = new NpgsqlCommand("drop table if exists binary_copy; create table binary_copy (id integer, name varchar(20), amount numeric(10,2))", connection))
            await setup.ExecuteNonQueryAsync();
        await using (var importer = await connection.BeginBinaryImportAsync("copy binary_copy (id, name, amount) from stdin (format binary)"))
        {
            for (int i = 1; i <= 100; i++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(i, NpgsqlDbType.Integer);
                await importer.WriteAsync($"n{i}", NpgsqlDbType.Varchar);
                await importer.WriteAsync(i + 0.5m, NpgsqlDbType.Numeric);
            }
            Assert.Equal(100UL, await importer.CompleteAsync());
        }
        await using var exporter = await connection.BeginBinaryExportAsync("copy (select id, name from binary_copy where id <= 2 order by id) to stdout (format binary)");
        var rows = new List<(int, string)>();
        while (await exporter.StartRowAsync() != -1)
            rows.Add((await exporter.ReadAsync<int>(NpgsqlDbType.Integer), await exporter.ReadAsync<string>(NpgsqlDbType.Varchar)));
        Assert.Equal([(1, "n1"), (2, "n2")], rows);
    }

    [Fact]
    public async Task A_failing_command_in_a_batch_undoes_the_earlier_ones()
    {
        await using var connection = await fixture.OpenAsync();
        await using (var setup = new NpgsqlCommand("drop table if exists batch_block; create table batch_block (x integer)", connection))
            await setup.ExecuteNonQueryAsync();
        await using (var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new NpgsqlBatchCommand("insert into batch_block values (1)"), new NpgsqlBatchCommand("insert into batch_block values (1/0)") },
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => batch.ExecuteNonQueryAsync());
            Assert.Equal("22012", error.SqlState);
        }
        await using var count = new NpgsqlCommand("select count(*) from batch_block", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
