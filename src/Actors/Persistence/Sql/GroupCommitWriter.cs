using System.Data;
using System.Data.Common;
using System.Threading.Channels;

namespace ActorWarehouse.Actors.Persistence.Sql;

/// <summary>
/// The single writer of one SQL journal (group commit): write jobs queue up while a transaction runs, and the
/// next transaction takes all of them (up to <c>max-batch-size</c> events). A job is acknowledged only after its
/// transaction committed. When a group fails, each of its jobs is retried in a transaction of its own, so one bad
/// job (e.g. a duplicate sequence number) fails alone and an AtomicWrite is still all-or-nothing. Jobs finish in
/// queue order, so writes of one persistence id become visible in order.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>One unit of work inside a write transaction.</summary>
    public abstract class Job
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Completion => _done.Task;
        public abstract int Rows { get; }
        public abstract Task ExecuteAsync(DbConnection connection, DbTransaction transaction, RowInserter inserter, CancellationToken ct);
        public void Succeed() => _done.TrySetResult();
        public void Fail(Exception e) => _done.TrySetException(e);
    }

    private readonly Channel<Job> _jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqlConnectionFactory _connections;
    private readonly SqlDialect _dialect;
    private readonly int _maxBatchRows;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lazy<Task> _loop;
    private DbConnection? _connection;

    public GroupCommitWriter(SqlConnectionFactory connections, SqlDialect dialect, int maxBatchRows)
    {
        _connections = connections;
        _dialect = dialect;
        _maxBatchRows = Math.Max(1, maxBatchRows);
        _loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>
    /// Fault switch for tests: persistence id → sequence number whose insert throws inside the transaction (after the
    /// rows before it in the same transaction were inserted), as a crash in the middle of a batch would.
    /// </summary>
    internal static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> InjectedInsertFailures = new(StringComparer.Ordinal);

    public Task Enqueue(Job job)
    {
        if (!_jobs.Writer.TryWrite(job)) job.Fail(new ObjectDisposedException(nameof(GroupCommitWriter), "the journal is stopping"));
        _ = _loop.Value;
        return job.Completion;
    }

    /// <summary>Completes once every job queued before it has finished (committed or failed).</summary>
    public Task Barrier() => Enqueue(new BarrierJob());

    private async Task RunAsync()
    {
        var group = new List<Job>();
        var reader = _jobs.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                group.Clear();
                int rows = 0;
                while (rows < _maxBatchRows && reader.TryRead(out var job))
                {
                    group.Add(job);
                    rows += job.Rows;
                }
                await CommitGroupAsync(group).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            while (reader.TryRead(out var left)) left.Fail(new ObjectDisposedException(nameof(GroupCommitWriter), "the journal stopped"));
            if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task CommitGroupAsync(List<Job> group)
    {
        if (group.TrueForAll(static j => j is BarrierJob))
        {
            foreach (var job in group) job.Succeed();
            return;
        }
        try
        {
            await RunTransactionAsync(group).ConfigureAwait(false);
            foreach (var job in group) job.Succeed();
        }
        catch (Exception groupFailure)
        {
            if (group.Count == 1)
            {
                group[0].Fail(groupFailure);
                return;
            }
            foreach (var job in group)
            {
                try
                {
                    await RunTransactionAsync([job]).ConfigureAwait(false);
                    job.Succeed();
                }
                catch (Exception e)
                {
                    job.Fail(e);
                }
            }
        }
    }

    private async Task RunTransactionAsync(IReadOnlyList<Job> jobs)
    {
        var ct = _stop.Token;
        var connection = _connection ??= await _connections.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct).ConfigureAwait(false);
            await using var inserter = new RowInserter(connection, transaction, _dialect, _connections.CommandTimeoutSeconds);
            foreach (var job in jobs) await job.ExecuteAsync(connection, transaction, inserter, ct).ConfigureAwait(false);
            await inserter.FlushAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            // The connection may be broken (server restart, disk full): start over with a fresh one.
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            try { await _loop.Value.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false); }
            catch (TimeoutException) { await _stop.CancelAsync().ConfigureAwait(false); }
        }
        _stop.Dispose();
    }

    private sealed class BarrierJob : Job
    {
        public override int Rows => 0;
        public override Task ExecuteAsync(DbConnection connection, DbTransaction transaction, RowInserter inserter, CancellationToken ct) => Task.CompletedTask;
    }
}

