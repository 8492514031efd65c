using System.Text;

namespace ActorWarehouse.Host.Cli;

/// <summary>
/// Splits a SQL script into statements at ';' outside string literals, quoted identifiers,
/// dollar-quoted strings and comments, so each statement's result can be shown as it completes.
/// Statements consisting only of blanks and comments are dropped.
/// </summary>
public static class SqlScriptSplitter
{
    public static IReadOnlyList<string> Split(string script)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        bool hasCode = false;
        int i = 0;
        while (i < script.Length)
        {
            char c = script[i];
            int end = i + 1;
            if (c is '\'' or '"') end = EndOfQuoted(script, i, c);
            else if (c == '-' && At(script, i + 1, '-')) { end = script.IndexOf('\n', i); end = end < 0 ? script.Length : end; }
            else if (c == '/' && At(script, i + 1, '*')) { end = script.IndexOf("*/", i + 2, StringComparison.Ordinal); end = end < 0 ? script.Length : end + 2; }
            else if (c == '$' && DollarTag(script, i) is { } tag)
            {
                int close = script.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                end = close < 0 ? script.Length : close + tag.Length;
            }
            else if (c == ';')
            {
                if (hasCode) statements.Add(current.ToString().Trim());
                current.Clear();
                hasCode = false;
                i++;
                continue;
            }
            bool isComment = (c == '-' && At(script, i + 1, '-')) || (c == '/' && At(script, i + 1, '*'));
            if (!isComment && !char.IsWhiteSpace(c)) hasCode = true;
            current.Append(script, i, end - i);
            i = end;
        }
        if (hasCode) statements.Add(current.ToString().Trim());
        return statements;
    }

    private static bool At(string s, int index, char c) => index < s.Length && s[index] == c;

    private static int EndOfQuoted(string s, int start, char quote)
    {
        int i = start + 1;
        while (i < s.Length)
        {
            if (s[i] == quote)
            {
                if (At(s, i + 1, quote)) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return s.Length;
    }

    /// <summary>The `$tag$` opening a dollar-quoted string at <paramref name="start"/>, or null.</summary>
    private static string? DollarTag(string s, int start)
    {
        if (start > 0 && (char.IsLetterOrDigit(s[start - 1]) || s[start - 1] == '_')) return null;
        int i = start + 1;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
        if (i < s.Length && s[i] == '$' && (i == start + 1 || !char.IsDigit(s[start + 1]))) return s.Substring(start, i - start + 1);
        return null;
    }
}
