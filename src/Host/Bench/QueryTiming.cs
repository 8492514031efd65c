using System.Diagnostics;
using System.Globalization;
using ActorWarehouse.Engine;

namespace ActorWarehouse.Host.Bench;

/// <summary>Timings of one query: every timed run in milliseconds, or the error that stopped it.</summary>
public sealed record QueryTiming(string Name, IReadOnlyList<double> RunsMs, string? Error)
{
    public double MedianMs
    {
        get
        {
            var sorted = RunsMs.Order().ToList();
            int n = sorted.Count;
            return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    public double MinMs => RunsMs.Count == 0 ? double.NaN : RunsMs.Min();

    public double MaxMs => RunsMs.Count == 0 ? double.NaN : RunsMs.Max();

    /// <summary>The `query,median_ms,min_ms,max_ms` line of the peer scripts (`qNN,error,,` on failure).</summary>
    public string CsvLine() => Error is not null
        ? $"{Name},error,,"
        : string.Create(CultureInfo.InvariantCulture, $"{Name},{MedianMs:0.0},{MinMs:0.0},{MaxMs:0.0}");
}

/// <summary>
/// Times queries the way shared/bench's peer scripts do: one warm-up run, then <c>runs</c> timed runs in
/// the same session (execution plus materialising the result), median reported.
/// </summary>
public static class QueryTimer
{
    public static QueryTiming Time(Session session, TpchQuery query, int runs, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        try
        {
            progress?.Invoke($"{query.Name}: warm-up");
            session.Execute(query.Sql, cancellationToken);
            var times = new List<double>(runs);
            // Load-independent companions of the wall time (the machine is shared): CPU time, bytes allocated, collections.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            long allocatedBefore = GC.GetTotalAllocatedBytes();
            int gen0Before = GC.CollectionCount(0), gen2Before = GC.CollectionCount(2);
            var pausedBefore = GC.GetTotalPauseDuration();
            for (int run = 1; run <= runs; run++)
            {
                progress?.Invoke($"{query.Name}: run {run}/{runs}");
                var clock = Stopwatch.StartNew();
                session.Execute(query.Sql, cancellationToken);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
            double allocatedMb = (GC.GetTotalAllocatedBytes() - allocatedBefore) / (1024.0 * 1024.0) / runs;
            var timing = new QueryTiming(query.Name, times, null);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{query.Name}: median {timing.MedianMs:0.0} ms; per run: cpu {cpuMs:0} ms, allocated {allocatedMb:0} MiB, collections gen0 {(GC.CollectionCount(0) - gen0Before) / (double)runs:0.#} gen2 {(GC.CollectionCount(2) - gen2Before) / (double)runs:0.#}, " +
                $"GC pauses {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds / runs:0} ms, heap {GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0):0} MiB; runs {string.Join(" ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms"));
            return timing;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            progress?.Invoke($"{query.Name}: ERROR {e.Message}");
            return new QueryTiming(query.Name, [], e.Message);
        }
    }
}
