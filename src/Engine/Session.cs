using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using ActorWarehouse.Engine.Transactions;

namespace ActorWarehouse.Engine;

/// <summary>
/// A connection's state: settings, the open transaction, and statement execution. Not thread-safe: one
/// statement at a time per session (several sessions may run concurrently on one warehouse).
/// </summary>
public sealed partial class Session : IDisposable
{
    private Transaction? _transaction;
    private bool _disposed;

    internal Session(Warehouse warehouse, SessionIdentity identity)
    {
        Warehouse = warehouse;
        Identity = identity;
        Settings.Initialize("session_authorization", identity.UserName);
        Settings.Initialize("is_superuser", warehouse.Users.Find(identity.UserName) is { IsSuperuser: false } ? "off" : "on");
        if (identity.ApplicationName.Length > 0) Settings.Initialize("application_name", identity.ApplicationName);
        _activity = warehouse.Activity.Register(identity, warehouse.Users.Find(identity.UserName)?.Id ?? 1);
    }

    private readonly Activity.SessionActivity _activity;

    public Warehouse Warehouse { get; }

    /// <summary>The connected user, database, backend pid and client (fixed for the session's life).</summary>
    public SessionIdentity Identity { get; }

    /// <summary>SET / SHOW / RESET values of this session.</summary>
    public SessionSettings Settings { get; } = new();

    /// <summary>True while an explicit transaction (BEGIN) is open.</summary>
    public bool InTransaction => _transaction is not null;

    /// <summary>True when a statement failed inside the open transaction (only ROLLBACK is accepted).</summary>
    public bool InFailedTransaction => _transaction is { Failed: true };

    /// <summary>
    /// Parses and runs <paramref name="sql"/> (one or more statements separated by ';'), returning one result per
    /// statement. Throws <see cref="SqlException"/> on the first failing statement; statements before it
    /// keep their effect (autocommit), and inside BEGIN the transaction becomes failed (25P02) until ROLLBACK.
    /// </summary>
    public IReadOnlyList<QueryResult> Execute(string sql, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(sql);
        IReadOnlyList<Statement> statements;
        try
        {
            statements = SqlParser.Parse(sql);
        }
        catch (SqlException)
        {
            if (_transaction is not null) _transaction.Failed = true;
            throw;
        }
        var results = new List<QueryResult>(statements.Count);
        foreach (var statement in statements)
            results.Add(ExecuteStatement(statement, sql, cancellationToken));
        return results;
    }

    private QueryResult ExecuteStatement(Statement statement, string sql, CancellationToken cancellationToken)
    {
        long queryId = Warehouse.Activity.Start(_activity, StatementText(sql, statement), Settings.TryGet("query_group", out var group) ? group : "default");
        if (_transaction is not null) _activity.TransactionStart ??= DateTime.UtcNow;
        bool aborted = true;
        try
        {
            var result = ExecuteTracked(statement, sql, cancellationToken);
            aborted = false;
            return result;
        }
        finally
        {
            Warehouse.Activity.Finish(_activity, queryId, aborted, _transaction is not null);
            if (_transaction is null) _activity.TransactionStart = null;
        }
    }

    private QueryResult ExecuteTracked(Statement statement, string sql, CancellationToken cancellationToken)
    {
        if (statement is TransactionStatement control) return ExecuteTransactionControl(control);
        if (_transaction is { Failed: true })
            throw new SqlException(SqlState.InFailedSqlTransaction, "current transaction is aborted, commands ignored until end of transaction block");

        using var timeout = StatementCancellation(cancellationToken);
        var transaction = _transaction ?? Warehouse.Transactions.Begin(isExplicit: false);
        _statementToken = timeout.Token;
        try
        {
            var result = Dispatch(statement, sql, transaction, timeout.Token);
            if (_transaction is null) Warehouse.Transactions.Commit(transaction);
            return result;
        }
        catch (OperationCanceledException) when (timeout.Token.IsCancellationRequested)
        {
            MarkFailed();
            throw CancellationError(cancellationToken);
        }
        catch (SqlException e) when (e.SqlState == SqlState.QueryCanceled && !cancellationToken.IsCancellationRequested && timeout.Token.IsCancellationRequested)
        {
            MarkFailed();
            throw CancellationError(cancellationToken);
        }
        catch
        {
            MarkFailed();
            throw;
        }
        finally
        {
            PersistSequences();
        }
    }

    private void MarkFailed()
    {
        if (_transaction is not null) _transaction.Failed = true;
    }

    private static SqlException CancellationError(CancellationToken userToken) => userToken.IsCancellationRequested
        ? new SqlException(SqlState.QueryCanceled, "canceling statement due to user request")
        : new SqlException(SqlState.QueryCanceled, "canceling statement due to statement timeout");

    /// <summary>The caller's token combined with statement_timeout.</summary>
    private CancellationTokenSource StatementCancellation(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long timeout = Settings.StatementTimeoutMilliseconds;
        if (timeout > 0) source.CancelAfter(TimeSpan.FromMilliseconds(timeout));
        return source;
    }

