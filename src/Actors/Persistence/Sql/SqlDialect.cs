using System.Text.RegularExpressions;
using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Persistence.Sql;

/// <summary>
/// The SQL text of one database family for the journal and snapshot tables (Akka.Persistence.Sql.Common layouts:
/// SQLite names the event time column <c>timestamp</c>, PostgreSQL <c>created_at</c>). Table names come from
/// configuration and must be plain identifiers.
/// </summary>
internal abstract partial class SqlDialect
{
    protected SqlDialect(string? schema, string journalTable, string metadataTable, string snapshotTable)
    {
        string Qualify(string table) => schema is null ? Identifier(table) : $"{Identifier(schema)}.{Identifier(table)}";
        Schema = schema is null ? null : Identifier(schema);
        JournalTable = Qualify(journalTable);
        MetadataTable = Qualify(metadataTable);
        SnapshotTable = Qualify(snapshotTable);
        JournalTableName = journalTable;
        MetadataTableName = metadataTable;
        SnapshotTableName = snapshotTable;
    }

    public string? Schema { get; }
    public string JournalTable { get; }
    public string MetadataTable { get; }
    public string SnapshotTable { get; }
    protected string JournalTableName { get; }
    protected string MetadataTableName { get; }
    protected string SnapshotTableName { get; }

    /// <summary>Name of the journal's event time column (.NET ticks, UTC).</summary>
    public abstract string TimestampColumn { get; }

    public abstract IReadOnlyList<string> CreateJournalTables { get; }
    public abstract IReadOnlyList<string> CreateSnapshotTable { get; }

    /// <summary>A multi-row INSERT; row i binds @pid{i}, @seq{i}, @deleted{i}, @manifest{i}, @ts{i}, @payload{i}, @tags{i}, @serializer{i}.</summary>
    public string InsertEvents(int rows)
    {
        var sql = new System.Text.StringBuilder(
            $"INSERT INTO {JournalTable} (persistence_id, sequence_nr, is_deleted, manifest, {TimestampColumn}, payload, tags, serializer_id) VALUES ");
        for (int i = 0; i < rows; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"(@pid{i}, @seq{i}, @deleted{i}, @manifest{i}, @ts{i}, @payload{i}, @tags{i}, @serializer{i})");
        }
        return sql.ToString();
    }

    /// <summary>PostgreSQL binary COPY of journal rows, same columns and order as <see cref="InsertEvents"/>.</summary>
    public string CopyEvents =>
        $"COPY {JournalTable} (persistence_id, sequence_nr, is_deleted, manifest, {TimestampColumn}, payload, tags, serializer_id) FROM STDIN (FORMAT BINARY)";

    public string HighestSequenceNr =>
        $"SELECT COALESCE(MAX(m), 0) FROM (SELECT MAX(sequence_nr) AS m FROM {JournalTable} WHERE persistence_id = @pid " +
        $"UNION ALL SELECT MAX(sequence_nr) AS m FROM {MetadataTable} WHERE persistence_id = @pid) AS highest";

    public string ReplayEvents =>
        $"SELECT sequence_nr, is_deleted, manifest, {TimestampColumn}, payload, serializer_id, tags FROM {JournalTable} " +
        "WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to ORDER BY sequence_nr LIMIT @max";

    public string DeleteEventsTo => $"DELETE FROM {JournalTable} WHERE persistence_id = @pid AND sequence_nr <= @to";

    public string RememberHighest =>
        $"INSERT INTO {MetadataTable} (persistence_id, sequence_nr) VALUES (@pid, @seq) ON CONFLICT DO NOTHING";

    public string LoadSnapshot =>
        $"SELECT sequence_nr, created_at, manifest, payload, serializer_id FROM {SnapshotTable} WHERE persistence_id = @pid " +
        "AND sequence_nr <= @maxSeq AND sequence_nr >= @minSeq AND created_at <= @maxTs AND created_at >= @minTs " +
        "ORDER BY sequence_nr DESC LIMIT 1";

    public string UpsertSnapshot =>
        $"INSERT INTO {SnapshotTable} (persistence_id, sequence_nr, created_at, manifest, payload, serializer_id) " +
        "VALUES (@pid, @seq, @ts, @manifest, @payload, @serializer) ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET " +
        "created_at = excluded.created_at, manifest = excluded.manifest, payload = excluded.payload, serializer_id = excluded.serializer_id";

    public string DeleteSnapshot =>
        $"DELETE FROM {SnapshotTable} WHERE persistence_id = @pid AND sequence_nr = @seq AND created_at <= @maxTs";

    public string DeleteSnapshots =>
        $"DELETE FROM {SnapshotTable} WHERE persistence_id = @pid AND sequence_nr <= @maxSeq AND sequence_nr >= @minSeq " +
        "AND created_at <= @maxTs AND created_at >= @minTs";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();

    private static string Identifier(string name) => IdentifierPattern().IsMatch(name) ? name
        : throw new ConfigurationException($"persistence table or schema name '{name}' must be a plain SQL identifier (letters, digits, '_')");
}

