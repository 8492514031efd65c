namespace ActorWarehouse.Engine.Errors;

/// <summary>
/// An error that ends a statement and reaches the user with a SQLSTATE, like PostgreSQL's
/// ErrorResponse. <see cref="Position"/> is the 1-based character offset in the statement text
/// (PostgreSQL's "P" field), when known. <see cref="Detail"/> and <see cref="Hint"/> map to "D"/"H".
/// </summary>
public class SqlException : Exception
{
    public SqlException(string sqlState, string message, int? position = null, string? detail = null, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        SqlState = sqlState;
        Position = position;
        Detail = detail;
        Hint = hint;
    }

    public string SqlState { get; }
    public int? Position { get; }
    public string? Detail { get; }
    public string? Hint { get; }

    public override string ToString() => $"ERROR: {Message} (SQLSTATE {SqlState})";

    public static SqlException Syntax(string message, int? position = null) => new(Errors.SqlState.SyntaxError, message, position);
    public static SqlException NotSupported(string feature) => new(Errors.SqlState.FeatureNotSupported, $"{feature} is not supported");
    public static SqlException UndefinedTable(string name) => new(Errors.SqlState.UndefinedTable, $"relation \"{name}\" does not exist");
    public static SqlException UndefinedColumn(string name) => new(Errors.SqlState.UndefinedColumn, $"column \"{name}\" does not exist");
}
