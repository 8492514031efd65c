namespace ActorWarehouse.Host.Cli;

/// <summary>A tiny option reader for `--name value` / `-x value` / flags, preserving order.</summary>
public sealed class CliArguments
{
    private readonly List<(string Name, string? Value)> _options = [];

    public CliArguments(string[] args, IReadOnlySet<string> optionsWithValue, IReadOnlySet<string> flags)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (optionsWithValue.Contains(arg))
            {
                if (i + 1 >= args.Length) throw new CliUsageException($"option {arg} needs a value");
                _options.Add((arg, args[++i]));
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=') && optionsWithValue.Contains(arg[..arg.IndexOf('=')]))
                _options.Add((arg[..arg.IndexOf('=')], arg[(arg.IndexOf('=') + 1)..]));
            else if (flags.Contains(arg))
                _options.Add((arg, null));
            else if (arg.StartsWith('-') && arg.Length > 1)
                throw new CliUsageException($"unknown option {arg}");
            else
                Positional.Add(arg);
        }
    }

    public List<string> Positional { get; } = [];

    /// <summary>Options in command-line order (for -c/-f sequences).</summary>
    public IReadOnlyList<(string Name, string? Value)> Ordered => _options;

    public string? Value(params string[] names)
    {
        string? found = null;
        foreach (var (name, value) in _options)
            if (names.Contains(name)) found = value;
        return found;
    }

    public bool Has(params string[] names) => _options.Any(o => names.Contains(o.Name));

    public double? Number(string name)
    {
        var text = Value(name);
        if (text is null) return null;
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value))
            throw new CliUsageException($"option {name} needs a number, got '{text}'");
        return value;
    }
}

/// <summary>A command-line mistake: printed with the command's usage, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
