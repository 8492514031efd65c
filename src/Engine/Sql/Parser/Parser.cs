using System.Runtime.CompilerServices;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>
/// Recursive-descent parser over the token list of one input string. This file holds the token
/// cursor, error helpers and name parsing; each statement family lives in its own partial file.
/// Syntax errors use PostgreSQL's wording and a 1-based position.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _sql;
    private readonly List<Token> _tokens;
    private int _pos;

    public Parser(string sql)
    {
        _sql = sql;
        _tokens = SqlLexer.Tokenize(sql);
    }

    // ------------------------------------------------------------ cursor

    private Token Current => _tokens[_pos];

    private Token Peek(int ahead = 1) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private bool AtEnd => Current.Kind == TokenKind.End;

    /// <summary>End offset of the last consumed token.</summary>
    private int PreviousEnd => _pos > 0 ? _tokens[_pos - 1].End : 0;

    private Token Advance()
    {
        Token t = _tokens[_pos];
        if (_pos < _tokens.Count - 1)
        {
            _pos++;
        }
        return t;
    }

    private bool IsWord(string word) => Current.IsWord(word);

    private bool IsWordAt(int ahead, string word) => Peek(ahead).IsWord(word);

    private bool IsSymbol(string symbol) => Current.IsSymbol(symbol);

    private bool AcceptWord(string word)
    {
        if (Current.IsWord(word))
        {
            Advance();
            return true;
        }
        return false;
    }

    private bool AcceptWords(string first, string second)
    {
        if (Current.IsWord(first) && Peek().IsWord(second))
        {
            Advance();
            Advance();
            return true;
        }
        return false;
    }

    private Token ExpectWord(string word)
    {
        if (!Current.IsWord(word))
        {
            throw Unexpected();
        }
        return Advance();
    }

    private bool AcceptSymbol(string symbol)
    {
        if (Current.IsSymbol(symbol))
        {
            Advance();
            return true;
        }
        return false;
    }

    private Token ExpectSymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            throw Unexpected();
        }
        return Advance();
    }

    // ------------------------------------------------------------ nesting

    /// <summary>
    /// Deepest nesting of parentheses, subqueries and prefix operators accepted. Keeps the parser, and the
    /// binder and planner that recurse over the tree, far from the end of the thread's stack.
    /// </summary>
    public const int MaxNestingDepth = 256;

    private int _depth;

    /// <summary>Enters one nesting level; pair with <see cref="Leave"/> in a finally block.</summary>
    private void Enter()
    {
        if (++_depth > MaxNestingDepth)
        {
            _depth--;
            throw new SqlException(SqlState.ProgramLimitExceeded, "stack depth limit exceeded", Current.Start + 1,
                hint: $"Statements may nest parentheses, subqueries and prefix operators at most {MaxNestingDepth} deep.");
        }
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw new SqlException(SqlState.ProgramLimitExceeded, "stack depth limit exceeded", Current.Start + 1);
        }
    }

    private void Leave() => _depth--;

    // ------------------------------------------------------------ errors

    /// <summary>PostgreSQL's "syntax error at or near" for the current token.</summary>
    private SqlException Unexpected() => Unexpected(Current);

    private SqlException Unexpected(Token token)
    {
        if (token.Kind == TokenKind.End)
        {
            return SqlException.Syntax("syntax error at end of input", _sql.Length + 1);
        }
        return SqlException.Syntax($"syntax error at or near \"{RawText(token)}\"", token.Start + 1);
    }

    private string RawText(Token token) => _sql.Substring(token.Start, token.End - token.Start);

    private static SqlException NotSupported(string feature, int position) =>
        new(SqlState.FeatureNotSupported, $"{feature} is not supported", position + 1);

    // ------------------------------------------------------------ names

    /// <summary>True when the current token can start a name (unrestricted word or quoted identifier).</summary>
    private bool IsNameToken(Token t) =>
        t.Kind == TokenKind.QuotedIdentifier || (t.Kind == TokenKind.Identifier && !Keywords.IsNameRestricted(t.Text));

    /// <summary>
    /// True when the current token can be an alias written without AS: a name, except words that start a
    /// clause in Redshift without being PostgreSQL keywords (QUALIFY).
    /// </summary>
    private bool IsBareAlias() => IsNameToken(Current) && !IsWord("qualify");

    /// <summary>A column, table, schema or alias name: an unrestricted word or a quoted identifier.</summary>
    private string ParseIdentifier()
    {
        if (!IsNameToken(Current))
        {
            throw Unexpected();
        }
        return Advance().Text;
    }

    /// <summary>A name after AS or after '.': any word, keywords included.</summary>
    private string ParseLabel()
    {
        if (Current.Kind is not (TokenKind.Identifier or TokenKind.QuotedIdentifier))
        {
            throw Unexpected();
        }
        return Advance().Text;
    }

    /// <summary><c>[db.][schema.]name</c>.</summary>
    private QualifiedName ParseQualifiedName()
    {
        int position = Current.Start;
        var parts = new List<string>(3) { ParseIdentifier() };
        while (IsSymbol(".") && Peek().Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier)
        {
            Advance();
            parts.Add(ParseLabel());
        }
        return parts.Count switch
        {
            1 => new QualifiedName(position, null, null, parts[0]),
            2 => new QualifiedName(position, null, parts[0], parts[1]),
            3 => new QualifiedName(position, parts[0], parts[1], parts[2]),
            _ => throw new SqlException(SqlState.SyntaxError, $"improper qualified name (too many dotted names): {string.Join('.', parts)}", position + 1),
        };
    }

    /// <summary><c>(name, name, ...)</c>.</summary>
    private List<string> ParseParenthesizedNames()
    {
        ExpectSymbol("(");
        var names = new List<string> { ParseIdentifier() };
        while (AcceptSymbol(","))
        {
            names.Add(ParseIdentifier());
        }
        ExpectSymbol(")");
        return names;
    }

    /// <summary>Parses a comma-separated list with <paramref name="item"/>.</summary>
    private List<T> ParseCommaList<T>(Func<T> item)
    {
        var list = new List<T> { item() };
        while (AcceptSymbol(","))
        {
            list.Add(item());
        }
        return list;
    }

    /// <summary>An unsigned or signed integer constant (for IDENTITY, MAXERROR, ...).</summary>
    private long ParseIntegerConstant()
    {
        bool negative = false;
        if (IsSymbol("-") || IsSymbol("+"))
        {
            negative = Advance().Text == "-";
        }
        Token t = Current;
        if (t.Kind != TokenKind.Number || !long.TryParse(t.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long value))
        {
            throw Unexpected();
        }
        Advance();
        return negative ? -value : value;
    }

    private int ParseInt32Constant()
    {
        int position = Current.Start;
        long value = ParseIntegerConstant();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new SqlException(SqlState.NumericValueOutOfRange, $"value \"{value}\" is out of range for type integer", position + 1);
        }
        return (int)value;
    }

    /// <summary>A string constant.</summary>
    private string ParseStringConstant()
    {
        if (Current.Kind != TokenKind.String)
        {
            throw Unexpected();
        }
        return Advance().Text;
    }

    /// <summary>True when a query (SELECT, WITH, VALUES, TABLE) starts at <paramref name="ahead"/>, skipping opening parentheses.</summary>
    private bool QueryStartsAt(int ahead)
    {
        int limit = ahead + MaxNestingDepth;
        while (Peek(ahead).IsSymbol("(") && ahead < limit)
        {
            ahead++;
        }
        Token t = Peek(ahead);
        return t.IsWord("select") || t.IsWord("with") || t.IsWord("values") || (t.IsWord("table") && IsNameToken(Peek(ahead + 1)));
    }

    /// <summary>
    /// Runs <paramref name="attempt"/>; on a syntax error restores the cursor and returns false. Used only
    /// where a parenthesis may open either a query or an expression/join.
    /// </summary>
    private bool TryParse<T>(Func<T> attempt, out T result, out SqlException? error)
    {
        int saved = _pos;
        try
        {
            result = attempt();
            error = null;
            return true;
        }
        catch (SqlException e) when (e.SqlState == SqlState.SyntaxError)
        {
            _pos = saved;
            result = default!;
            error = e;
            return false;
        }
    }

    /// <summary>Runs the fallback after a failed <see cref="TryParse{T}"/>; if it fails too, reports the error that got further.</summary>
    private T Fallback<T>(Func<T> fallback, SqlException first)
    {
        try
        {
            return fallback();
        }
        catch (SqlException second) when (second.SqlState == SqlState.SyntaxError)
        {
            throw (first.Position ?? 0) > (second.Position ?? 0) ? first : second;
        }
    }
}
