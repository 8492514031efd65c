using System.Text;
using System.Text.RegularExpressions;
using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// Regular expressions for regexp_* functions and the ~ operators, using .NET's engine (close to
/// PostgreSQL's advanced regular expressions for the common subset). A call site keeps its last
/// compiled pattern, so a constant pattern is compiled once.
/// </summary>
internal sealed class RegexCache
{
    private Tuple<string, string, Regex>? _last;

    public Regex Get(string pattern, string flags)
    {
        var last = _last;
        if (last is not null && last.Item1 == pattern && last.Item2 == flags) return last.Item3;
        var regex = Compile(pattern, flags);
        _last = new Tuple<string, string, Regex>(pattern, flags, regex);
        return regex;
    }

    public static Regex Compile(string pattern, string flags)
    {
        var options = RegexOptions.CultureInvariant;
        foreach (char f in flags)
        {
            switch (f)
            {
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 'c': options &= ~RegexOptions.IgnoreCase; break;
                case 'n' or 'm' or 'p' or 'w': options |= RegexOptions.Multiline; break;
                case 's': options |= RegexOptions.Singleline; break;
                case 'x': options |= RegexOptions.IgnorePatternWhitespace; break;
                case 'g' or 'e': break;
                default:
                    throw new SqlException(SqlState.InvalidParameterValue, $"invalid regular expression option: \"{f}\"");
            }
        }
        try
        {
            return new Regex(pattern, options, TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException ex)
        {
            throw new SqlException(SqlState.InvalidRegularExpression, "invalid regular expression: " + ex.Message);
        }
    }

    /// <summary>PostgreSQL replacement text (\1 … \9, \&amp; whole match, \\ backslash) in .NET's syntax.</summary>
    public static string TranslateReplacement(string replacement)
    {
        if (replacement.IndexOfAny(['\\', '$']) < 0) return replacement;
        var sb = new StringBuilder(replacement.Length + 8);
        for (int i = 0; i < replacement.Length; i++)
        {
            char c = replacement[i];
            if (c == '$') { sb.Append("$$"); continue; }
            if (c != '\\' || i + 1 >= replacement.Length) { sb.Append(c); continue; }
            char next = replacement[++i];
            if (char.IsAsciiDigit(next)) sb.Append("${").Append(next).Append('}');
            else if (next == '&') sb.Append("$0");
            else sb.Append(next);
        }
        return sb.ToString();
    }
}
