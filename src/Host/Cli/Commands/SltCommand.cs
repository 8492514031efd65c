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
        "       [--show-failures | -v] [--max-failures N] [--timeout SECONDS] [--quiet]\n" +
        "       [--host H --port P [--user U] [--password PW] [--database D] [--no-type-loading]] FILE|DIR...";

    public string Name => "slt";

    public string Summary => "run sqllogictest files (each on a fresh in-memory warehouse, or through the wire with --host)";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        CliArguments options;
        SltRunOptions runOptions;
        IReadOnlyList<string> files;
        WireSltTarget? wire;
        try
        {
            options = new CliArguments(args,
                new HashSet<string> { "--engine-name", "--dialect", "--skip-list", "--max-failures", "--timeout", "--host", "--port", "--user", "--password", "--database" },
                new HashSet<string> { "--show-failures", "-v", "--verbose", "--quiet", "-q", "--no-skip-list", "--no-type-loading" });
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
            wire = WireTarget(options);
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
        Func<ISltDatabase> openDatabase = wire is null ? () => new WarehouseSltDatabase() : () => new WireSltDatabase(wire);
        foreach (var file in files)
        {
            var report = RunFile(runner, file, openDatabase, cancellationToken);
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

    /// <summary>Runs one file; a server that cannot be reached fails that file instead of stopping the run.</summary>
    private static SltFileReport RunFile(SltRunner runner, string file, Func<ISltDatabase> openDatabase, CancellationToken cancellationToken)
    {
        try
        {
            return runner.RunFile(file, openDatabase, cancellationToken);
        }
        catch (Npgsql.NpgsqlException e)
        {
            var report = new SltFileReport(file) { Failed = 1 };
            report.Failures.Add(new SltFailure(file, 0, "", $"cannot connect to the server: {e.Message}"));
            return report;
        }
    }

    /// <summary>The server of `--host/--port` (user admin, database dev, password from --password or AW_PASSWORD), or null.</summary>
    private static WireSltTarget? WireTarget(CliArguments options)
    {
        var host = options.Value("--host");
        if (host is null)
        {
            foreach (var name in new[] { "--port", "--user", "--password", "--database" })
                if (options.Value(name) is not null) throw new CliUsageException($"{name} needs --host");
            if (options.Has("--no-type-loading")) throw new CliUsageException("--no-type-loading needs --host");
            return null;
        }
        var password = options.Value("--password") ?? Environment.GetEnvironmentVariable("AW_PASSWORD")
            ?? throw new CliUsageException("--host needs a password: --password PW or AW_PASSWORD");
        return new WireSltTarget(host, (int)(options.Number("--port") ?? 5439), options.Value("--user") ?? "admin", password,
            options.Value("--database") ?? "dev", options.Has("--no-type-loading"));
    }

    private static SltSkipList LoadSkipList(CliArguments options)
    {
        if (options.Has("--no-skip-list")) return SltSkipList.Empty;
        var path = options.Value("--skip-list") ?? RepositoryPaths.FindDuckDbSkipList();
        return path is null ? SltSkipList.Empty : SltSkipList.Load(path);
    }
}
