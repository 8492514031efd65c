namespace ActorWarehouse.Actors.Tests.Persistence.Tck;

// The conformance kit run on every plugin: in-memory, SQLite (a fresh file per test) and PostgreSQL (one
// throwaway server per test run, a fresh persistence id per test).

public sealed class MemoryJournalSpec() : JournalSpec(PluginConfigs.Memory);

public sealed class MemorySnapshotStoreSpec() : SnapshotStoreSpec(PluginConfigs.Memory);

public sealed class SqliteJournalSpec : SerializingJournalSpec
{
    private readonly TempDatabaseFile _file;

    public SqliteJournalSpec() : this(new TempDatabaseFile()) { }

    private SqliteJournalSpec(TempDatabaseFile file) : base(PluginConfigs.Sqlite(file.Path)) => _file = file;

    protected override void BeforeShutdown() => _file.DisposeAfter(Sys);
}

public sealed class SqliteSnapshotStoreSpec : SerializingSnapshotStoreSpec
{
    private readonly TempDatabaseFile _file;

    public SqliteSnapshotStoreSpec() : this(new TempDatabaseFile()) { }

    private SqliteSnapshotStoreSpec(TempDatabaseFile file) : base(PluginConfigs.Sqlite(file.Path)) => _file = file;

    protected override void BeforeShutdown() => _file.DisposeAfter(Sys);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlJournalSpec(PostgresServer server) : SerializingJournalSpec(PluginConfigs.PostgreSql(server.ConnectionString));

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlSnapshotStoreSpec(PostgresServer server) : SerializingSnapshotStoreSpec(PluginConfigs.PostgreSql(server.ConnectionString));
