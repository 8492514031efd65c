using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Execution.Pipelines;

/// <summary>
/// Runs one action per partition on up to <see cref="QueryContext.MaxDegreeOfParallelism"/> threads.
/// The first failure cancels the remaining partitions and is rethrown as is (a SqlException keeps its
/// SQLSTATE); cancellation of the statement surfaces as 57014.
/// </summary>
public static class ParallelRunner
{
    /// <summary>
    /// Workers block on the thread pool: a partition that needs a hash table another partition is building waits for
    /// it (<see cref="QueryContext.GetShared{T}"/>), one level per join. With the pool's default minimum (one thread per
    /// core) the pool then adds threads only every half second or so: a query stalled for 0.5-1 s now and then (TPC-H
    /// SF 1 Q03 and Q09, 3x their usual time, at almost one core). Threads up to this minimum start without delay.
    /// </summary>
    private static readonly int MinimumWorkerThreads = Math.Max(16, Environment.ProcessorCount * 4);

    static ParallelRunner()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        if (workers < MinimumWorkerThreads) ThreadPool.SetMinThreads(MinimumWorkerThreads, completionPorts);
    }

    public static void ForEachPartition(int partitions, QueryContext context, Action<int> body)
    {
        if (partitions == 1 || context.MaxDegreeOfParallelism == 1)
        {
            for (int p = 0; p < partitions; p++)
            {
                context.ThrowIfCancelled();
                body(p);
            }
            return;
        }
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        Exception? first = null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = context.MaxDegreeOfParallelism, CancellationToken = failed.Token };
        try
        {
            Parallel.For(0, partitions, options, p =>
            {
                try
                {
                    body(p);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref first, e, null);
                    failed.Cancel();
                }
            });
        }
        catch (OperationCanceledException)
        {
            // Either the statement was cancelled or a partition failed; both are reported below.
        }
        if (first is not null && first is not OperationCanceledException) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        if (context.Cancellation.IsCancellationRequested || first is not null) QueryContext.ThrowCancelled();
    }

    /// <summary>
    /// Runs every partition on up to MaxDegreeOfParallelism workers, each worker folding the partitions it takes
    /// into its own state (so there is one partial state per worker, not per partition). Returns the states.
    /// </summary>
    public static List<TState> RunWorkers<TState>(int partitions, QueryContext context, Func<TState> createState, Action<int, TState> body)
    {
        int workers = Math.Max(1, Math.Min(partitions, context.MaxDegreeOfParallelism));
        var states = new List<TState>(workers);
        if (workers == 1)
        {
            var state = createState();
            for (int p = 0; p < partitions; p++)
            {
                context.ThrowIfCancelled();
                body(p, state);
            }
            states.Add(state);
            return states;
        }
        int next = -1;
        var results = new TState[workers];
        ForEachPartition(workers, context, w =>
        {
            var state = createState();
            int p;
            while ((p = Interlocked.Increment(ref next)) < partitions)
            {
                context.ThrowIfCancelled();
                body(p, state);
            }
            results[w] = state;
        });
        states.AddRange(results);
        return states;
    }
}
