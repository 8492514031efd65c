using System.Collections.Concurrent;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Memory;
using ActorWarehouse.Engine.Execution.Vectors;

namespace ActorWarehouse.Engine.Planning.Distribution;

/// <summary>
/// <see cref="IExchange"/> between threads of one process: one queue per consumer, bounded for streaming
/// (producers wait for a slow consumer) or unbounded for buffered exchanges, whose batches are then charged to
/// the query's memory budget (53200 instead of running the process out of memory). Broadcast hands every
/// consumer the same immutable batch objects; redistribution routes rows with <see cref="ExchangeRouting"/>.
/// </summary>
public sealed class InProcessExchange : IExchange
{
    private readonly BlockingCollection<Batch>[] _queues;
    private readonly IReadOnlyList<int> _keyColumns;
    private readonly MemoryBudget? _memory;
    private long _reservedBytes;
    private int _pendingProducers;
    private Exception? _failure;

    /// <param name="capacityPerConsumer">Batches a consumer's queue holds before senders wait; null = unbounded.</param>
    /// <param name="memory">Budget charged for buffered batches (only meaningful when unbounded).</param>
    public InProcessExchange(ExchangeKind kind, int producers, int consumers, IReadOnlyList<int>? keyColumns = null, int? capacityPerConsumer = 16,
        MemoryBudget? memory = null)
    {
        if (producers < 1) throw new ArgumentOutOfRangeException(nameof(producers), producers, "at least one producer");
        if (consumers < 1) throw new ArgumentOutOfRangeException(nameof(consumers), consumers, "at least one consumer");
        if (kind == ExchangeKind.Gather && consumers != 1) throw new ArgumentException("a gather has one consumer", nameof(consumers));
        if (kind == ExchangeKind.Redistribute && (keyColumns is null || keyColumns.Count == 0)) throw new ArgumentException("redistribution needs key columns", nameof(keyColumns));
        Kind = kind;
        Producers = producers;
        Consumers = consumers;
        _keyColumns = keyColumns ?? [];
        _memory = memory;
        _pendingProducers = producers;
        _queues = new BlockingCollection<Batch>[consumers];
        for (int c = 0; c < consumers; c++)
            _queues[c] = capacityPerConsumer is { } capacity ? new BlockingCollection<Batch>(capacity) : new BlockingCollection<Batch>();
    }

    public ExchangeKind Kind { get; }

    public int Producers { get; }

    public int Consumers { get; }

    public void Send(int producer, Batch batch, CancellationToken cancellation)
    {
        if ((uint)producer >= (uint)Producers) throw new ArgumentOutOfRangeException(nameof(producer), producer, "no such producer");
        if (batch.RowCount == 0) return;
        if (_memory is not null)
        {
            long bytes = VectorOps.EstimateBytes(batch);
            _memory.Reserve(bytes, "an exchange buffer");
            Interlocked.Add(ref _reservedBytes, bytes);
        }
        switch (Kind)
        {
            case ExchangeKind.Gather:
                _queues[0].Add(batch, cancellation);
                break;
            case ExchangeKind.Broadcast:
                foreach (var queue in _queues) queue.Add(batch, cancellation);
                break;
            default:
                ExchangeRouting.Split(batch, _keyColumns, Consumers, (consumer, part) => _queues[consumer].Add(part, cancellation));
                break;
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
        long reserved = Interlocked.Exchange(ref _reservedBytes, 0);
        if (reserved > 0) _memory!.Release(reserved);
    }
}
