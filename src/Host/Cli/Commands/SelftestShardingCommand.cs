using System.Globalization;
using ActorWarehouse.Host.Selftest;

namespace ActorWarehouse.Host.Cli.Commands;

/// <summary>
/// <c>aw selftest sharding --nodes N --entities E --kill K --add A --journal sqlite|postgres [--data DIR] [--pg CS]</c>:
/// the operator self-test of cluster sharding (see <see cref="ShardingSelftest"/>). Its last line is
/// <c>sharding selftest: entities R/E recovered, lost L, duplicated D, shards moved M</c>; exit code 0 only when
/// R = E and L = 0. <c>aw selftest sharding-node ...</c> is the hidden node mode it starts its nodes with.
/// </summary>
public sealed class SelftestShardingCommand(TextWriter? output = null, TextWriter? error = null) : ICliCommand
{
    public const string Usage =
        "usage: aw selftest sharding [--nodes N] [--entities E] [--kill K] [--add A] [--journal sqlite|postgres] [--data DIR] [--pg \"connection string\"]\n" +
        "  defaults: 3 nodes, 1000 entities, kill 1, add 1, sqlite; --journal postgres without --pg starts a throwaway PostgreSQL 15";

    private readonly TextWriter _out = output ?? Console.Out;
    private readonly TextWriter _err = error ?? Console.Error;

    public string Name => "selftest";

    public string Summary => "operator self-tests: sharding (nodes, kill -9, recovery from the journal)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is not ("sharding" or "sharding-node"))
        {
            await _err.WriteLineAsync(Usage);
            return 2;
        }
        Dictionary<string, string> options;
        try { options = Parse(args.AsSpan(1)); }
        catch (ArgumentException e)
        {
            await _err.WriteLineAsync($"aw selftest: {e.Message}");
            await _err.WriteLineAsync(Usage);
            return 2;
        }
        if (args[0] == "sharding-node") return await ShardingSelftestNode.RunAsync(options, cancellationToken);

        ShardingSelftestOptions parsed;
        try
        {
            int Number(string name, int @default, int min)
            {
                if (!options.TryGetValue(name, out var text)) return @default;
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < min)
                    throw new ArgumentException($"{name} needs a whole number ≥ {min}, got '{text}'");
                return n;
            }
            parsed = new ShardingSelftestOptions(Number("--nodes", 3, 1), Number("--entities", 1000, 1), Number("--kill", 1, 0),
                Number("--add", 1, 0), options.GetValueOrDefault("--journal") ?? "sqlite", options.GetValueOrDefault("--data"),
                options.GetValueOrDefault("--pg"));
            if (parsed.Journal is not ("sqlite" or "postgres")) throw new ArgumentException($"--journal must be sqlite or postgres, got '{parsed.Journal}'");
            if (parsed.Kill >= parsed.Nodes) throw new ArgumentException("--kill must leave at least one node alive");
            foreach (var key in options.Keys)
                if (key is not ("--nodes" or "--entities" or "--kill" or "--add" or "--journal" or "--data" or "--pg"))
                    throw new ArgumentException($"unknown option '{key}'");
        }
        catch (ArgumentException e)
        {
            await _err.WriteLineAsync($"aw selftest sharding: {e.Message}");
            await _err.WriteLineAsync(Usage);
            return 2;
        }
        try
        {
            var result = await new ShardingSelftest(parsed, _out).RunAsync(cancellationToken);
            await _out.WriteLineAsync(result.Summary);
            return result.Passed ? 0 : 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await _err.WriteLineAsync($"aw selftest sharding: {e.Message}");
            await _out.WriteLineAsync($"sharding selftest: entities 0/{parsed.Entities} recovered, lost 0, duplicated 0, shards moved 0");
            return 1;
        }
    }

    private static Dictionary<string, string> Parse(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value");
            options[args[i]] = args[++i];
        }
        return options;
    }
}
