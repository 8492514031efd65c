namespace ActorWarehouse.Actors.Management;

/// <summary>A named group of commands; the first word typed selects the palette, the second the command.</summary>
public sealed class CommandPalette
{
    public CommandPalette(string moduleName, string description, IEnumerable<CommandDefinition> commands)
    {
        if (string.IsNullOrWhiteSpace(moduleName) || moduleName.Any(char.IsWhiteSpace))
            throw new ArgumentException($"invalid palette name '{moduleName}'", nameof(moduleName));
        ModuleName = moduleName;
        Description = description;
        Commands = commands.ToArray();
        var duplicate = Commands.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"palette '{moduleName}' defines command '{duplicate.Key}' twice");
    }

    public string ModuleName { get; }
    public string Description { get; }
    public IReadOnlyList<CommandDefinition> Commands { get; }

    public CommandDefinition? Find(string name) => Commands.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
