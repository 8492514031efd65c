using System.Text;
using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Functions.Kernels;

/// <summary>
/// SQL SIMILAR TO patterns as anchored regular expressions: % → .*, _ → ., a literal '.', '^', '$' and '\'
/// are escaped, the regex operators | * + ? {m,n} ( ) [ ] keep their meaning, and the escape character
/// (default backslash) makes the next character literal.
/// </summary>
internal static class SimilarTo
{
    public static string ToRegex(string pattern, string? escape)
    {
        if (escape is { Length: > 1 })
            throw new SqlException(SqlState.InvalidEscapeSequence, "invalid escape string", hint: "Escape string must be empty or one character.");
        char? esc = string.IsNullOrEmpty(escape) ? null : escape[0];
        var sb = new StringBuilder("^(?:");
        bool inBracket = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (esc is { } e && c == e)
            {
                if (++i >= pattern.Length)
                    throw new SqlException(SqlState.InvalidEscapeSequence, "invalid escape sequence at end of SIMILAR TO pattern");
                sb.Append(System.Text.RegularExpressions.Regex.Escape(pattern[i].ToString()));
                continue;
            }
            if (inBracket)
            {
                if (c == ']') inBracket = false;
                if (c == '\\') sb.Append('\\');
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '%': sb.Append(".*"); break;
                case '_': sb.Append('.'); break;
                case '[': inBracket = true; sb.Append(c); break;
                case '.' or '^' or '$' or '\\': sb.Append('\\').Append(c); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append(")$").ToString();
    }
}
