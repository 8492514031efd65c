using ActorWarehouse.Actors.TestKit;

namespace ActorWarehouse.Actors.Tests.Persistence;

/// <summary>
/// One private PostgreSQL server for the whole test run (the TestKit's <see cref="ThrowawayPostgres"/>). Missing
/// binaries fail the tests (CI installs them through scripts/install-test-deps.sh).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly ThrowawayPostgres _server = new("aw-persistence-pg-");

    public int Port => _server.Port;

    public string ConnectionString => _server.ConnectionString(maxPoolSize: 20);

    public void Dispose() => _server.Dispose();
}

/// <summary>Every PostgreSQL spec shares one server per run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "persistence-postgres";
}
