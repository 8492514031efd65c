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
    /// Throws <see cref="SqlException"/> 42601 on syntax errors (1-based position) and 0A000 for
    /// recognized but unsupported syntax.
    /// </summary>
    public static IReadOnlyList<Statement> Parse(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        throw new SqlException(SqlState.FeatureNotSupported, "the SQL parser is not available yet");
    }
}
