using System.Diagnostics;
using System.Globalization;
using ActorWarehouse.Engine;
using ActorWarehouse.Host.Bench;
using ActorWarehouse.Host.Cli.Output;
using ActorWarehouse.Host.Tpch;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>
/// `aw demo`: the embedded warehouse end to end. Generates TPC-H SF 0.01 into a temporary folder,
/// creates a warehouse in another, loads it with the Redshift DDL and COPY, runs Q1, Q3 and Q6 with
/// their EXPLAIN, and prints a summary. Both folders are deleted at the end.
/// </summary>
public sealed class DemoCommand(TextWriter? stdout = null, TextWriter? stderr = null) : ICliCommand
{
    private const double ScaleFactor = 0.01;

    public string Name => "demo";

    public string Summary => "generate TPC-H SF 0.01, load an embedded warehouse, run Q1/Q3/Q6 and EXPLAIN";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        if (args.Length > 0)
        {
            error.WriteLine("usage: aw demo");
            return Task.FromResult(2);
        }

        var root = Path.Combine(Path.GetTempPath(), $"aw-demo-{Guid.NewGuid():N}");
        var tblFolder = Path.Combine(root, "tbl");
        var dataFolder = Path.Combine(root, "warehouse");
        try
        {
            output.WriteLine($"ActorWarehouse demo: TPC-H SF {ScaleFactor.ToString(CultureInfo.InvariantCulture)} in an embedded warehouse ({dataFolder})");
            var clock = Stopwatch.StartNew();
            TpchGenerator.Generate(ScaleFactor, tblFolder, new InlineProgress(m => output.WriteLine($"  generated {m}")));
            double generateMs = clock.Elapsed.TotalMilliseconds;

            using var warehouse = Warehouse.Open(dataFolder);
            using var session = warehouse.OpenSession();
            clock.Restart();
            var loads = TpchLoader.Load(session, tblFolder, m => output.WriteLine($"  {m}"), cancellationToken);
            double loadMs = clock.Elapsed.TotalMilliseconds;

            var printer = new ResultPrinter(output, OutputFormat.Table);
            var timings = new List<(string Name, double Ms, int Rows)>();
            foreach (var query in DemoQueries.All)
            {
                cancellationToken.ThrowIfCancellationRequested();
                output.WriteLine();
                output.WriteLine($"== {query.Name}");
                clock.Restart();
                var result = session.Execute(query.Sql, cancellationToken)[^1];
                timings.Add((query.Name, clock.Elapsed.TotalMilliseconds, ResultRows.RowCount(result)));
                printer.Print(result);
                output.WriteLine();
                output.WriteLine($"== EXPLAIN {query.Name}");
                foreach (var plan in session.Execute("explain " + query.Sql, cancellationToken)) printer.Print(plan);
            }

            output.WriteLine();
            output.WriteLine("== summary");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated in {generateMs:0} ms; loaded {loads.Sum(l => l.Rows):N0} rows in {loadMs:0} ms"));
            foreach (var load in loads) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {load.Table,-9} {load.Rows,8:N0} rows"));
            foreach (var (name, ms, rows) in timings) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {rows} {(rows == 1 ? "row" : "rows")} in {ms:0.0} ms"));
            output.Flush();
            return Task.FromResult(0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.Flush();
            ErrorText.Write(error, e);
            return Task.FromResult(1);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
