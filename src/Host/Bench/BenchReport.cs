using System.Globalization;

namespace ActorWarehouse.Host.Bench;

/// <summary>Prints benchmark results as the peer scripts' CSV or as an aligned table.</summary>
public static class BenchReport
{
    public const string CsvHeader = "query,median_ms,min_ms,max_ms";

    public static void WriteCsv(TextWriter output, IReadOnlyList<QueryTiming> timings, double loadMs)
    {
        output.WriteLine(CsvHeader);
        foreach (var timing in timings) output.WriteLine(timing.CsvLine());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load,{loadMs:0.0},,"));
    }

    public static void WriteTable(TextWriter output, IReadOnlyList<QueryTiming> timings, double loadMs, IReadOnlyList<TableLoad> loads)
    {
        output.WriteLine(" query | median_ms |   min_ms |   max_ms");
        output.WriteLine("-------+-----------+----------+----------");
        foreach (var t in timings)
        {
            output.WriteLine(t.Error is not null
                ? $" {t.Name,-5} | error: {t.Error.Split('\n')[0]}"
                : string.Create(CultureInfo.InvariantCulture, $" {t.Name,-5} | {t.MedianMs,9:0.0} | {t.MinMs,8:0.0} | {t.MaxMs,8:0.0}"));
        }
        var ok = timings.Where(t => t.Error is null).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"({ok.Count} of {timings.Count} queries ran; sum of medians {ok.Sum(t => t.MedianMs):0.0} ms)"));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {loadMs:0.0} ms, {loads.Sum(l => l.Rows):N0} rows"));
        foreach (var load in loads)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {load.Table,-9} {load.Rows,12:N0} rows {load.Elapsed.TotalMilliseconds,10:0.0} ms"));
    }
}