internal sealed class SqliteDialect(string journalTable, string metadataTable, string snapshotTable)
    : SqlDialect(null, journalTable, metadataTable, snapshotTable)
{
    public override string TimestampColumn => "timestamp";

    public override IReadOnlyList<string> CreateJournalTables =>
    [
        $"CREATE TABLE IF NOT EXISTS {JournalTable} (ordering INTEGER PRIMARY KEY NOT NULL, persistence_id VARCHAR(255) NOT NULL, " +
        "sequence_nr INTEGER(8) NOT NULL, is_deleted INTEGER(1) NOT NULL, manifest VARCHAR(255) NULL, timestamp INTEGER NOT NULL, " +
        "payload BLOB NOT NULL, tags VARCHAR(2000) NULL, serializer_id INTEGER(4), UNIQUE (persistence_id, sequence_nr))",
        $"CREATE TABLE IF NOT EXISTS {MetadataTable} (persistence_id VARCHAR(255) NOT NULL, sequence_nr INTEGER(8) NOT NULL, " +
        "PRIMARY KEY (persistence_id, sequence_nr))",
    ];

    public override IReadOnlyList<string> CreateSnapshotTable =>
    [
        $"CREATE TABLE IF NOT EXISTS {SnapshotTable} (persistence_id VARCHAR(255) NOT NULL, sequence_nr INTEGER(8) NOT NULL, " +
        "created_at INTEGER(8) NOT NULL, manifest VARCHAR(255) NOT NULL, payload BLOB NOT NULL, serializer_id INTEGER(4), " +
        "PRIMARY KEY (persistence_id, sequence_nr))",
    ];
}

internal sealed class PostgreSqlDialect(string schema, string journalTable, string metadataTable, string snapshotTable)
    : SqlDialect(schema, journalTable, metadataTable, snapshotTable)
{
    public override string TimestampColumn => "created_at";

    public override IReadOnlyList<string> CreateJournalTables =>
    [
        $"CREATE SCHEMA IF NOT EXISTS {Schema}",
        $"CREATE TABLE IF NOT EXISTS {JournalTable} (ordering BIGSERIAL NOT NULL PRIMARY KEY, persistence_id VARCHAR(255) NOT NULL, " +
        "sequence_nr BIGINT NOT NULL, is_deleted BOOLEAN NOT NULL, created_at BIGINT NOT NULL, manifest VARCHAR(500) NOT NULL, " +
        $"payload BYTEA NOT NULL, tags VARCHAR(2000) NULL, serializer_id INTEGER NULL, CONSTRAINT {JournalTableName}_uq UNIQUE (persistence_id, sequence_nr))",
        $"CREATE TABLE IF NOT EXISTS {MetadataTable} (persistence_id VARCHAR(255) NOT NULL, sequence_nr BIGINT NOT NULL, " +
        $"CONSTRAINT {MetadataTableName}_pk PRIMARY KEY (persistence_id, sequence_nr))",
    ];

    public override IReadOnlyList<string> CreateSnapshotTable =>
    [
        $"CREATE SCHEMA IF NOT EXISTS {Schema}",
        $"CREATE TABLE IF NOT EXISTS {SnapshotTable} (persistence_id VARCHAR(255) NOT NULL, sequence_nr BIGINT NOT NULL, " +
        "created_at BIGINT NOT NULL, manifest VARCHAR(500) NOT NULL, payload BYTEA NOT NULL, serializer_id INTEGER NULL, " +
        $"CONSTRAINT {SnapshotTableName}_pk PRIMARY KEY (persistence_id, sequence_nr))",
    ];
}
