using System.Globalization;

namespace ActorWarehouse.Actors.Management;

/// <summary>
/// A validated command as its palette's handler actor receives it: the definition, the arguments given (by
/// argument name, defaults filled in) and whether the client asked for JSON output.
/// </summary>
public sealed class Command(CommandPalette palette, CommandDefinition definition, IReadOnlyList<(string Name, string? Value)> arguments, bool json)
{
    public CommandPalette Palette { get; } = palette;
    public CommandDefinition Definition { get; } = definition;
    public string Name => Definition.Name;
    /// <summary>(argument name, value) in the order given; flags have a null value; defaults are appended.</summary>
    public IReadOnlyList<(string Name, string? Value)> Arguments { get; } = arguments;
    /// <summary>The client passed <c>--json</c>: answer with machine-readable lines.</summary>
    public bool Json { get; } = json;

    public bool Has(string argumentName) => Arguments.Any(a => a.Name == argumentName);

    /// <summary>The last value given for the argument (or its default), or null.</summary>
    public string? Value(string argumentName)
    {
        string? found = null;
        foreach (var (name, value) in Arguments)
            if (name == argumentName) found = value;
        return found;
    }

    /// <summary>The integer value (already range-checked by the parser when declared as integer), or <paramref name="fallback"/>.</summary>
    public long Integer(string argumentName, long fallback) =>
        Value(argumentName) is { } text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) ? n : fallback;

    public override string ToString() => $"{Palette.ModuleName} {Name}";
}
