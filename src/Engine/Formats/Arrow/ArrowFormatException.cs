using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>
/// An Arrow IPC stream that is malformed (SQLSTATE XX001) or uses a part of the format we do not
/// implement (SQLSTATE 0A000). The message always says what was wrong and where.
/// </summary>
public sealed class ArrowFormatException : SqlException
{
    public ArrowFormatException(string sqlState, string message, Exception? inner = null)
        : base(sqlState, message, inner: inner)
    {
    }

    internal static ArrowFormatException Malformed(string message) =>
        new(Errors.SqlState.DataCorrupted, "invalid Arrow IPC stream: " + message);

    internal static ArrowFormatException Unsupported(string what) =>
        new(Errors.SqlState.FeatureNotSupported, $"Arrow {what} is not supported");
}
