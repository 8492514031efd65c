using System.Data;
using System.Data.Common;
using ActorWarehouse.Actors.Configuration;
using ActorWarehouse.Actors.Persistence.Sql;

namespace ActorWarehouse.Actors.Persistence.Snapshot;

/// <summary>
/// A snapshot store over an ADO.NET database with the Akka.Persistence.Sql.Common snapshot table: the snapshot is
/// serialized through the system's serializer registry; saving the same (id, sequence number) overwrites.
/// </summary>
public abstract class SqlSnapshotStore : SnapshotStore
{
    private readonly SqlConnectionFactory _connections;
    private readonly SqlDialect _dialect;
    private readonly Serialization.Serialization _serialization;

    private protected SqlSnapshotStore(Config config, SqlDialect dialect, Func<Config, IReadOnlyList<string>, SqlConnectionFactory> connections)
        : base(config)
    {
        _dialect = dialect;
        _connections = connections(config, dialect.CreateSnapshotTable);
        _serialization = Context.System.Serialization;
    }

    protected override Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria) => Task.Run(async () =>
    {
        await using var connection = await _connections.OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, _dialect.LoadSnapshot);
        AddCriteria(command, persistenceId, criteria);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false)) return null;
        long seq = reader.GetInt64(0);
        var timestamp = new DateTime(reader.GetInt64(1), DateTimeKind.Utc);
        string manifest = reader.GetString(2);
        var bytes = (byte[])reader.GetValue(3);
        int serializerId = reader.IsDBNull(4) ? throw new System.Runtime.Serialization.SerializationException(
            $"snapshot {persistenceId}/{seq} has no serializer_id (legacy rows are not supported)") : reader.GetInt32(4);
        var snapshot = _serialization.Deserialize(bytes, serializerId, manifest);
        return (SelectedSnapshot?)new SelectedSnapshot(new SnapshotMetadata(persistenceId, seq, timestamp), snapshot);
    });

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot)
    {
        // Serialize on the caller's thread: a snapshot that cannot be serialized fails before any I/O.
        var serializer = _serialization.FindSerializerFor(snapshot);
        var bytes = serializer.ToBinary(snapshot);
        var manifest = serializer.ManifestFor(snapshot);
        return Task.Run(async () =>
        {
            await using var connection = await _connections.OpenAsync().ConfigureAwait(false);
            await using var command = Command(connection, _dialect.UpsertSnapshot);
            Add(command, "@pid", DbType.String, metadata.PersistenceId);
            Add(command, "@seq", DbType.Int64, metadata.SequenceNr);
            Add(command, "@ts", DbType.Int64, metadata.Timestamp.Ticks);
            Add(command, "@manifest", DbType.String, manifest);
            Add(command, "@payload", DbType.Binary, bytes);
            Add(command, "@serializer", DbType.Int32, serializer.Identifier);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        });
    }

    protected override Task DeleteAsync(SnapshotMetadata metadata) => Task.Run(async () =>
    {
        await using var connection = await _connections.OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, _dialect.DeleteSnapshot);
        Add(command, "@pid", DbType.String, metadata.PersistenceId);
        Add(command, "@seq", DbType.Int64, metadata.SequenceNr);
        Add(command, "@maxTs", DbType.Int64, metadata.Timestamp == DateTime.MinValue ? long.MaxValue : metadata.Timestamp.Ticks);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    });

    protected override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria) => Task.Run(async () =>
    {
        await using var connection = await _connections.OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, _dialect.DeleteSnapshots);
        AddCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    });

    protected override void PostStop()
    {
        _connections.Dispose();
        base.PostStop();
    }

    private DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _connections.CommandTimeoutSeconds;
        return command;
    }

    private static void AddCriteria(DbCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        Add(command, "@pid", DbType.String, persistenceId);
        Add(command, "@maxSeq", DbType.Int64, criteria.MaxSequenceNr);
        Add(command, "@minSeq", DbType.Int64, criteria.MinSequenceNr);
        Add(command, "@maxTs", DbType.Int64, criteria.MaxTimeStamp.Ticks);
        Add(command, "@minTs", DbType.Int64, (criteria.MinTimestamp ?? DateTime.MinValue).Ticks);
    }

    private static void Add(DbCommand command, string name, DbType type, object value) =>
        command.Parameters.Add(RowInserter.Parameter(command.CreateParameter, name, type, value));
}

/// <summary><c>akka.persistence.snapshot-store.sqlite</c>: table <c>snapshot</c> in the SQLite file.</summary>
public sealed class SqliteSnapshotStore(Config config) : SqlSnapshotStore(config,
    new SqliteDialect("event_journal", "journal_metadata", config.GetString("table-name", "snapshot")),
    SqlConnectionFactory.Sqlite);

/// <summary><c>akka.persistence.snapshot-store.postgresql</c>: table <c>snapshot_store</c> through Npgsql.</summary>
public sealed class PostgreSqlSnapshotStore(Config config) : SqlSnapshotStore(config,
    new PostgreSqlDialect(config.GetString("schema-name", "public"), "event_journal", "metadata", config.GetString("table-name", "snapshot_store")),
    SqlConnectionFactory.PostgreSql);
