using ActorWarehouse.Engine.Security;

namespace ActorWarehouse.Engine;

public sealed partial class Warehouse
{
    /// <summary>The one database a warehouse serves (Redshift's default).</summary>
    public const string DefaultDatabaseName = "dev";

    private int _nextLocalPid = 1_000_000;
    private UserDirectory? _users;

    /// <summary>Open sessions and the statement history (pg_stat_activity, stv_inflight, stl_query).</summary>
    public Activity.ActivityRegistry Activity { get; } = new();

    /// <summary>When this warehouse was opened (pg_postmaster_start_time()).</summary>
    public DateTime StartTime { get; } = DateTime.UtcNow;

    /// <summary>The database name clients connect to.</summary>
    public string DatabaseName => DefaultDatabaseName;

    /// <summary>Users and their password verifiers (persisted in the catalog).</summary>
    public UserDirectory Users => _users ??= new UserDirectory(Transactions);

    /// <summary>A session for a connected client: its identity feeds current_user, pg_backend_pid(), stl_query, ...</summary>
    public Session OpenSession(SessionIdentity identity)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(identity);
        return new Session(this, identity);
    }

    /// <summary>A process-unique pid for embedded sessions (the wire server uses its own backend pids).</summary>
    internal int NextLocalPid() => Interlocked.Increment(ref _nextLocalPid);
}
