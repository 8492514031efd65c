namespace ActorWarehouse.Engine;

/// <summary>
/// A connection's state: settings, the open transaction, and statement execution. Not thread-safe: one
/// statement at a time per session (several sessions may run concurrently on one warehouse).
/// </summary>
public sealed partial class Session : IDisposable
{
    private bool _disposed;

    internal Session(Warehouse warehouse)
    {
        Warehouse = warehouse;
    }

    public Warehouse Warehouse { get; }

    /// <summary>SET / SHOW / RESET values of this session.</summary>
    public SessionSettings Settings { get; } = new();

    /// <summary>
    /// Parses and runs <paramref name="sql"/> (one or more statements separated by ';'), returning one result per
    /// statement. Throws <see cref="Errors.SqlException"/> on the first failing statement; statements before it
    /// keep their effect (autocommit), and inside BEGIN the transaction becomes failed (25P02) until ROLLBACK.
    /// </summary>
    public IReadOnlyList<QueryResult> Execute(string sql, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(sql);
        cancellationToken.ThrowIfCancellationRequested();
        throw Warehouse.NotWired("statement execution");
    }

    /// <summary>True while an explicit transaction (BEGIN) is open.</summary>
    public bool InTransaction { get; private set; }

    public void Dispose()
    {
        _disposed = true;
    }
}
