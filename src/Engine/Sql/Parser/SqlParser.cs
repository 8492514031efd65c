using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>
/// Entry point of the SQL front end: Redshift/PostgreSQL dialect text to syntax trees.
/// </summary>
public static class SqlParser
{
    /// <summary>
    /// Parses every ';'-separated statement of <paramref name="sql"/> (empty statements are skipped).
    /// Throws <see cref="SqlException"/> 42601 on syntax errors and 0A000 for recognized but unsupported
    /// syntax; <see cref="SqlException.Position"/> is 1-based, while AST positions are 0-based.
    /// Identifiers longer than 127 UTF-8 bytes are truncated to 127 bytes.
    /// </summary>
    public static IReadOnlyList<Statement> Parse(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new Parser(sql).ParseStatements();
    }

    /// <summary>Parses text that must hold exactly one statement.</summary>
    public static Statement ParseSingle(string sql)
    {
        IReadOnlyList<Statement> statements = Parse(sql);
        if (statements.Count != 1)
        {
            throw new SqlException(SqlState.SyntaxError, statements.Count == 0 ? "empty query" : "cannot insert multiple commands into a prepared statement");
        }
        return statements[0];
    }

    /// <summary>The highest $n in <paramref name="sql"/>[start, start+length) (0 when there is none).</summary>
    public static int MaxParameterIndex(string sql, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(sql);
        int max = 0;
        foreach (var token in Lexer.SqlLexer.Tokenize(sql))
        {
            if (token.Kind != Lexer.TokenKind.Parameter || token.Start < start || token.Start >= start + length) continue;
            if (int.TryParse(token.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
                max = Math.Max(max, n);
        }
        return max;
    }

    /// <summary>Parses a standalone scalar expression (for defaults, tests and tools).</summary>
    public static Expr ParseExpression(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new Parser(sql).ParseStandaloneExpression();
    }
}
