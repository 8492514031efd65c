using System.Globalization;
using System.Text;

namespace ActorWarehouse.Actors.Management;

/// <summary>
/// Turns a typed command line (<c>cluster leave -a akka.tcp://aw@127.0.0.1:4053 --json</c>) into a
/// <see cref="Command"/> checked against the registered palettes, or into a usage error.
/// </summary>
public static class CommandLineParser
{
    /// <summary>Accepted by every command: answer in JSON.</summary>
    public const string JsonSwitch = "--json";

    public sealed record Result(Command? Command, string? Error, string? Usage);

    /// <summary>Splits on whitespace; single or double quotes group words; backslash escapes inside double quotes.</summary>
    public static IReadOnlyList<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        bool inToken = false;
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == '\\' && quote == '"' && i + 1 < line.Length) current.Append(line[++i]);
                else current.Append(c);
            }
            else if (c is '"' or '\'') { quote = c; inToken = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken) { tokens.Add(current.ToString()); current.Clear(); inToken = false; }
            }
            else { current.Append(c); inToken = true; }
        }
        if (quote != '\0') throw new FormatException($"unterminated {quote} quote");
        if (inToken) tokens.Add(current.ToString());
        return tokens;
    }

    public static Result Parse(string line, IReadOnlyList<CommandPalette> palettes)
    {
        List<string> tokens;
        try { tokens = [.. Tokenize(line)]; }
        catch (FormatException e) { return new Result(null, e.Message, null); }
        // --json may stand anywhere, even before the palette name.
        bool json = tokens.RemoveAll(t => t == JsonSwitch) > 0;
        if (tokens.Count == 0) return new Result(null, "empty command", HelpText.Palettes(palettes));

        var palette = palettes.FirstOrDefault(p => string.Equals(p.ModuleName, tokens[0], StringComparison.Ordinal));
        if (palette is null)
            return new Result(null, $"unknown command '{tokens[0]}'", HelpText.Palettes(palettes));
        if (tokens.Count < 2 || tokens[1].StartsWith('-'))
            return new Result(null, $"'{palette.ModuleName}' needs a command", HelpText.Palette(palette));
        var definition = palette.Find(tokens[1]);
        if (definition is null)
            return new Result(null, $"unknown command '{palette.ModuleName} {tokens[1]}'", HelpText.Palette(palette));

        var usage = HelpText.Command(palette, definition);
        var arguments = new List<(string Name, string? Value)>();
        for (int i = 2; i < tokens.Count; i++)
        {
            string token = tokens[i];
            var argument = definition.FindBySwitch(token);
            if (argument is null)
                return new Result(null, token.StartsWith('-') ? $"unknown option {token}" : $"unexpected value '{token}'", usage);
            if (argument.IsFlag) { arguments.Add((argument.Name, null)); continue; }
            if (i + 1 >= tokens.Count) return new Result(null, $"option {token} needs a value ({argument.Name})", usage);
            string value = tokens[++i];
            if (argument.IntegerRange is { } range && !InRange(value, range))
                return new Result(null, $"option {token} needs an integer {RangeText(range)}, got '{value}'", usage);
            arguments.Add((argument.Name, value));
        }
        foreach (var argument in definition.Arguments)
        {
            if (arguments.Any(a => a.Name == argument.Name)) continue;
            if (argument.IsMandatory) return new Result(null, $"missing {argument.Switches[0]} <{argument.Name}>", usage);
            if (argument.DefaultValues.Count > 0) arguments.Add((argument.Name, argument.DefaultValues[0]));
        }
        return new Result(new Command(palette, definition, arguments, json), null, null);
    }

    private static bool InRange(string text, (long Min, long Max) range) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) && n >= range.Min && n <= range.Max;

    private static string RangeText((long Min, long Max) range) => (range.Min, range.Max) switch
    {
        (long.MinValue, long.MaxValue) => "",
        (var min, long.MaxValue) => $">= {min}",
        var (min, max) => $"{min}..{max}",
    };
}
