using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using ActorWarehouse.Actors.Configuration;
using ActorWarehouse.Actors.Persistence.Sql;

namespace ActorWarehouse.Actors.Persistence.Journal;

/// <summary>
/// A journal over an ADO.NET database with the Akka.Persistence.Sql.Common tables: events are serialized through
/// the system's serializer registry (payload bytes + serializer id + manifest), written by a group-commit writer
/// (<see cref="GroupCommitWriter"/>: one transaction per group, each AtomicWrite all-or-nothing), read on pooled
/// connections. Deleting keeps the highest sequence number in the metadata table.
/// </summary>
public abstract class SqlJournal : AsyncWriteJournal
{
    private readonly SqlConnectionFactory _connections;
    private readonly SqlDialect _dialect;
    private readonly GroupCommitWriter _writer;
    private readonly Serialization.Serialization _serialization;

    private protected SqlJournal(Config config, SqlDialect dialect, Func<Config, IReadOnlyList<string>, SqlConnectionFactory> connections)
        : base(config)
    {
        _dialect = dialect;
        _connections = connections(config, dialect.CreateJournalTables);
        _writer = new GroupCommitWriter(_connections, dialect, config.GetInt("max-batch-size", 5000));
        _serialization = Context.System.Serialization;
    }

    protected override async Task<IImmutableList<Exception?>?> WriteMessagesAsync(IEnumerable<AtomicWrite> messages)
    {
        long now = DateTime.UtcNow.Ticks;
        var results = ImmutableArray.CreateBuilder<Exception?>();
        var rows = new List<JournalRow>();
        bool anyRejected = false;
        foreach (var write in messages)
        {
            int start = rows.Count;
            try
            {
                foreach (var p in write.Payload) rows.Add(Serialize(p, now));
                results.Add(null);
            }
            catch (Exception e)
            {
                // Serialization is the only rejection: nothing of this AtomicWrite goes to the database.
                rows.RemoveRange(start, rows.Count - start);
                results.Add(e);
                anyRejected = true;
            }
        }
        if (rows.Count > 0) await _writer.Enqueue(new InsertJob(rows)).ConfigureAwait(false);
        return anyRejected ? results.ToImmutable() : null;
    }

    private JournalRow Serialize(IPersistentRepresentation p, long now)
    {
        object payload = p.Payload;
        string? tags = null;
        if (payload is Tagged tagged)
        {
            payload = tagged.Payload;
            tags = tagged.Tags.Count == 0 ? null : string.Join(';', tagged.Tags.Order(StringComparer.Ordinal));
        }
        var serializer = _serialization.FindSerializerFor(payload);
        var bytes = serializer.ToBinary(payload);
        return new JournalRow(p.PersistenceId, p.SequenceNr, serializer.ManifestFor(payload), p.Timestamp != 0 ? p.Timestamp : now,
            bytes, tags, serializer.Identifier);
    }

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr) =>
        _writer.Enqueue(new DeleteJob(_dialect, persistenceId, toSequenceNr, _connections.CommandTimeoutSeconds));

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback) => Task.Run(async () =>
    {
        await using var connection = await _connections.OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, _dialect.ReplayEvents);
        AddParameter(command, "@pid", DbType.String, persistenceId);
        AddParameter(command, "@from", DbType.Int64, fromSequenceNr);
        AddParameter(command, "@to", DbType.Int64, toSequenceNr);
        AddParameter(command, "@max", DbType.Int64, max);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            long seq = reader.GetInt64(0);
            bool deleted = reader.GetBoolean(1);
            string manifest = reader.IsDBNull(2) ? "" : reader.GetString(2);
            long timestamp = reader.GetInt64(3);
            var bytes = (byte[])reader.GetValue(4);
            if (reader.IsDBNull(5))
                throw new System.Runtime.Serialization.SerializationException(
                    $"event {persistenceId}/{seq} has no serializer_id (legacy rows are not supported)");
            int serializerId = reader.GetInt32(5);
            var payload = _serialization.Deserialize(bytes, serializerId, manifest);
            recoveryCallback(new Persistent(payload, seq, persistenceId, manifest, deleted, null, "", timestamp));
        }
    });

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr)
    {
        // Writes queued before this read must be visible to it (a restarted actor must not reuse numbers).
        await _writer.Barrier().ConfigureAwait(false);
        return await Task.Run(async () =>
        {
            await using var connection = await _connections.OpenAsync().ConfigureAwait(false);
            await using var command = Command(connection, _dialect.HighestSequenceNr);
            AddParameter(command, "@pid", DbType.String, persistenceId);
            var value = await command.ExecuteScalarAsync().ConfigureAwait(false);
            return value is null or DBNull ? 0L : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }).ConfigureAwait(false);
    }

    protected override void PostStop()
    {
        // Bounded: queued writes get up to 10 s to finish, then the rest fail.
        _writer.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(15));
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

    private static void AddParameter(DbCommand command, string name, DbType type, object value) =>
        command.Parameters.Add(RowInserter.Parameter(command.CreateParameter, name, type, value));

    private sealed class InsertJob(List<JournalRow> rows) : GroupCommitWriter.Job
    {
        public override int Rows => rows.Count;

        public override async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, RowInserter inserter, CancellationToken ct)
        {
            foreach (var row in rows) await inserter.AddAsync(row, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes up to a sequence number and remembers the highest number in the metadata table, atomically.</summary>
    private sealed class DeleteJob(SqlDialect dialect, string persistenceId, long toSequenceNr, int timeoutSeconds) : GroupCommitWriter.Job
    {
        public override int Rows => 1;

        public override async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, RowInserter inserter, CancellationToken ct)
        {
            // Pending inserts of this group go first: they may be the rows being deleted.
            await inserter.FlushAsync(ct).ConfigureAwait(false);
            long highest;
            await using (var read = NewCommand(connection, transaction, dialect.HighestSequenceNr))
            {
                AddParameter(read, "@pid", DbType.String, persistenceId);
                var value = await read.ExecuteScalarAsync(ct).ConfigureAwait(false);
                highest = value is null or DBNull ? 0L : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            }
            if (highest > 0)
            {
                await using var remember = NewCommand(connection, transaction, dialect.RememberHighest);
                AddParameter(remember, "@pid", DbType.String, persistenceId);
                AddParameter(remember, "@seq", DbType.Int64, highest);
                await remember.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await using var delete = NewCommand(connection, transaction, dialect.DeleteEventsTo);
            AddParameter(delete, "@pid", DbType.String, persistenceId);
            AddParameter(delete, "@to", DbType.Int64, toSequenceNr);
            await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        private DbCommand NewCommand(DbConnection connection, DbTransaction transaction, string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.CommandTimeout = timeoutSeconds;
            return command;
        }
    }
}

/// <summary><c>akka.persistence.journal.sqlite</c>: the embedded default journal (one SQLite file, WAL mode).</summary>
public sealed class SqliteJournal(Config config) : SqlJournal(config,
    new SqliteDialect(config.GetString("table-name", "event_journal"), config.GetString("metadata-table-name", "journal_metadata"), "snapshot"),
    SqlConnectionFactory.Sqlite);

/// <summary><c>akka.persistence.journal.postgresql</c>: PostgreSQL through Npgsql.</summary>
public sealed class PostgreSqlJournal(Config config) : SqlJournal(config,
    new PostgreSqlDialect(config.GetString("schema-name", "public"), config.GetString("table-name", "event_journal"),
        config.GetString("metadata-table-name", "metadata"), "snapshot_store"),
    SqlConnectionFactory.PostgreSql);
