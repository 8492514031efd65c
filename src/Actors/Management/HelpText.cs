namespace ActorWarehouse.Actors.Management;

/// <summary>The usage text shown by <c>help</c> and after a mistyped command.</summary>
public static class HelpText
{
    public static string Palettes(IReadOnlyList<CommandPalette> palettes)
    {
        var lines = new List<string> { "usage: <palette> <command> [options] [--json]", "" };
        foreach (var palette in palettes.OrderBy(p => p.ModuleName, StringComparer.Ordinal))
            AddPalette(lines, palette);
        lines.Add("");
        lines.Add("help [palette]      this text");
        return string.Join('\n', lines);
    }

    public static string Palette(CommandPalette palette)
    {
        var lines = new List<string>();
        AddPalette(lines, palette);
        return string.Join('\n', lines);
    }

    public static string Command(CommandPalette palette, CommandDefinition definition)
    {
        var lines = new List<string> { "usage: " + definition.UsageText(palette.ModuleName) + " [--json]" };
        if (definition.Description.Length > 0) lines.Add("  " + definition.Description);
        foreach (var argument in definition.Arguments)
        {
            var defaults = argument.DefaultValues.Count > 0 ? $" (default {argument.DefaultValues[0]})" : "";
            lines.Add($"  {string.Join(", ", argument.Switches),-16} {argument.Description}{defaults}");
        }
        return string.Join('\n', lines);
    }

    private static void AddPalette(List<string> lines, CommandPalette palette)
    {
        lines.Add($"{palette.ModuleName}: {palette.Description}");
        foreach (var command in palette.Commands)
            lines.Add($"  {command.UsageText(palette.ModuleName),-44} {command.Description}");
    }
}
