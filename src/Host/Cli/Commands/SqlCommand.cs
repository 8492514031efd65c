using ActorWarehouse.Engine;
using ActorWarehouse.Host.Cli.Output;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>
/// `aw sql --data DIR [-c SQL]... [-f FILE]... [--format table|csv]`: runs statements on the embedded
/// warehouse in DIR (created when missing), in command-line order; without -c/-f it reads a script from
/// stdin. Stops at the first failing statement with exit code 1.
/// </summary>
public sealed class SqlCommand(TextWriter? stdout = null, TextWriter? stderr = null, TextReader? stdin = null) : ICliCommand
{
    public string Name => "sql";

    public string Summary => "run SQL on an embedded warehouse: --data DIR [-c SQL]... [-f FILE]... [--format table|csv]";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        CliArguments options;
        try
        {
            options = new CliArguments(args, new HashSet<string> { "--data", "-c", "--command", "-f", "--file", "--format" }, new HashSet<string>());
            if (options.Value("--data") is null) throw new CliUsageException("--data DIR is required");
            if (options.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{options.Positional[0]}'");
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"aw sql: {e.Message}");
            error.WriteLine($"usage: aw {Summary.Split(": ", 2)[1]}");
            return Task.FromResult(2);
        }

        OutputFormat format;
        var scripts = new List<string>();
        try
        {
            format = ResultPrinter.ParseFormat(options.Value("--format"));
            foreach (var (name, value) in options.Ordered)
            {
                if (name is "-c" or "--command") scripts.Add(value!);
                else if (name is "-f" or "--file") scripts.Add(File.ReadAllText(value!));
            }
            if (scripts.Count == 0) scripts.Add((stdin ?? Console.In).ReadToEnd());
        }
        catch (Exception e) when (e is CliUsageException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"aw sql: {e.Message}");
            return Task.FromResult(2);
        }

        using var warehouse = Warehouse.Open(options.Value("--data")!);
        using var session = warehouse.OpenSession();
        var printer = new ResultPrinter(output, format);
        foreach (var script in scripts)
        {
            foreach (var statement in SqlScriptSplitter.Split(script))
            {
                try
                {
                    foreach (var result in session.Execute(statement, cancellationToken)) printer.Print(result);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    output.Flush();
                    ErrorText.Write(error, e);
                    return Task.FromResult(1);
                }
            }
        }
        output.Flush();
        return Task.FromResult(0);
    }
}
