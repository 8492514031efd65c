using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// One rejected input row, shaped like a row of Redshift's STL_LOAD_ERRORS. <see cref="Position"/> is the
/// 0-based field index; <see cref="ErrorCode"/> follows Redshift's load error codes (1204 value too long,
/// 1205 bad date, 1206 bad timestamp, 1207 invalid digit, 1208 bad float, 1213 NULL into NOT NULL,
/// 1214 delimiter not found / extra columns, 1220 invalid UTF-8, 1216 other).
/// </summary>
public sealed record LoadError(string FileName, long LineNumber, string ColumnName, string ColumnType, int Position,
    string RawLine, string RawFieldValue, int ErrorCode, string ErrorReason);

/// <summary>COPY failed because more rows were rejected than MAXERROR allows (22P04). Carries every error found.</summary>
public sealed class CopyLoadException : SqlException
{
    public CopyLoadException(string tableName, IReadOnlyList<LoadError> errors)
        : base(ActorWarehouse.Engine.Errors.SqlState.BadCopyFileFormat, Describe(tableName, errors[^1]),
            detail: $"line {errors[^1].LineNumber}, column {errors[^1].ColumnName}: {errors[^1].ErrorReason} (raw field value: '{errors[^1].RawFieldValue}')",
            hint: "Check 'stl_load_errors' system table for details.")
    {
        Errors = errors;
    }

    public IReadOnlyList<LoadError> Errors { get; }

    private static string Describe(string table, LoadError e) =>
        $"Load into table '{table}' failed. Check 'stl_load_errors' system table for details. "
        + $"Line {e.LineNumber}, column {e.ColumnName}: {e.ErrorReason}";
}
