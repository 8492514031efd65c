using System.Diagnostics;
using ActorWarehouse.Engine;
using ActorWarehouse.Host.Bench;
using ActorWarehouse.Host.Cli.Output;
using ActorWarehouse.Host.Tpch;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>
/// `aw bench tpch --sf N [--tbl DIR] [--data DIR] [--queries DIR] [--runs N] [--format table|csv]`:
/// generates TPC-H data (or takes the .tbl/.tbl.gz files in --tbl), loads it with Redshift DDL and COPY,
/// and times the 22 queries like shared/bench's peer scripts (one warm-up, then N runs, median).
/// With --data DIR --reuse, a warehouse that already holds the eight tables is queried without reloading;
/// --only names the queries to time (for profiling one query at a time).
/// Progress goes to stderr; results to stdout.
/// </summary>
public sealed class BenchTpchCommand(TextWriter? stdout = null, TextWriter? stderr = null) : ICliCommand
{
    private const string Usage = "aw bench tpch --sf N [--tbl DIR] [--data DIR [--reuse]] [--queries DIR] [--only q01,q07,...] [--runs N] [--format table|csv]";

    public string Name => "bench tpch";

    public string Summary => "load TPC-H and time the 22 queries (warm-up + 3 runs, median)";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        double scaleFactor;
        int runs;
        OutputFormat format;
        string queriesFolder;
        CliArguments options;
        try
        {
            options = new CliArguments(args, new HashSet<string> { "--sf", "--tbl", "--data", "--queries", "--only", "--runs", "--format" }, new HashSet<string> { "--reuse" });
            if (options.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{options.Positional[0]}'");
            scaleFactor = options.Number("--sf") ?? (options.Value("--tbl") is null && !options.Has("--reuse") ? throw new CliUsageException("--sf N is required (or --tbl DIR)") : 0);
            if (options.Value("--tbl") is null && !options.Has("--reuse") && scaleFactor <= 0) throw new CliUsageException("--sf must be positive");
            runs = (int)(options.Number("--runs") ?? 3);
            if (runs < 1) throw new CliUsageException("--runs must be at least 1");
            if (options.Has("--reuse") && options.Value("--data") is null) throw new CliUsageException("--reuse needs --data DIR");
            format = ResultPrinter.ParseFormat(options.Value("--format"));
            queriesFolder = options.Value("--queries")
                ?? (RepositoryPaths.FindShared() is { } shared ? Path.Combine(shared, "tpch", "queries") : null)
                ?? throw new CliUsageException("cannot find ../shared/tpch/queries from the repository root; pass --queries DIR");
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"aw bench tpch: {e.Message}");
            error.WriteLine($"usage: {Usage}");
            return Task.FromResult(2);
        }

        void Progress(string message) => error.WriteLine($"[bench] {message}");
        string? generated = null;
        try
        {
            var queries = TpchQueries.Select(TpchQueries.Load(queriesFolder), options.Value("--only"));
            using var warehouse = options.Value("--data") is { } dataFolder ? Warehouse.Open(dataFolder) : Warehouse.OpenInMemory();
            using var session = warehouse.OpenSession();

            var loadClock = Stopwatch.StartNew();
            IReadOnlyList<TableLoad> loads = [];
            if (options.Has("--reuse") && TpchLoader.IsLoaded(session, cancellationToken))
                Progress("reusing the tables already loaded in --data");
            else
            {
                if (options.Value("--tbl") is null && scaleFactor <= 0) throw new CliUsageException("--data holds no TPC-H tables yet: pass --sf N or --tbl DIR to load them");
                string tblFolder = options.Value("--tbl") ?? (generated = GenerateData(scaleFactor, Progress, cancellationToken));
                loads = TpchLoader.Load(session, tblFolder, Progress, cancellationToken);
            }
            double loadMs = loadClock.Elapsed.TotalMilliseconds;

            var timings = new List<QueryTiming>();
            foreach (var query in queries)
                timings.Add(QueryTimer.Time(session, query, runs, Progress, cancellationToken));

            if (format == OutputFormat.Csv) BenchReport.WriteCsv(output, timings, loadMs);
            else BenchReport.WriteTable(output, timings, loadMs, loads);
            output.Flush();
            return Task.FromResult(timings.All(t => t.Error is null) ? 0 : 1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ErrorText.Write(error, e);
            return Task.FromResult(1);
        }
        finally
        {
            if (generated is not null) TryDelete(generated);
        }
    }

    private static string GenerateData(double scaleFactor, Action<string> progress, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"aw-bench-tpch-{Guid.NewGuid():N}");
        progress($"generating TPC-H SF {scaleFactor} into {folder}");
        var clock = Stopwatch.StartNew();
        cancellationToken.ThrowIfCancellationRequested();
        TpchGenerator.Generate(scaleFactor, folder, new InlineProgress(progress));
        progress($"generated in {clock.Elapsed.TotalSeconds:0.0} s");
        return folder;
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
