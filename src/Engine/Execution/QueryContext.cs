using System.Collections.Concurrent;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Execution.Memory;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Distribution;

namespace ActorWarehouse.Engine.Execution;

/// <summary>
/// Everything one execution of a plan shares: cancellation, the memory budget, statement parameters,
/// the worker count, and per-execution state of shared plan nodes (a hash join's build side is built
/// once and probed by every partition). Plan nodes are immutable; all mutable state lives here or in operators.
/// </summary>
public sealed class QueryContext
{
    private readonly ConcurrentDictionary<object, Lazy<object>> _shared = new(ReferenceEqualityComparer.Instance);

    public QueryContext(CancellationToken cancellation = default, MemoryBudget? memory = null, int? maxDegreeOfParallelism = null)
    {
        Cancellation = cancellation;
        Memory = memory ?? MemoryBudget.CreateDefault();
        MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism ?? Environment.ProcessorCount);
    }

    public CancellationToken Cancellation { get; }

    public MemoryBudget Memory { get; }

    public int MaxDegreeOfParallelism { get; }

    /// <summary>Statement time, time zone and random source handed to function kernels.</summary>
    public FunctionContext Functions { get; init; } = FunctionContext.ForNow();

    /// <summary>Values of <c>$1..$n</c> in physical representation (index 0 is $1).</summary>
    public IReadOnlyList<object?> Parameters { get; init; } = [];

    /// <summary>Moves batches between plan fragments (threads of this process unless a cluster host supplies its own).</summary>
    public IExchangeFactory Exchanges { get; init; } = InProcessExchangeFactory.Instance;

    /// <summary>Largest number of rows a nested-loop join may produce before it fails with 54000.</summary>
    public long MaxNestedLoopPairs { get; init; } = 2_000_000_000;

    /// <summary>Throws 57014 when the statement was cancelled; call once per batch.</summary>
    public void ThrowIfCancelled()
    {
        if (Cancellation.IsCancellationRequested) ThrowCancelled();
    }

    public static void ThrowCancelled() =>
        throw new SqlException(SqlState.QueryCanceled, "canceling statement due to user request");

    /// <summary>The state of <paramref name="owner"/> for this execution, created once by <paramref name="create"/> even under races.</summary>
    public T GetShared<T>(object owner, Func<T> create) where T : class =>
        (T)_shared.GetOrAdd(owner, _ => new Lazy<object>(() => create(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
