using System.Diagnostics;
using System.Globalization;
using ActorWarehouse.Host.Tpch;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>`aw gen tpch --sf N --out DIR`: writes the eight TPC-H tables as '|'-separated .tbl files.</summary>
public sealed class GenTpchCommand(TextWriter? stdout = null, TextWriter? stderr = null) : ICliCommand
{
    private const string Usage = "aw gen tpch --sf N --out DIR";

    public string Name => "gen tpch";

    public string Summary => "generate TPC-H .tbl files: --sf N --out DIR";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        double scaleFactor;
        string folder;
        try
        {
            var options = new CliArguments(args, new HashSet<string> { "--sf", "--out" }, new HashSet<string>());
            if (options.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{options.Positional[0]}'");
            scaleFactor = options.Number("--sf") ?? throw new CliUsageException("--sf N is required");
            if (!(scaleFactor > 0) || scaleFactor > 100_000) throw new CliUsageException("--sf must be positive (at most 100000)");
            folder = options.Value("--out") ?? throw new CliUsageException("--out DIR is required");
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"aw gen tpch: {e.Message}");
            error.WriteLine($"usage: {Usage}");
            return Task.FromResult(2);
        }

        try
        {
            var clock = Stopwatch.StartNew();
            // Synchronous progress: lines appear in order as each table finishes.
            TpchGenerator.Generate(scaleFactor, folder, new InlineProgress(message => error.WriteLine($"[gen] {message}")));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"TPC-H SF {scaleFactor} written to {Path.GetFullPath(folder)} in {clock.Elapsed.TotalSeconds:0.0} s"));
            return Task.FromResult(0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"aw gen tpch: {e.Message}");
            return Task.FromResult(1);
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
public sealed class InlineProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
