using System.Net;
using ActorWarehouse.Host.Node;
using ActorWarehouse.Host.PgWire.Auth;

namespace ActorWarehouse.Host.PgWire;

/// <summary>
/// The node's SQL endpoint: a PostgreSQL-protocol server on --listen:--sql-port over the node's warehouse. Refuses
/// to start without an admin password (--admin-password or AW_ADMIN_PASSWORD); on start it makes sure the superuser
/// <c>admin</c> exists with that password (an existing one is left alone). The authentication method comes from
/// AW_AUTH_METHOD (scram-sha-256 by default, md5, password).
/// </summary>
public sealed class PgWireService : INodeService
{
    public const string AdminUser = "admin";

    private PgWireServer? _server;

    public string Name => "pgwire";

    public Task StartAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var warehouse = context.Warehouse ?? throw new InvalidOperationException("the warehouse service must start before the SQL server");
        var options = context.Options;
        if (!options.HasRole("leader"))
        {
            context.Log(Name, "no SQL endpoint: this node does not have the leader role");
            return Task.CompletedTask;
        }
        var password = options.AdminPassword
            ?? throw new InvalidOperationException("an admin password is required: pass --admin-password or set AW_ADMIN_PASSWORD");
        if (!IPAddress.TryParse(options.ListenAddress, out var address))
            address = Dns.GetHostAddresses(options.ListenAddress).FirstOrDefault()
                ?? throw new InvalidOperationException($"cannot resolve listen address '{options.ListenAddress}'");
        var method = PgAuthMethods.Parse(Environment.GetEnvironmentVariable(PgAuthMethods.EnvironmentVariable));
        warehouse.Users.EnsureSuperuser(AdminUser, password);
        _server = new PgWireServer(warehouse, new PgWireServerOptions { Address = address, Port = options.SqlPort, AuthMethod = method },
            message => context.Log(Name, message));
        _server.Start();
        context.Log(Name, $"SQL (PostgreSQL protocol 3.0) on {_server.EndPoint}, database {warehouse.DatabaseName}, " +
            $"authentication {PgAuthMethods.Name(method)}, superuser '{AdminUser}'");
        return Task.CompletedTask;
    }

    public async Task StopAsync(NodeContext context)
    {
        if (_server is null) return;
        await _server.StopAsync();
        context.Log(Name, "SQL endpoint closed");
        _server = null;
    }
}
