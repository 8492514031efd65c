namespace ActorWarehouse.Host.Cli;

/// <summary>Finds the command named by the leading arguments and runs it.</summary>
public static class CommandTable
{
    /// <summary>Every command of `aw`; add one line per command.</summary>
    public static readonly IReadOnlyList<ICliCommand> Commands =
    [
        new Commands.SqlCommand(),
        new Commands.BenchPersistenceCommand(),
        new Commands.GenTpchCommand(),
        new Commands.SltCommand(),
        new Commands.BenchTpchCommand(),
        new Commands.DemoCommand(),
        new Commands.BenchActorsCommand(),
        new Commands.NodeCommand(),
        new Commands.PbmCommand(),
        new Commands.UpCommand(),
        new Commands.BenchWireCommand(),
        new Commands.SelftestShardingCommand(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(Console.Out);
            return args.Length == 0 ? 1 : 0;
        }

        // Longest match first, so "bench tpch" wins over a hypothetical "bench".
        var command = Commands
            .OrderByDescending(c => c.Name.Split(' ').Length)
            .FirstOrDefault(c => Matches(c.Name, args));
        if (command is null)
        {
            Console.Error.WriteLine($"aw: unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2))}'");
            PrintUsage(Console.Error);
            return 1;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var rest = args.Skip(command.Name.Split(' ').Length).ToArray();
        return await command.RunAsync(rest, cancel.Token);
    }

    private static bool Matches(string name, string[] args)
    {
        var words = name.Split(' ');
        if (args.Length < words.Length) return false;
        for (int i = 0; i < words.Length; i++)
            if (!string.Equals(words[i], args[i], StringComparison.Ordinal)) return false;
        return true;
    }

    private static void PrintUsage(TextWriter output)
    {
        output.WriteLine("usage: aw <command> [options]");
        output.WriteLine();
        foreach (var command in Commands.OrderBy(c => c.Name, StringComparer.Ordinal))
            output.WriteLine($"  {command.Name,-16} {command.Summary}");
    }
}
