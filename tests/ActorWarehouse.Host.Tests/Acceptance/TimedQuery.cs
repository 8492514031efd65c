using ActorWarehouse.Engine;

namespace ActorWarehouse.Host.Tests.Acceptance;

/// <summary>
/// Runs one query on its own session of a shared warehouse, bounded in time: the query is cancelled at
/// the limit and the test fails shortly after even if the engine does not stop (the runaway query then
/// keeps its own session, so later tests are not disturbed by it).
/// </summary>
internal static class TimedQuery
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(3);

    public static QueryResult Run(Warehouse warehouse, string sql, TimeSpan? limit = null)
    {
        var budget = limit ?? DefaultLimit;
        var session = warehouse.OpenSession();
        var cancel = new CancellationTokenSource(budget);
        QueryResult? result = null;
        Exception? error = null;
        var worker = new Thread(() =>
        {
            try { result = session.Execute(sql, cancel.Token)[^1]; }
            catch (Exception e) { error = e; }
        }, 64 * 1024 * 1024) { IsBackground = true, Name = "timed query" };
        worker.Start();
        if (!worker.Join(budget + TimeSpan.FromSeconds(30)))
            throw new TimeoutException($"query still running after {budget.TotalSeconds:0} s (cancellation not honoured)");
        session.Dispose();
        cancel.Dispose();
        if (error is OperationCanceledException) throw new TimeoutException($"query cancelled after {budget.TotalSeconds:0} s", error);
        if (error is not null) throw new InvalidOperationException($"query failed: {error.Message}", error);
        return result!;
    }
}
