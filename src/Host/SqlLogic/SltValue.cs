using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Host.SqlLogic;

/// <summary>
/// One result value as the runner sees it: the engine's physical value (null for SQL NULL), its SQL
/// type, and its PostgreSQL text form (null for SQL NULL).
/// </summary>
public readonly record struct SltValue(object? Physical, SqlType Type, string? Text)
{
    public bool IsNull => Physical is null;
}

/// <summary>The rows a query returned, in the engine's order.</summary>
public sealed record SltResultSet(int ColumnCount, IReadOnlyList<SltValue[]> Rows);

/// <summary>The database a test file runs against (a fresh, empty one per file).</summary>
public interface ISltDatabase : IDisposable
{
    /// <summary>
    /// Runs the SQL of one record; returns the rows of its last row-returning statement, or null when
    /// no statement returned rows. Throws on failure (an <see cref="Engine.Errors.SqlException"/> for SQL errors).
    /// </summary>
    SltResultSet? Execute(string sql, CancellationToken cancellationToken);
}
