using System.Collections.Concurrent;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Hashing;
using ActorWarehouse.Engine.Execution.Vectors;

namespace ActorWarehouse.Engine.Planning.Distribution;

/// <summary>
/// <see cref="IExchange"/> between threads of one process: one bounded queue per consumer. Redistribution
/// hashes the key columns with <see cref="KeyHash"/> (deterministic, so every process routes a key alike).
/// </summary>
public sealed class InProcessExchange : IExchange
{
    private readonly BlockingCollection<Batch>[] _queues;
    private readonly IReadOnlyList<int> _keyColumns;
    private int _pendingProducers;
    private Exception? _failure;

    public InProcessExchange(ExchangeKind kind, int producers, int consumers, IReadOnlyList<int>? keyColumns = null, int capacityPerConsumer = 16)
    {
        if (kind == ExchangeKind.Gather && consumers != 1) throw new ArgumentException("a gather has one consumer", nameof(consumers));
        if (kind == ExchangeKind.Redistribute && (keyColumns is null || keyColumns.Count == 0)) throw new ArgumentException("redistribution needs key columns", nameof(keyColumns));
        Kind = kind;
        Producers = producers;
        Consumers = consumers;
        _keyColumns = keyColumns ?? [];
        _pendingProducers = producers;
        _queues = new BlockingCollection<Batch>[consumers];
        for (int c = 0; c < consumers; c++) _queues[c] = new BlockingCollection<Batch>(capacityPerConsumer);
    }

    public ExchangeKind Kind { get; }

    public int Producers { get; }

    public int Consumers { get; }

    public void Send(int producer, Batch batch, CancellationToken cancellation)
    {
        if (batch.RowCount == 0) return;
        switch (Kind)
        {
            case ExchangeKind.Gather:
                _queues[0].Add(batch, cancellation);
                break;
            case ExchangeKind.Broadcast:
                foreach (var queue in _queues) queue.Add(batch, cancellation);
                break;
            default:
                Redistribute(batch, cancellation);
                break;
        }
    }

    private void Redistribute(Batch batch, CancellationToken cancellation)
    {
        int n = batch.RowCount;
        var hashes = new ulong[n];
        var keys = new ColumnVector[_keyColumns.Count];
        for (int k = 0; k < keys.Length; k++) keys[k] = batch.Columns[_keyColumns[k]];
        RowHasher.Hash(keys, n, hashes);
        var targets = new List<int>[Consumers];
        for (int c = 0; c < Consumers; c++) targets[c] = [];
        for (int i = 0; i < n; i++) targets[(int)(hashes[i] % (ulong)Consumers)].Add(i);
        for (int c = 0; c < Consumers; c++)
        {
            var rows = targets[c];
            if (rows.Count == 0) continue;
            var part = rows.Count == n ? batch : VectorSelection.Take(batch, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
            _queues[c].Add(part, cancellation);
        }
    }

    public void Complete(int producer)
    {
        if (Interlocked.Decrement(ref _pendingProducers) == 0)
            foreach (var queue in _queues) queue.CompleteAdding();
    }

    public void Fail(Exception error)
    {
        Interlocked.CompareExchange(ref _failure, error, null);
        foreach (var queue in _queues)
        {
            try
            {
                queue.CompleteAdding();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public IEnumerable<Batch> Receive(int consumer, CancellationToken cancellation)
    {
        foreach (var batch in _queues[consumer].GetConsumingEnumerable(cancellation))
        {
            if (_failure is not null) break;
            yield return batch;
        }
        if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
    }

    public void Dispose()
    {
        foreach (var queue in _queues) queue.Dispose();
    }
}
