using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine;

/// <summary>
/// A column of a statement's result: its output name and SQL type; for a column read unchanged from a table, that
/// table's OID (as pg_class shows it) and the 1-based column number, else 0 (PostgreSQL's RowDescription fields).
/// </summary>
public sealed record ResultColumn(string Name, SqlType Type)
{
    public int TableOid { get; init; }

    public short ColumnNumber { get; init; }
}

/// <summary>
/// The outcome of one statement: the PostgreSQL command tag ("SELECT 4", "INSERT 0 3",
/// "CREATE TABLE", "COPY 60175"), and for row-returning statements the columns and the rows as
/// batches in result order.
/// </summary>
public sealed class QueryResult
{
    public QueryResult(string commandTag, IReadOnlyList<ResultColumn> columns, IReadOnlyList<Batch> batches, long rowsAffected)
    {
        CommandTag = commandTag;
        Columns = columns;
        Batches = batches;
        RowsAffected = rowsAffected;
    }

    public string CommandTag { get; }

    /// <summary>Empty for statements that return no rows (DDL, INSERT, COPY).</summary>
    public IReadOnlyList<ResultColumn> Columns { get; }

    public IReadOnlyList<Batch> Batches { get; }

    /// <summary>Rows returned (queries) or changed (INSERT/UPDATE/DELETE/COPY).</summary>
    public long RowsAffected { get; }

    public bool ReturnsRows => Columns.Count > 0;

    /// <summary>Notices raised while running (PostgreSQL NoticeResponse), e.g. "table does not exist, skipping".</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public static QueryResult Command(string tag, long rowsAffected = 0) => new(tag, [], [], rowsAffected);
}
