namespace ActorWarehouse.Actors.Management;

/// <summary>
/// A command of a palette: its name (the second word typed), a description, its arguments, and whether it
/// streams output until the client cancels (e.g. <c>cluster tail</c>) instead of finishing within a timeout.
/// </summary>
public sealed record CommandDefinition
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<CommandArgument> Arguments { get; init; } = [];
    public bool IsStreaming { get; init; }

    public IReadOnlyDictionary<string, CommandArgument> ArgumentsByName =>
        Arguments.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The argument a switch belongs to, or null.</summary>
    public CommandArgument? FindBySwitch(string @switch)
    {
        foreach (var argument in Arguments)
            foreach (var s in argument.Switches)
                if (string.Equals(s, @switch, StringComparison.Ordinal)) return argument;
        return null;
    }

    /// <summary>One usage line, e.g. <c>cluster leave -a &lt;address&gt;</c>.</summary>
    public string UsageText(string paletteName)
    {
        var parts = new List<string> { paletteName, Name };
        parts.AddRange(Arguments.Select(a => a.UsageText()));
        return string.Join(' ', parts);
    }
}

/// <summary>Builds a <see cref="CommandDefinition"/> (Petabridge.Cmd's builder names).</summary>
public sealed class CommandDefinitionBuilder
{
    private string? _name;
    private string _description = "";
    private readonly List<CommandArgument> _arguments = [];
    private bool _streaming;

    public CommandDefinitionBuilder WithName(string name) { _name = name; return this; }
    public CommandDefinitionBuilder WithDescription(string description) { _description = description; return this; }
    public CommandDefinitionBuilder WithArgument(Func<CommandArgumentBuilder, CommandArgumentBuilder> configure)
    {
        _arguments.Add(configure(new CommandArgumentBuilder()).Build());
        return this;
    }

    /// <summary>The command streams output until the client cancels or disconnects (no completion timeout).</summary>
    public CommandDefinitionBuilder Streaming() { _streaming = true; return this; }

    public CommandDefinition Build()
    {
        if (string.IsNullOrWhiteSpace(_name) || _name.Any(char.IsWhiteSpace) || _name.StartsWith('-'))
            throw new InvalidOperationException($"invalid command name '{_name}'");
        var switches = _arguments.SelectMany(a => a.Switches).ToList();
        if (switches.Contains(CommandLineParser.JsonSwitch))
            throw new InvalidOperationException($"command '{_name}': {CommandLineParser.JsonSwitch} is reserved for every command");
        var duplicate = switches.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"command '{_name}': switch {duplicate.Key} is used twice");
        return new CommandDefinition { Name = _name, Description = _description, Arguments = [.. _arguments], IsStreaming = _streaming };
    }
}
