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
/// Inserts journal rows inside one transaction. Rows are buffered and sent when flushed: PostgreSQL gets them
/// through one binary COPY (one round trip, no per-row statement); SQLite through a prepared INSERT of
/// <see cref="RowsPerInsert"/> rows, re-bound per execution. Measured (aw bench persistence, 100k events): one row
/// per statement costs the least CPU — Microsoft.Data.Sqlite binds parameters by name, so multi-row statements
/// get slower per row (8 rows: +30 % CPU, 64 rows: 4x slower). A unique-key violation fails the statement, and
/// with it the transaction.
/// </summary>
internal sealed class RowInserter(DbConnection connection, DbTransaction transaction, SqlDialect dialect, int timeoutSeconds) : IAsyncDisposable
{
    public const int RowsPerInsert = 1;
    private const int ColumnsPerRow = 8;
    private readonly List<JournalRow> _rows = [];
    private readonly Dictionary<int, DbCommand> _inserts = [];

    public async Task AddAsync(JournalRow row, CancellationToken ct)
    {
        if (!GroupCommitWriter.InjectedInsertFailures.IsEmpty &&
            GroupCommitWriter.InjectedInsertFailures.TryGetValue(row.PersistenceId, out var failing) && failing == row.SequenceNr)
        {
            await FlushAsync(ct).ConfigureAwait(false);
            throw new IOException($"injected failure before inserting {row.PersistenceId}/{row.SequenceNr}");
        }
        _rows.Add(row);
        if (_rows.Count >= 4096) await FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sends the buffered rows.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_rows.Count == 0) return;
        if (connection is Npgsql.NpgsqlConnection npgsql) await CopyAsync(npgsql, ct).ConfigureAwait(false);
        else
        {
            int start = 0;
            while (start < _rows.Count)
            {
                int count = Math.Min(RowsPerInsert, _rows.Count - start);
                var command = InsertFor(count);
                var parameters = command.Parameters;
                for (int i = 0; i < count; i++) Bind(parameters, i * ColumnsPerRow, _rows[start + i]);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                start += count;
            }
        }
        _rows.Clear();
    }

    private async Task CopyAsync(Npgsql.NpgsqlConnection npgsql, CancellationToken ct)
    {
        await using var import = await npgsql.BeginBinaryImportAsync(dialect.CopyEvents, ct).ConfigureAwait(false);
        foreach (var row in _rows)
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

    /// <summary>A prepared INSERT of <paramref name="rows"/> rows, built once per transaction and size.</summary>
    private DbCommand InsertFor(int rows)
    {
        if (_inserts.TryGetValue(rows, out var cached)) return cached;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = timeoutSeconds;
        command.CommandText = dialect.InsertEvents(rows);
        for (int i = 0; i < rows; i++)
        {
            Add(command, $"@pid{i}", DbType.String);
            Add(command, $"@seq{i}", DbType.Int64);
            Add(command, $"@deleted{i}", DbType.Boolean).Value = false;
            Add(command, $"@manifest{i}", DbType.String);
            Add(command, $"@ts{i}", DbType.Int64);
            Add(command, $"@payload{i}", DbType.Binary);
            Add(command, $"@tags{i}", DbType.String);
            Add(command, $"@serializer{i}", DbType.Int32);
        }
        command.Prepare();
        _inserts[rows] = command;
        return command;
    }

    private static DbParameter Add(DbCommand command, string name, DbType type)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.DbType = type;
        p.Value = DBNull.Value;
        command.Parameters.Add(p);
        return p;
    }

    private static void Bind(DbParameterCollection p, int offset, JournalRow row)
    {
        p[offset].Value = row.PersistenceId;
        p[offset + 1].Value = row.SequenceNr;
        p[offset + 3].Value = row.Manifest;
        p[offset + 4].Value = row.Timestamp;
        p[offset + 5].Value = row.Payload;
        p[offset + 6].Value = (object?)row.Tags ?? DBNull.Value;
        p[offset + 7].Value = row.SerializerId;
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
        foreach (var command in _inserts.Values) await command.DisposeAsync().ConfigureAwait(false);
    }
}
