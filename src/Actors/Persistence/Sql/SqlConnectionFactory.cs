using System.Data.Common;
using ActorWarehouse.Actors.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorWarehouse.Actors.Persistence.Sql;

/// <summary>
/// Opens connections of one plugin's database and creates its tables once (when <c>auto-initialize</c> is on).
/// </summary>
internal abstract class SqlConnectionFactory : IDisposable
{
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly IReadOnlyList<string> _ddl;
    private readonly bool _autoInitialize;
    private volatile bool _initialized;

    protected SqlConnectionFactory(Config config, IReadOnlyList<string> ddl)
    {
        _ddl = ddl;
        _autoInitialize = config.GetBoolean("auto-initialize", true);
        CommandTimeoutSeconds = Math.Max(1, (int)config.GetTimeSpan("connection-timeout", TimeSpan.FromSeconds(30)).TotalSeconds);
    }

    public int CommandTimeoutSeconds { get; }

    /// <summary>An open connection with the tables in place.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (!_initialized) await InitializeAsync(ct).ConfigureAwait(false);
        return await OpenRawAsync(ct).ConfigureAwait(false);
    }

    protected abstract Task<DbConnection> OpenRawAsync(CancellationToken ct);

    /// <summary>Runs once per file/database before the tables are created (SQLite: WAL mode).</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    private async Task InitializeAsync(CancellationToken ct)
    {
        await _initLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_initialized) return;
            await using var connection = await OpenRawAsync(ct).ConfigureAwait(false);
            await PrepareDatabaseAsync(connection, ct).ConfigureAwait(false);
            if (_autoInitialize)
            {
                // Other processes may create the same tables at the same moment: a lost race is retried.
                for (int attempt = 1; ; attempt++)
                {
                    try
                    {
                        foreach (var statement in _ddl) await ExecuteAsync(connection, statement, ct).ConfigureAwait(false);
                        break;
                    }
                    catch (DbException) when (attempt < 3)
                    {
                        await Task.Delay(100 * attempt, ct).ConfigureAwait(false);
                    }
                }
            }
            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    protected async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public virtual void Dispose() => _initLock.Dispose();

    public static SqlConnectionFactory Sqlite(Config config, IReadOnlyList<string> ddl) => new SqliteConnectionFactory(config, ddl);

    public static SqlConnectionFactory PostgreSql(Config config, IReadOnlyList<string> ddl) => new PostgreSqlConnectionFactory(config, ddl);
}

/// <summary>
/// One SQLite file in WAL mode (readers never block the writer). Microsoft.Data.Sqlite retries a busy database
/// until the command timeout, so several processes may share the file.
/// </summary>
internal sealed class SqliteConnectionFactory : SqlConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _synchronous;

    public SqliteConnectionFactory(Config config, IReadOnlyList<string> ddl) : base(config, ddl)
    {
        var explicitString = config.GetString("connection-string", "");
        var builder = new SqliteConnectionStringBuilder(explicitString.Length > 0 ? explicitString : "");
        if (explicitString.Length == 0)
        {
            var file = Path.GetFullPath(config.GetString("database-file", "persistence.db"));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            builder.DataSource = file;
        }
        builder.DefaultTimeout = CommandTimeoutSeconds;
        builder.Pooling = true;
        _connectionString = builder.ToString();
        _synchronous = config.GetString("synchronous", "full").ToUpperInvariant() switch
        {
            "FULL" or "NORMAL" or "OFF" or "EXTRA" => config.GetString("synchronous", "full").ToUpperInvariant(),
            var other => throw new ConfigurationException($"persistence sqlite: synchronous = '{other}' (full, normal, off or extra)"),
        };
        DataSource = builder.DataSource;
    }

    public string DataSource { get; }

    protected override async Task<DbConnection> OpenRawAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await ExecuteAsync(connection, $"PRAGMA synchronous = {_synchronous}", ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override Task PrepareDatabaseAsync(DbConnection connection, CancellationToken ct) =>
        DataSource == ":memory:" ? Task.CompletedTask : ExecuteAsync(connection, "PRAGMA journal_mode = WAL", ct);
}

/// <summary>PostgreSQL through one pooled Npgsql data source per plugin.</summary>
internal sealed class PostgreSqlConnectionFactory : SqlConnectionFactory
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlConnectionFactory(Config config, IReadOnlyList<string> ddl) : base(config, ddl)
    {
        var connectionString = config.GetString("connection-string", "");
        if (connectionString.Length == 0)
            throw new ConfigurationException("persistence postgresql plugin: connection-string is not set");
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    protected override async Task<DbConnection> OpenRawAsync(CancellationToken ct) =>
        await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);

    public override void Dispose()
    {
        _dataSource.Dispose();
        base.Dispose();
    }
}
