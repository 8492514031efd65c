using ActorWarehouse.Engine.Execution.Operators;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Execution.Pipelines;

/// <summary>
/// The sending side of an exchange: the partitions of a fragment run on up to
/// <see cref="QueryContext.MaxDegreeOfParallelism"/> workers, each worker one producer of the exchange that takes
/// partitions until none are left, sends every batch, then completes. The first failure fails the exchange, so
/// consumers see it.
/// </summary>
public sealed class ExchangeSenders : IDisposable
{
    private readonly IExchange _exchange;
    private readonly int _partitions;
    private readonly Func<int, Operator> _open;
    private readonly QueryContext _context;
    private readonly CancellationTokenSource _stop;
    private Task[] _workers = [];
    private int _nextPartition = -1;

    public ExchangeSenders(IExchange exchange, int partitions, Func<int, Operator> open, QueryContext context)
    {
        _exchange = exchange;
        _partitions = partitions;
        _open = open;
        _context = context;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
    }

    /// <summary>Workers (= producers) for <paramref name="partitions"/> partitions.</summary>
    public static int WorkerCount(int partitions, QueryContext context) => Math.Max(1, Math.Min(partitions, context.MaxDegreeOfParallelism));

    /// <summary>Starts the workers in the background; the caller consumes concurrently (a streaming gather).</summary>
    public void Start()
    {
        _workers = new Task[_exchange.Producers];
        for (int w = 0; w < _workers.Length; w++)
        {
            int producer = w;
            _workers[w] = Task.Factory.StartNew(() => Work(producer), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Runs the workers to completion on the calling thread and the pool (a buffered exchange), rethrowing the first failure.</summary>
    public void Run()
    {
        ParallelRunner.ForEachPartition(_exchange.Producers, _context, Work);
        if (_failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        _context.ThrowIfCancelled();
    }

    private Exception? _failure;

    private void Work(int producer)
    {
        try
        {
            int partition;
            while (!_stop.IsCancellationRequested && (partition = Interlocked.Increment(ref _nextPartition)) < _partitions)
            {
                using var op = _open(partition);
                while (op.Next() is { } batch) _exchange.Send(producer, batch, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (InvalidOperationException) when (_stop.IsCancellationRequested || _failure is not null)
        {
            // The exchange was failed or completed by another worker's error; that error is the one reported.
        }
        catch (Exception e)
        {
            if (Interlocked.CompareExchange(ref _failure, e, null) is null) _exchange.Fail(e);
            _stop.Cancel();
        }
        finally
        {
            _exchange.Complete(producer);
        }
    }

    /// <summary>Stops the workers (a consumer that needs no more rows) and waits for them.</summary>
    public void Dispose()
    {
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        try
        {
            Task.WaitAll(_workers);
        }
        catch (AggregateException)
        {
            // Failures already went through the exchange.
        }
        _stop.Dispose();
    }
}
