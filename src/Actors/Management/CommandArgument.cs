namespace ActorWarehouse.Actors.Management;

/// <summary>
/// One argument of a command: its switches (<c>-a</c>, <c>--address</c>), whether it is mandatory, whether it is a
/// flag (no value), its default value and whether the value must be an integer.
/// </summary>
public sealed record CommandArgument
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required IReadOnlyList<string> Switches { get; init; }
    public bool IsMandatory { get; init; }
    /// <summary>A flag takes no value; present means "on".</summary>
    public bool IsFlag { get; init; }
    /// <summary>Used when the argument is absent (first value); the rest are documentation of typical values.</summary>
    public IReadOnlyList<string> DefaultValues { get; init; } = [];
    /// <summary>When set, the value must parse as an integer in this range (checked before the handler runs).</summary>
    public (long Min, long Max)? IntegerRange { get; init; }

    /// <summary>How the argument appears in usage text, e.g. <c>-a &lt;address&gt;</c> or <c>[-d &lt;depth&gt;]</c>.</summary>
    public string UsageText()
    {
        var text = IsFlag ? Switches[0] : $"{Switches[0]} <{Name}>";
        return IsMandatory ? text : "[" + text + "]";
    }
}

/// <summary>Builds a <see cref="CommandArgument"/> (Petabridge.Cmd's builder names).</summary>
public sealed class CommandArgumentBuilder
{
    private string? _name;
    private string _description = "";
    private readonly List<string> _switches = [];
    private bool _mandatory;
    private bool _flag;
    private readonly List<string> _defaults = [];
    private (long, long)? _integerRange;

    public CommandArgumentBuilder WithName(string name) { _name = name; return this; }
    public CommandArgumentBuilder WithDescription(string description) { _description = description; return this; }

    /// <summary>Adds a switch such as <c>-a</c> or <c>--address</c>; the first one is shown in usage.</summary>
    public CommandArgumentBuilder WithSwitch(string @switch)
    {
        if (!@switch.StartsWith('-') || @switch.Length < 2 || @switch.Any(char.IsWhiteSpace))
            throw new ArgumentException($"a switch starts with '-' and has no spaces: '{@switch}'", nameof(@switch));
        _switches.Add(@switch);
        return this;
    }

    public CommandArgumentBuilder IsMandatory(bool mandatory) { _mandatory = mandatory; return this; }
    public CommandArgumentBuilder IsFlagArgument(bool flag) { _flag = flag; return this; }
    public CommandArgumentBuilder WithDefaultValues(params string[] values) { _defaults.AddRange(values); return this; }
    public CommandArgumentBuilder IsInteger(long min = long.MinValue, long max = long.MaxValue) { _integerRange = (min, max); return this; }

    public CommandArgument Build()
    {
        if (string.IsNullOrWhiteSpace(_name)) throw new InvalidOperationException("an argument needs a name");
        if (_switches.Count == 0) throw new InvalidOperationException($"argument '{_name}' needs at least one switch");
        if (_flag && (_mandatory || _defaults.Count > 0 || _integerRange is not null))
            throw new InvalidOperationException($"flag '{_name}' cannot be mandatory, have defaults or be an integer");
        return new CommandArgument
        {
            Name = _name,
            Description = _description,
            Switches = [.. _switches],
            IsMandatory = _mandatory,
            IsFlag = _flag,
            DefaultValues = [.. _defaults],
            IntegerRange = _integerRange,
        };
    }
}
