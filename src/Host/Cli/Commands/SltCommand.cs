using System.Globalization;
using ActorWarehouse.Host.SqlLogic;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>
/// `aw slt [options] FILE|DIR...`: runs sqllogictest files (SQLite format and DuckDB's extension), each on
/// a fresh in-memory warehouse, and ends with `slt: N passed, N failed, N skipped`.
/// </summary>
public sealed class SltCommand(TextWriter? stdout = null, TextWriter? stderr = null) : ICliCommand
{
    private const string Usage =
        "aw slt [--engine-name postgresql] [--dialect auto|sqlite|duckdb] [--skip-list FILE | --no-skip-list]\n" +
        "       [--show-failures | -v] [--max-failures N] [--timeout SECONDS] [--quiet] FILE|DIR...";

    public string Name => "slt";

    public string Summary => "run sqllogictest files (each on a fresh in-memory warehouse)";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        CliArguments options;
        SltRunOptions runOptions;
        IReadOnlyList<string> files;
        try
        {
            options = new CliArguments(args,
                new HashSet<string> { "--engine-name", "--dialect", "--skip-list", "--max-failures", "--timeout" },
                new HashSet<string> { "--show-failures", "-v", "--verbose", "--quiet", "-q", "--no-skip-list" });
            if (options.Positional.Count == 0) throw new CliUsageException("no test files given");
            files = SltFiles.Expand(options.Positional);
            runOptions = new SltRunOptions
            {
                EngineName = options.Value("--engine-name") ?? "postgresql",
                Dialect = options.Value("--dialect")?.ToLowerInvariant() switch
                {
                    null or "auto" => null,
                    "sqlite" => SltDialect.Sqlite,
                    "duckdb" => SltDialect.DuckDb,
                    var other => throw new CliUsageException($"unknown dialect '{other}'"),
                },
                SkipList = LoadSkipList(options),
                StatementTimeout = TimeSpan.FromSeconds(options.Number("--timeout") ?? 120),
            };
        }
        catch (Exception e) when (e is CliUsageException or IOException or FormatException)
        {
            error.WriteLine($"aw slt: {e.Message}");
            error.WriteLine($"usage: {Usage}");
            return Task.FromResult(2);
        }

        bool details = options.Has("--show-failures", "-v", "--verbose");
        bool quiet = options.Has("--quiet", "-q");
        int maxFailures = (int)(options.Number("--max-failures") ?? 50);
        int shown = 0;
        var total = new SltFileReport("total");
        var runner = new SltRunner(runOptions);
        foreach (var file in files)
        {
            var report = runner.RunFile(file, () => new WarehouseSltDatabase(), cancellationToken);
            total.Add(report);
            if (!quiet)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{file}: {report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped ({report.Elapsed.TotalSeconds:0.0} s)"));
                foreach (var failure in report.Failures)
                {
                    if (shown++ >= maxFailures) break;
                    output.WriteLine(details ? "  FAIL " + failure.ToString().Replace("\n", "\n  ") : $"  FAIL {failure.File}:{failure.Line}: {failure.Message.Split('\n')[0]}");
                }
            }
        }
        if (!quiet && total.Failures.Count > maxFailures) output.WriteLine($"({total.Failures.Count - maxFailures} more failures not shown; --max-failures N)");
        output.WriteLine($"slt: {total.Passed} passed, {total.Failed} failed, {total.Skipped} skipped");
        output.Flush();
        return Task.FromResult(total.Failed == 0 ? 0 : 1);
    }

    private static SltSkipList LoadSkipList(CliArguments options)
    {
        if (options.Has("--no-skip-list")) return SltSkipList.Empty;
        var path = options.Value("--skip-list") ?? RepositoryPaths.FindDuckDbSkipList();
        return path is null ? SltSkipList.Empty : SltSkipList.Load(path);
    }
}
