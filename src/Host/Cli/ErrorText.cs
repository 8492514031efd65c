using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Host.Cli;

/// <summary>How `aw` reports a failed statement on stderr (psql style plus the SQLSTATE).</summary>
public static class ErrorText
{
    public static void Write(TextWriter error, Exception exception)
    {
        if (exception is SqlException sql)
        {
            error.WriteLine($"ERROR: {sql.Message}");
            if (sql.Detail is not null) error.WriteLine($"DETAIL: {sql.Detail}");
            if (sql.Hint is not null) error.WriteLine($"HINT: {sql.Hint}");
            error.WriteLine($"SQLSTATE: {sql.SqlState}");
        }
        else
        {
            error.WriteLine($"ERROR: internal error: {exception.Message}");
            error.WriteLine($"SQLSTATE: {SqlState.InternalError}");
        }
    }
}
