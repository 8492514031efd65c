using ActorWarehouse.Engine;
using ActorWarehouse.Host.PgWire;
using ActorWarehouse.Host.PgWire.Auth;
using Npgsql;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>
/// One in-memory warehouse served by two in-process wire servers on ephemeral ports: one with SCRAM-SHA-256 (what
/// Npgsql talks to) and one with cleartext passwords (what the raw protocol client uses).
/// </summary>
public sealed class PgWireFixture : IAsyncLifetime
{
    public const string User = "admin";
    public const string Password = "s3cret-pw";

    public Warehouse Warehouse { get; } = Warehouse.OpenInMemory();

    public PgWireServer Server { get; private set; } = null!;

    public PgWireServer CleartextServer { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Warehouse.Users.EnsureSuperuser(User, Password);
        Server = new PgWireServer(Warehouse, new PgWireServerOptions { Port = 0 });
        Server.Start();
        CleartextServer = new PgWireServer(Warehouse, new PgWireServerOptions { Port = 0, AuthMethod = PgAuthMethod.Password });
        CleartextServer.Start();
        return Task.CompletedTask;
    }

    public string ConnectionString(bool noTypeLoading = true, string? password = null, string extra = "") =>
        $"Host=127.0.0.1;Port={Server.Port};Username={User};Password={password ?? Password};Database=dev;Pooling=false;" +
        $"Timeout=15;Command Timeout=60;{(noTypeLoading ? "Server Compatibility Mode=NoTypeLoading;" : "")}{extra}";

    public async Task<NpgsqlConnection> OpenAsync(bool noTypeLoading = true)
    {
        var connection = new NpgsqlConnection(ConnectionString(noTypeLoading));
        await connection.OpenAsync();
        return connection;
    }

    public async Task<RawPgClient> RawAsync()
    {
        var client = await RawPgClient.ConnectAsync(CleartextServer.Port);
        await client.StartupAsync(User, Password);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await CleartextServer.DisposeAsync();
        Warehouse.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PgWireCollection : ICollectionFixture<PgWireFixture>
{
    public const string Name = "pgwire";
}
