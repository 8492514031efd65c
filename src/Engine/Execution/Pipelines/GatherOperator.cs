using System.Collections.Concurrent;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Pipelines;

/// <summary>
/// Runs the partitions of its input on up to <see cref="QueryContext.MaxDegreeOfParallelism"/> worker
/// threads and hands their batches to the single consumer through a bounded queue (so fast producers cannot
/// run ahead of memory). The first failure stops every worker and is rethrown to the consumer.
/// </summary>
public sealed class GatherOperator : Operator
{
    private const int QueueCapacityPerWorker = 8;

    private readonly int _partitions;
    private readonly Func<int, Operator> _open;
    private readonly QueryContext _context;
    private readonly CancellationTokenSource _stop;
    private BlockingCollection<Batch>? _queue;
    private Task[] _workers = [];
    private Exception? _failure;
    private int _nextPartition = -1;
    private int _running;

    public GatherOperator(IReadOnlyList<SqlType> types, int partitions, Func<int, Operator> open, QueryContext context) : base(types)
    {
        _partitions = partitions;
        _open = open;
        _context = context;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
    }

    public override Batch? Next()
    {
        if (_queue is null) Start();
        try
        {
            if (_queue!.TryTake(out var batch, Timeout.Infinite, _stop.Token)) return batch;
        }
        catch (OperationCanceledException)
        {
            // Stopped: either cancellation or a worker failure, reported below.
        }
        if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        if (_context.Cancellation.IsCancellationRequested) QueryContext.ThrowCancelled();
        return null;
    }

    private void Start()
    {
        int workers = Math.Min(_partitions, _context.MaxDegreeOfParallelism);
        _queue = new BlockingCollection<Batch>(Math.Max(2, workers * QueueCapacityPerWorker));
        _running = workers;
        _workers = new Task[workers];
        for (int w = 0; w < workers; w++)
            _workers[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Work()
    {
        try
        {
            int partition;
            while (!_stop.IsCancellationRequested && (partition = Interlocked.Increment(ref _nextPartition)) < _partitions)
            {
                using var op = _open(partition);
                while (op.Next() is { } batch)
                {
                    _queue!.Add(batch, _stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
            _stop.Cancel();
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) == 0) _queue!.CompleteAdding();
        }
    }

    public override void Dispose()
    {
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException)
        {
            // Failures were already reported through Next.
        }
        _queue?.Dispose();
        _stop.Dispose();
        base.Dispose();
    }
}
