namespace ActorWarehouse.Engine.Sql.Lexer;

/// <summary>Token classes produced by <see cref="SqlLexer"/>.</summary>
internal enum TokenKind : byte
{
    /// <summary>Unquoted word; <see cref="Token.Text"/> is folded to lower case (keywords are identifiers too).</summary>
    Identifier,
    /// <summary>"Quoted" identifier; <see cref="Token.Text"/> keeps its case, "" unescaped.</summary>
    QuotedIdentifier,
    /// <summary>String literal; <see cref="Token.Text"/> is its value with escapes resolved.</summary>
    String,
    /// <summary>Unsigned number; <see cref="Token.Text"/> is the digits as written.</summary>
    Number,
    /// <summary>$n parameter; <see cref="Token.Text"/> is n.</summary>
    Parameter,
    /// <summary>Operator or punctuation: ( ) , ; . :: [ ] : and operator symbols (!= is reported as &lt;&gt;).</summary>
    Symbol,
    /// <summary>End of input.</summary>
    End,
}

/// <summary>
/// One token: its kind, its processed text and where it is in the source (<see cref="Start"/> is 0-based,
/// <see cref="End"/> exclusive).
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, int End)
{
    /// <summary>True for an unquoted word equal to the lower-case <paramref name="keyword"/>.</summary>
    public bool IsWord(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.Ordinal);

    /// <summary>True for the operator or punctuation <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && string.Equals(Text, symbol, StringComparison.Ordinal);
}
