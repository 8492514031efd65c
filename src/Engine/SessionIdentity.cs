namespace ActorWarehouse.Engine;

/// <summary>
/// Who a session belongs to, as the wire server learned it at startup: current_user, current_database(),
/// pg_backend_pid(), application_name and the client address (pg_stat_activity, stl_query, stv_inflight).
/// </summary>
public sealed record SessionIdentity(string UserName, string DatabaseName, int BackendPid, string ApplicationName, string ClientAddress)
{
    /// <summary>An embedded session (tests, the CLI): the superuser "aw" on database dev, no client address.</summary>
    public static SessionIdentity Local(int backendPid) => new("aw", Warehouse.DefaultDatabaseName, backendPid, "", "");
}
