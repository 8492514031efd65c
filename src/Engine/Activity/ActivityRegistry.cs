namespace ActorWarehouse.Engine.Activity;

/// <summary>What one open session is doing, as pg_stat_activity shows it.</summary>
public sealed class SessionActivity
{
    internal SessionActivity(SessionIdentity identity, int userId, DateTime started)
    {
        Identity = identity;
        UserId = userId;
        BackendStart = started;
    }

    public SessionIdentity Identity { get; }

    /// <summary>usesysid of the session's user (1 when it is not in the user directory).</summary>
    public int UserId { get; }

    public DateTime BackendStart { get; }

    /// <summary>"idle", "active" or "idle in transaction".</summary>
    public string State { get; internal set; } = "idle";

    /// <summary>The statement running or last run ("" before the first one).</summary>
    public string Query { get; internal set; } = "";

    public DateTime? QueryStart { get; internal set; }

    public DateTime? TransactionStart { get; internal set; }

    /// <summary>The running query's id (0 when idle).</summary>
    public long RunningQueryId { get; internal set; }
}

/// <summary>One statement in the query history (stl_query) or running now (stv_inflight).</summary>
public sealed record QueryRecord(long QueryId, int UserId, string UserName, int Pid, string Database, string Label, DateTime StartTime, string Text)
{
    public DateTime? EndTime { get; init; }

    /// <summary>True when the statement failed or was canceled.</summary>
    public bool Aborted { get; init; }
}

/// <summary>
/// The warehouse's open sessions and its statement history (Redshift's stv_sessions/stv_inflight/stl_query, PostgreSQL's
/// pg_stat_activity). Thread-safe; the history keeps the newest <see cref="HistoryCapacity"/> statements.
/// </summary>
public sealed class ActivityRegistry
{
    public const int HistoryCapacity = 10_000;

    /// <summary>Statement text is kept up to this many characters (Redshift's querytxt holds 4000).</summary>
    public const int MaxTextLength = 4000;

    private readonly object _gate = new();
    private readonly Dictionary<int, SessionActivity> _sessions = new();
    private readonly Dictionary<long, QueryRecord> _running = new();
    private readonly Queue<QueryRecord> _history = new();
    private long _nextQueryId;

    internal SessionActivity Register(SessionIdentity identity, int userId)
    {
        var activity = new SessionActivity(identity, userId, DateTime.UtcNow);
        lock (_gate) _sessions[identity.BackendPid] = activity;
        return activity;
    }

    internal void Unregister(SessionActivity activity)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(activity.Identity.BackendPid, out var current) && ReferenceEquals(current, activity))
                _sessions.Remove(activity.Identity.BackendPid);
        }
    }

    /// <summary>Records a statement starting; returns its query id.</summary>
    internal long Start(SessionActivity session, string text, string label)
    {
        var now = DateTime.UtcNow;
        if (text.Length > MaxTextLength) text = text[..MaxTextLength];
        lock (_gate)
        {
            long id = ++_nextQueryId;
            _running[id] = new QueryRecord(id, session.UserId, session.Identity.UserName, session.Identity.BackendPid,
                session.Identity.DatabaseName, label, now, text);
            session.State = "active";
            session.Query = text;
            session.QueryStart = now;
            session.RunningQueryId = id;
            return id;
        }
    }

    /// <summary>Moves a statement from running to the history.</summary>
    internal void Finish(SessionActivity session, long queryId, bool aborted, bool inTransaction)
    {
        var now = DateTime.UtcNow;
        lock (_gate)
        {
            if (_running.Remove(queryId, out var record))
            {
                _history.Enqueue(record with { EndTime = now, Aborted = aborted });
                while (_history.Count > HistoryCapacity) _history.Dequeue();
            }
            session.State = inTransaction ? "idle in transaction" : "idle";
            session.RunningQueryId = 0;
        }
    }

    public IReadOnlyList<SessionActivity> Sessions
    {
        get
        {
            lock (_gate) return _sessions.Values.OrderBy(s => s.Identity.BackendPid).ToList();
        }
    }

    /// <summary>Statements running now, oldest first.</summary>
    public IReadOnlyList<QueryRecord> Running
    {
        get
        {
            lock (_gate) return _running.Values.OrderBy(q => q.QueryId).ToList();
        }
    }

    /// <summary>Finished statements, oldest first.</summary>
    public IReadOnlyList<QueryRecord> History
    {
        get
        {
            lock (_gate) return _history.ToList();
        }
    }
}