    private QueryResult Dispatch(Statement statement, string sql, Transaction transaction, CancellationToken ct) => statement switch
    {
        SelectStatement s => ExecuteSelect(s, sql, transaction, ct),
        ExplainStatement e => ExecuteExplain(e, transaction),
        CreateTableStatement c => ExecuteCreateTable(c, transaction),
        CreateTableAsStatement c => ExecuteCreateTableAs(c, transaction, ct),
        DropTableStatement d => ExecuteDropTable(d, transaction),
        CreateViewStatement c => ExecuteCreateView(c, transaction),
        DropViewStatement d => ExecuteDropView(d, transaction),
        CreateSequenceStatement c => ExecuteCreateSequence(c, transaction),
        DropSequenceStatement d => ExecuteDropSequence(d, transaction),
        CreateSchemaStatement c => ExecuteCreateSchema(c, transaction),
        DropSchemaStatement d => ExecuteDropSchema(d, transaction),
        InsertStatement i => ExecuteInsert(i, transaction, ct),
        UpdateStatement u => ExecuteUpdate(u, transaction, ct),
        DeleteStatement d => ExecuteDelete(d, transaction, ct),
        TruncateStatement t => ExecuteTruncate(t, transaction),
        CopyStatement c => ExecuteCopy(c, transaction, ct),
        SetStatement s => ExecuteSet(s),
        ShowStatement s => ExecuteShow(s),
        ResetStatement r => ExecuteReset(r),
        AnalyzeStatement a => ExecuteAnalyze(a, transaction),
        VacuumStatement v => ExecuteVacuum(v, transaction),
        AlterTableStatement a => ExecuteAlterTable(a, transaction, ct),
        CreateIndexStatement c => ExecuteCreateIndex(c, transaction),
        DropIndexStatement d => ExecuteDropIndex(d),
        LockStatement l => ExecuteLock(l, transaction),
        CreateUserStatement c => ExecuteCreateUser(c, transaction),
        AlterUserStatement a => ExecuteAlterUser(a, transaction),
        DropUserStatement d => ExecuteDropUser(d, transaction),
        PrepareStatement p => ExecutePrepare(p, sql, transaction),
        ExecutePreparedStatement e => ExecuteExecutePrepared(e, transaction, ct),
        DeallocateStatement d => ExecuteDeallocate(d),
        _ => throw new SqlException(SqlState.FeatureNotSupported, $"{StatementName(statement)} is not supported", statement.Position + 1),
    };

    private static string StatementName(Statement statement)
    {
        var name = statement.GetType().Name;
        return name.EndsWith("Statement", StringComparison.Ordinal) ? name[..^"Statement".Length].ToUpperInvariant() : name;
    }

    /// <summary>True while an implicit block (<see cref="BeginImplicitTransaction"/>) holds the open transaction.</summary>
    private bool _implicitBlock;

    /// <summary>
    /// Starts PostgreSQL's implicit transaction block for a multi-statement simple query or an extended-protocol batch up
    /// to Sync: the statements that follow share one transaction, ended by <see cref="EndImplicitTransaction"/> (committed
    /// when all succeeded, else rolled back, so an error undoes the earlier statements of the block). A BEGIN inside turns
    /// the block into an ordinary explicit transaction; a COMMIT or ROLLBACK inside ends it. Does nothing inside BEGIN.
    /// </summary>
    public void BeginImplicitTransaction()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_transaction is not null) return;
        _transaction = Warehouse.Transactions.Begin(isExplicit: false);
        _implicitBlock = true;
    }

    /// <summary>Ends the implicit block: commits its work when <paramref name="success"/>, else discards it.</summary>
    public void EndImplicitTransaction(bool success)
    {
        if (!_implicitBlock) return;
        var transaction = _transaction;
        _implicitBlock = false;
        _transaction = null;
        if (transaction is null) return;
        if (success && !transaction.Failed)
        {
            Warehouse.Transactions.Commit(transaction);
            PersistSequences();
        }
    }

    private QueryResult ExecuteTransactionControl(TransactionStatement control)
    {
        if (_implicitBlock)
        {
            _implicitBlock = false;
            if (control.Action == TransactionAction.Begin)
            {
                // BEGIN inside an implicit block: the work so far continues in what is now an explicit transaction.
                _transaction?.MarkExplicit();
                return QueryResult.Command("BEGIN");
            }
        }
        switch (control.Action)
        {
            case TransactionAction.Begin:
                if (_transaction is not null)
                    return new QueryResult("BEGIN", [], [], 0) { Notices = ["there is already a transaction in progress"] };
                _transaction = Warehouse.Transactions.Begin(isExplicit: true);
                return QueryResult.Command("BEGIN");
            case TransactionAction.Commit:
            {
                var transaction = _transaction;
                _transaction = null;
                if (transaction is null)
                    return new QueryResult("COMMIT", [], [], 0) { Notices = ["there is no transaction in progress"] };
                if (transaction.Failed) return QueryResult.Command("ROLLBACK");
                Warehouse.Transactions.Commit(transaction);
                PersistSequences();
                return QueryResult.Command("COMMIT");
            }
            default:
            {
                var transaction = _transaction;
                _transaction = null;
                if (transaction is null)
                    return new QueryResult("ROLLBACK", [], [], 0) { Notices = ["there is no transaction in progress"] };
                return QueryResult.Command("ROLLBACK");
            }
        }
    }

    /// <summary>
    /// Tables created TEMPORARY (or named #name) by this session; dropped when the session ends. They live in the
    /// shared catalog while the session runs (other sessions can see them: a known difference from Redshift).
    /// </summary>
    private readonly List<(string Schema, string Name)> _temporaryTables = new();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _transaction = null;
        Warehouse.Activity.Unregister(_activity);
        foreach (var (schema, name) in _temporaryTables)
        {
            try
            {
                var transaction = Warehouse.Transactions.Begin(isExplicit: false);
                if (transaction.Working.FindTable(schema, name) is null) continue;
                transaction.Apply(transaction.Working.WithoutTable(schema, name), CatalogKeys.Table(schema, name));
                Warehouse.Transactions.Commit(transaction);
            }
            catch (SqlException)
            {
                // A concurrent change to the table wins; the temporary table then simply stays.
            }
        }
    }
}
