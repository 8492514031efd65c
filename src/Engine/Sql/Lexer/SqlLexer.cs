using System.Text;
using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Sql.Lexer;

/// <summary>
/// Hand-written tokenizer for the PostgreSQL/Redshift dialect. Unquoted identifiers are folded to
/// lower case; identifiers longer than <see cref="MaxIdentifierBytes"/> UTF-8 bytes are truncated
/// (at a character boundary), as PostgreSQL truncates to its own limit. Comments (<c>--</c> and nested
/// <c>/* */</c>) and white space are skipped. Positions are 0-based character offsets.
/// </summary>
internal static class SqlLexer
{
    /// <summary>Redshift's identifier limit in bytes.</summary>
    public const int MaxIdentifierBytes = 127;

    /// <summary>Characters that may form PostgreSQL operators.</summary>
    private const string OperatorChars = "+-*/<>=~!@#%^&|`?";

    /// <summary>Splits <paramref name="sql"/> into tokens, ending with an <see cref="TokenKind.End"/> token.</summary>
    public static List<Token> Tokenize(string sql)
    {
        var tokens = new List<Token>(Math.Max(16, sql.Length / 4));
        int i = 0;
        int n = sql.Length;
        while (true)
        {
            i = SkipTrivia(sql, i);
            if (i >= n)
            {
                tokens.Add(new Token(TokenKind.End, "", n, n));
                return tokens;
            }
            char c = sql[i];
            int start = i;
            if (IsIdentifierStart(c))
            {
                if ((c is 'e' or 'E') && i + 1 < n && sql[i + 1] == '\'')
                {
                    i = ReadString(sql, i + 1, escapes: true, out string value);
                    tokens.Add(new Token(TokenKind.String, value, start, i));
                    continue;
                }
                if ((c is 'n' or 'N') && i + 1 < n && sql[i + 1] == '\'')
                {
                    i = ReadString(sql, i + 1, escapes: false, out string value);
                    tokens.Add(new Token(TokenKind.String, value, start, i));
                    continue;
                }
                if ((c is 'b' or 'B' or 'x' or 'X' or 'u' or 'U') && i + 1 < n && (sql[i + 1] == '\'' || (c is 'u' or 'U' && sql[i + 1] == '&')))
                {
                    throw new SqlException(SqlState.FeatureNotSupported, "bit-string and Unicode-escape literals are not supported", start + 1);
                }
                i++;
                while (i < n && IsIdentifierPart(sql[i]))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Identifier, Truncate(FoldLower(sql, start, i - start)), start, i));
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < n && char.IsAsciiDigit(sql[i + 1])))
            {
                i = ReadNumber(sql, i);
                tokens.Add(new Token(TokenKind.Number, sql.Substring(start, i - start), start, i));
                continue;
            }
            switch (c)
            {
                case '\'':
                    i = ReadString(sql, i, escapes: false, out string str);
                    tokens.Add(new Token(TokenKind.String, str, start, i));
                    continue;
                case '"':
                    i = ReadQuotedIdentifier(sql, i, out string ident);
                    tokens.Add(new Token(TokenKind.QuotedIdentifier, ident, start, i));
                    continue;
                case '$':
                    if (i + 1 < n && char.IsAsciiDigit(sql[i + 1]))
                    {
                        i++;
                        while (i < n && char.IsAsciiDigit(sql[i]))
                        {
                            i++;
                        }
                        tokens.Add(new Token(TokenKind.Parameter, sql.Substring(start + 1, i - start - 1), start, i));
                        continue;
                    }
                    i = ReadDollarString(sql, i, out string dollar);
                    tokens.Add(new Token(TokenKind.String, dollar, start, i));
                    continue;
                case '#' when i + 1 < n && IsIdentifierStart(sql[i + 1]):
                    // Redshift temporary table names: #name.
                    i++;
                    while (i < n && IsIdentifierPart(sql[i]))
                    {
                        i++;
                    }
                    tokens.Add(new Token(TokenKind.Identifier, Truncate(FoldLower(sql, start, i - start)), start, i));
                    continue;
                case '(' or ')' or ',' or ';' or '[' or ']':
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString(), start, i + 1));
                    i++;
                    continue;
                case '.':
                    tokens.Add(new Token(TokenKind.Symbol, ".", start, i + 1));
                    i++;
                    continue;
                case ':':
                    if (i + 1 < n && sql[i + 1] == ':')
                    {
                        tokens.Add(new Token(TokenKind.Symbol, "::", start, i + 2));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Symbol, ":", start, i + 1));
                        i++;
                    }
                    continue;
            }
            if (OperatorChars.Contains(c))
            {
                i = ReadOperator(sql, i, out string op);
                tokens.Add(new Token(TokenKind.Symbol, op, start, i));
                continue;
            }
            throw SqlException.Syntax($"syntax error at or near \"{c}\"", start + 1);
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || (c > 127 && char.IsLetter(c));

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$' || (c > 127 && char.IsLetterOrDigit(c));

    private static int SkipTrivia(string sql, int i)
    {
        int n = sql.Length;
        while (i < n)
        {
            char c = sql[i];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
            {
                i++;
            }
            else if (c == '-' && i + 1 < n && sql[i + 1] == '-')
            {
                i += 2;
                while (i < n && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < n && sql[i + 1] == '*')
            {
                int start = i;
                int depth = 1;
                i += 2;
                while (depth > 0)
                {
                    if (i + 1 >= n)
                    {
                        throw SqlException.Syntax("unterminated /* comment at or near \"" + Excerpt(sql, start) + "\"", start + 1);
                    }
                    if (sql[i] == '/' && sql[i + 1] == '*')
                    {
                        depth++;
                        i += 2;
                    }
                    else if (sql[i] == '*' && sql[i + 1] == '/')
                    {
                        depth--;
                        i += 2;
                    }
                    else
                    {
                        i++;
                    }
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else
            {
                break;
            }
        }
        return i;
    }

    private static string FoldLower(string sql, int start, int length)
    {
        var span = sql.AsSpan(start, length);
        bool hasUpper = false;
        foreach (char ch in span)
        {
            if (char.IsUpper(ch))
            {
                hasUpper = true;
                break;
            }
        }
        return hasUpper ? string.Create(length, (sql, start), static (dest, state) =>
        {
            state.sql.AsSpan(state.start, dest.Length).ToLowerInvariant(dest);
        }) : span.ToString();
    }

    /// <summary>Truncates an identifier to <see cref="MaxIdentifierBytes"/> UTF-8 bytes at a character boundary.</summary>
    internal static string Truncate(string identifier)
    {
        if (identifier.Length * 3 <= MaxIdentifierBytes || Encoding.UTF8.GetByteCount(identifier) <= MaxIdentifierBytes)
        {
            return identifier;
        }
        int bytes = 0;
        int i = 0;
        while (i < identifier.Length)
        {
            int width = char.IsHighSurrogate(identifier[i]) && i + 1 < identifier.Length ? 2 : 1;
            int b = Encoding.UTF8.GetByteCount(identifier.AsSpan(i, width));
            if (bytes + b > MaxIdentifierBytes)
            {
                break;
            }
            bytes += b;
            i += width;
        }
        return identifier[..i];
    }

    private static int ReadNumber(string sql, int i)
    {
        int n = sql.Length;
        while (i < n && char.IsAsciiDigit(sql[i]))
        {
            i++;
        }
        // "1..2" is not a decimal; a lone '.' after digits is (PostgreSQL accepts "1." as 1.0).
        if (i < n && sql[i] == '.' && !(i + 1 < n && sql[i + 1] == '.'))
        {
            i++;
            while (i < n && char.IsAsciiDigit(sql[i]))
            {
                i++;
            }
        }
        if (i < n && (sql[i] is 'e' or 'E'))
        {
            int j = i + 1;
            if (j < n && (sql[j] is '+' or '-'))
            {
                j++;
            }
            if (j < n && char.IsAsciiDigit(sql[j]))
            {
                i = j;
                while (i < n && char.IsAsciiDigit(sql[i]))
                {
                    i++;
                }
            }
        }
        return i;
    }

    /// <summary>Reads '...' starting at the quote; adjacent literals separated by a newline are joined (SQL standard).</summary>
    private static int ReadString(string sql, int quote, bool escapes, out string value)
    {
        var sb = new StringBuilder();
        int i = quote;
        while (true)
        {
            i = ReadOneString(sql, i, escapes, sb);
            // Continuation: whitespace containing a newline, then another quote.
            int j = i;
            bool newline = false;
            while (j < sql.Length && sql[j] is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                newline |= sql[j] == '\n';
                j++;
            }
            if (newline && j < sql.Length && sql[j] == '\'')
            {
                i = j;
                continue;
            }
            value = sb.ToString();
            return i;
        }
    }

    private static int ReadOneString(string sql, int quote, bool escapes, StringBuilder sb)
    {
        int n = sql.Length;
        int i = quote + 1;
        while (true)
        {
            if (i >= n)
            {
                throw SqlException.Syntax("unterminated quoted string at or near \"" + Excerpt(sql, quote) + "\"", quote + 1);
            }
            char c = sql[i];
            if (c == '\'')
            {
                if (i + 1 < n && sql[i + 1] == '\'')
                {
                    sb.Append('\'');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (escapes && c == '\\' && i + 1 < n)
            {
                i = ReadEscape(sql, i + 1, sb);
                continue;
            }
            sb.Append(c);
            i++;
        }
    }

    /// <summary>Resolves one E'' backslash escape; <paramref name="i"/> is just after the backslash.</summary>
    private static int ReadEscape(string sql, int i, StringBuilder sb)
    {
        char e = sql[i];
        switch (e)
        {
            case 'b': sb.Append('\b'); return i + 1;
            case 'f': sb.Append('\f'); return i + 1;
            case 'n': sb.Append('\n'); return i + 1;
            case 'r': sb.Append('\r'); return i + 1;
            case 't': sb.Append('\t'); return i + 1;
            case 'x':
            {
                int j = i + 1;
                int value = 0;
                while (j < sql.Length && j < i + 3 && char.IsAsciiHexDigit(sql[j]))
                {
                    value = value * 16 + HexValue(sql[j]);
                    j++;
                }
                if (j == i + 1)
                {
                    sb.Append('x');
                    return i + 1;
                }
                sb.Append((char)value);
                return j;
            }
            case 'u' or 'U':
            {
                int digits = e == 'u' ? 4 : 8;
                int value = 0;
                for (int k = 1; k <= digits; k++)
                {
                    if (i + k >= sql.Length || !char.IsAsciiHexDigit(sql[i + k]))
                    {
                        throw new SqlException(SqlState.InvalidEscapeSequence, "invalid Unicode escape", i);
                    }
                    value = value * 16 + HexValue(sql[i + k]);
                }
                sb.Append(char.ConvertFromUtf32(value));
                return i + digits + 1;
            }
            default:
                if (e is >= '0' and <= '7')
                {
                    int j = i;
                    int value = 0;
                    while (j < sql.Length && j < i + 3 && sql[j] is >= '0' and <= '7')
                    {
                        value = value * 8 + (sql[j] - '0');
                        j++;
                    }
                    sb.Append((char)value);
                    return j;
                }
                sb.Append(e);
                return i + 1;
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Reads $tag$...$tag$ (tag may be empty) starting at the first '$'.</summary>
    private static int ReadDollarString(string sql, int start, out string value)
    {
        int n = sql.Length;
        int i = start + 1;
        while (i < n && sql[i] != '$' && IsIdentifierPart(sql[i]))
        {
            i++;
        }
        if (i >= n || sql[i] != '$')
        {
            throw SqlException.Syntax("syntax error at or near \"$\"", start + 1);
        }
        string tag = sql.Substring(start, i - start + 1);
        int bodyStart = i + 1;
        int end = sql.IndexOf(tag, bodyStart, StringComparison.Ordinal);
        if (end < 0)
        {
            throw SqlException.Syntax("unterminated dollar-quoted string at or near \"" + Excerpt(sql, start) + "\"", start + 1);
        }
        value = sql.Substring(bodyStart, end - bodyStart);
        return end + tag.Length;
    }

    private static int ReadQuotedIdentifier(string sql, int quote, out string value)
    {
        var sb = new StringBuilder();
        int n = sql.Length;
        int i = quote + 1;
        while (true)
        {
            if (i >= n)
            {
                throw SqlException.Syntax("unterminated quoted identifier at or near \"" + Excerpt(sql, quote) + "\"", quote + 1);
            }
            char c = sql[i];
            if (c == '"')
            {
                if (i + 1 < n && sql[i + 1] == '"')
                {
                    sb.Append('"');
                    i += 2;
                    continue;
                }
                break;
            }
            sb.Append(c);
            i++;
        }
        if (sb.Length == 0)
        {
            throw SqlException.Syntax("zero-length delimited identifier at or near \"\"\"\"", quote + 1);
        }
        value = Truncate(sb.ToString());
        return i + 1;
    }

    /// <summary>
    /// PostgreSQL operator rule: the longest run of operator characters, not crossing a comment start;
    /// a multi-character operator may end in + or - only if it contains one of ~ ! @ # % ^ &amp; | ` ?.
    /// </summary>
    private static int ReadOperator(string sql, int start, out string op)
    {
        int n = sql.Length;
        int i = start;
        while (i < n && OperatorChars.Contains(sql[i]))
        {
            if (i + 1 < n && ((sql[i] == '-' && sql[i + 1] == '-') || (sql[i] == '/' && sql[i + 1] == '*')) && i > start)
            {
                break;
            }
            i++;
        }
        int length = i - start;
        if (length > 1)
        {
            bool special = false;
            for (int k = start; k < start + length; k++)
            {
                if ("~!@#%^&|`?".Contains(sql[k]))
                {
                    special = true;
                    break;
                }
            }
            if (!special)
            {
                while (length > 1 && sql[start + length - 1] is '+' or '-')
                {
                    length--;
                }
            }
        }
        op = sql.Substring(start, length);
        if (op == "!=")
        {
            op = "<>";
        }
        return start + length;
    }

    /// <summary>The text from <paramref name="start"/> to the end of the line, for error messages.</summary>
    internal static string Excerpt(string sql, int start)
    {
        int end = sql.IndexOf('\n', start);
        if (end < 0)
        {
            end = sql.Length;
        }
        return sql[start..end].TrimEnd('\r');
    }
}
