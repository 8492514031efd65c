namespace ActorWarehouse.Host.SqlLogic;

/// <summary>Light lexical checks on SQL text that skip string literals, quoted names and comments.</summary>
public static class SqlText
{
    /// <summary>True when the statement has an ORDER BY outside any parentheses (a top-level sort).</summary>
    public static bool HasTopLevelOrderBy(string sql)
    {
        int depth = 0;
        string? previousWord = null;
        for (int i = 0; i < sql.Length; i++)
        {
            char c = sql[i];
            if (c == '\'' || c == '"')
            {
                int end = sql.IndexOf(c, i + 1);
                while (end >= 0 && end + 1 < sql.Length && sql[end + 1] == c) end = sql.IndexOf(c, end + 2);
                if (end < 0) return false;
                i = end;
                previousWord = null;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                int end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                int end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '(') { depth++; previousWord = null; }
            else if (c == ')') { depth--; previousWord = null; }
            else if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i + 1 < sql.Length && (char.IsLetterOrDigit(sql[i + 1]) || sql[i + 1] == '_')) i++;
                string word = sql.Substring(start, i - start + 1);
                if (depth == 0 && word.Equals("by", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(previousWord, "order", StringComparison.OrdinalIgnoreCase))
                    return true;
                previousWord = word;
            }
            else if (!char.IsWhiteSpace(c)) previousWord = null;
        }
        return false;
    }
}
