using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Execution.Memory;

/// <summary>
/// Bytes a statement may hold in operator state (hash tables, sort buffers, materialized build sides).
/// Operators reserve before they grow; when the budget is exhausted the statement fails with 53200
/// instead of letting the process run out of memory. Thread-safe: parallel workers share one budget.
/// </summary>
public sealed class MemoryBudget
{
    private long _reserved;
    private long _peak;

    public MemoryBudget(long limitBytes)
    {
        LimitBytes = limitBytes;
    }

    /// <summary>The default share of the memory the GC may use: half, so two statements can run side by side.</summary>
    public static double DefaultFraction { get; set; } = 0.5;

    public static MemoryBudget CreateDefault()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (available <= 0) available = 4L << 30;
        return new MemoryBudget((long)(available * DefaultFraction));
    }

    public long LimitBytes { get; }

    public long ReservedBytes => Interlocked.Read(ref _reserved);

    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>Takes <paramref name="bytes"/> from the budget or throws 53200 naming <paramref name="purpose"/>.</summary>
    public void Reserve(long bytes, string purpose)
    {
        if (bytes <= 0) return;
        long now = Interlocked.Add(ref _reserved, bytes);
        if (now > LimitBytes)
        {
            Interlocked.Add(ref _reserved, -bytes);
            ThrowOutOfMemory(bytes, purpose);
        }
        long peak;
        while (now > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }

    public void Release(long bytes)
    {
        if (bytes > 0) Interlocked.Add(ref _reserved, -bytes);
    }

    private void ThrowOutOfMemory(long bytes, string purpose) =>
        throw new SqlException(SqlState.OutOfMemory, "out of memory",
            detail: $"Failed on request of size {bytes} bytes for {purpose}: the statement's memory budget of {LimitBytes / (1024 * 1024)} MB is exhausted ({ReservedBytes / (1024 * 1024)} MB in use).",
            hint: "Reduce the amount of data the query sorts, joins or groups, or raise the memory budget.");
}