/// <summary>
/// Inserts journal rows inside one transaction: PostgreSQL gets them through one binary COPY per flush (one round
/// trip, no per-row statement); other providers (SQLite, in-process anyway) re-bind one prepared command per row.
/// A unique-key violation fails the whole COPY, like the rest of the transaction.
/// </summary>
internal sealed class RowInserter(DbConnection connection, DbTransaction transaction, SqlDialect dialect, int timeoutSeconds) : IAsyncDisposable
{
    private readonly List<JournalRow>? _copyRows = connection is Npgsql.NpgsqlConnection ? [] : null;
    private DbCommand? _command;

    public async Task AddAsync(JournalRow row, CancellationToken ct)
    {
        if (!GroupCommitWriter.InjectedInsertFailures.IsEmpty &&
            GroupCommitWriter.InjectedInsertFailures.TryGetValue(row.PersistenceId, out var failing) && failing == row.SequenceNr)
        {
            await FlushAsync(ct).ConfigureAwait(false);
            throw new IOException($"injected failure before inserting {row.PersistenceId}/{row.SequenceNr}");
        }
        if (_copyRows is not null)
        {
            _copyRows.Add(row);
            return;
        }
        if (_command is null)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandTimeout = timeoutSeconds;
            _command.CommandText = dialect.InsertEvent;
            Bind(_command.Parameters, _command.CreateParameter, row);
            _command.Prepare();
        }
        else
        {
            Rebind(_command.Parameters, row);
        }
        await _command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sends rows still buffered (PostgreSQL); a no-op for row-at-a-time providers.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_copyRows is not { Count: > 0 }) return;
        var npgsql = (Npgsql.NpgsqlConnection)connection;
        await using (var import = await npgsql.BeginBinaryImportAsync(dialect.CopyEvents, ct).ConfigureAwait(false))
        {
            foreach (var row in _copyRows)
            {
                await import.StartRowAsync(ct).ConfigureAwait(false);
                await import.WriteAsync(row.PersistenceId, NpgsqlTypes.NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await import.WriteAsync(row.SequenceNr, NpgsqlTypes.NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await import.WriteAsync(false, NpgsqlTypes.NpgsqlDbType.Boolean, ct).ConfigureAwait(false);
                await import.WriteAsync(row.Manifest, NpgsqlTypes.NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await import.WriteAsync(row.Timestamp, NpgsqlTypes.NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await import.WriteAsync(row.Payload, NpgsqlTypes.NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
                if (row.Tags is null) await import.WriteNullAsync(ct).ConfigureAwait(false);
                else await import.WriteAsync(row.Tags, NpgsqlTypes.NpgsqlDbType.Varchar, ct).ConfigureAwait(false);
                await import.WriteAsync(row.SerializerId, NpgsqlTypes.NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            }
            await import.CompleteAsync(ct).ConfigureAwait(false);
        }
        _copyRows.Clear();
    }

    private static void Bind(DbParameterCollection parameters, Func<DbParameter> create, JournalRow row)
    {
        parameters.Add(Parameter(create, "@pid", DbType.String, row.PersistenceId));
        parameters.Add(Parameter(create, "@seq", DbType.Int64, row.SequenceNr));
        parameters.Add(Parameter(create, "@deleted", DbType.Boolean, false));
        parameters.Add(Parameter(create, "@manifest", DbType.String, row.Manifest));
        parameters.Add(Parameter(create, "@ts", DbType.Int64, row.Timestamp));
        parameters.Add(Parameter(create, "@payload", DbType.Binary, row.Payload));
        parameters.Add(Parameter(create, "@tags", DbType.String, (object?)row.Tags ?? DBNull.Value));
        parameters.Add(Parameter(create, "@serializer", DbType.Int32, row.SerializerId));
    }

    private static void Rebind(DbParameterCollection p, JournalRow row)
    {
        p[0].Value = row.PersistenceId;
        p[1].Value = row.SequenceNr;
        p[3].Value = row.Manifest;
        p[4].Value = row.Timestamp;
        p[5].Value = row.Payload;
        p[6].Value = (object?)row.Tags ?? DBNull.Value;
        p[7].Value = row.SerializerId;
    }

    internal static DbParameter Parameter(Func<DbParameter> create, string name, DbType type, object value)
    {
        var p = create();
        p.ParameterName = name;
        p.DbType = type;
        p.Value = value;
        return p;
    }

    public async ValueTask DisposeAsync()
    {
        if (_command is not null) await _command.DisposeAsync().ConfigureAwait(false);
    }
}
