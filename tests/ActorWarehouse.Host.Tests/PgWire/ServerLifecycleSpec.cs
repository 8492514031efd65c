using ActorWarehouse.Engine;
using ActorWarehouse.Host.PgWire;
using ActorWarehouse.Host.PgWire.Auth;

namespace ActorWarehouse.Host.Tests.PgWire;

/// <summary>Connection limits and shutdown, each on a server of its own.</summary>
public sealed class ServerLifecycleSpec
{
    private const string User = "admin";
    private const string Password = "lifecycle-pw";

    private static (Warehouse, PgWireServer) StartServer(int maxConnections = 100)
    {
        var warehouse = Warehouse.OpenInMemory();
        warehouse.Users.EnsureSuperuser(User, Password);
        var server = new PgWireServer(warehouse, new PgWireServerOptions { Port = 0, AuthMethod = PgAuthMethod.Password, MaxConnections = maxConnections });
        server.Start();
        return (warehouse, server);
    }

    [Fact]
    public async Task A_connection_beyond_the_limit_gets_53300()
    {
        var (warehouse, server) = StartServer(maxConnections: 2);
        try
        {
            await using var first = await RawPgClient.ConnectAsync(server.Port);
            await first.StartupAsync(User, Password);
            await using var second = await RawPgClient.ConnectAsync(server.Port);
            await second.StartupAsync(User, Password);
            await using var third = await RawPgClient.ConnectAsync(server.Port);
            await third.SendRawAsync(RawPgClient.StartupPacket(("user", User)));
            var reply = await third.ReadAsync();
            Assert.Equal("53300", reply.SqlState);
            Assert.True(await third.IsClosedByServerAsync());
        }
        finally
        {
            await server.DisposeAsync();
            warehouse.Dispose();
        }
    }

    [Fact]
    public async Task Stopping_the_server_tells_idle_sessions_57P01_and_refuses_new_ones()
    {
        var (warehouse, server) = StartServer();
        try
        {
            await using var idle = await RawPgClient.ConnectAsync(server.Port);
            await idle.StartupAsync(User, Password);
            int port = server.Port;
            await server.StopAsync(TimeSpan.FromSeconds(10));
            var reply = await idle.ReadAsync();
            Assert.Equal("57P01", reply.SqlState);
            Assert.Equal("FATAL", reply.Fields()['V']);
            Assert.True(await idle.IsClosedByServerAsync());
            Assert.Equal(0, server.ConnectionCount);
            await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => RawPgClient.ConnectAsync(port));
        }
        finally
        {
            await server.DisposeAsync();
            warehouse.Dispose();
        }
    }

    [Fact]
    public async Task The_startup_message_needs_a_user()
    {
        var (warehouse, server) = StartServer();
        try
        {
            await using var client = await RawPgClient.ConnectAsync(server.Port);
            await client.SendRawAsync(RawPgClient.StartupPacket(("database", "dev")));
            Assert.Equal("28000", (await client.ReadAsync()).SqlState);
        }
        finally
        {
            await server.DisposeAsync();
            warehouse.Dispose();
        }
    }

    [Fact]
    public async Task An_unknown_database_is_refused_with_3D000()
    {
        var (warehouse, server) = StartServer();
        try
        {
            await using var client = await RawPgClient.ConnectAsync(server.Port);
            await client.SendRawAsync(RawPgClient.StartupPacket(("user", User), ("database", "elsewhere")));
            await client.ReadAsync();
            await client.SendAsync('p', RawPgClient.CString(Password));
            var reply = await client.ReadAsync();
            while (reply.Type != 'E') reply = await client.ReadAsync();
            Assert.Equal("3D000", reply.SqlState);
        }
        finally
        {
            await server.DisposeAsync();
            warehouse.Dispose();
        }
    }
}
