using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Columnar;

/// <summary>
/// The most UTF-8 bytes one string column can hold at once: a <see cref="StringVector"/> keeps its values in one
/// byte[] with int32 offsets, so a batch column, a sort or join input concatenated into one batch, or a hash
/// table's string keys are capped near 2 GB (Array.MaxLength). Whatever grows or joins string data checks here,
/// in long arithmetic, before it allocates, and fails the statement with 54000 instead of an overflow or an
/// OutOfMemoryException.
/// </summary>
internal static class StringDataLimit
{
    // Tests lower the limit for their own async flow only; other tests running at the same time keep the real one.
    private static readonly AsyncLocal<long?> s_lowered = new();

    public static long MaxBytes => s_lowered.Value ?? Array.MaxLength;

    /// <summary>Throws 54000 when <paramref name="bytes"/> of string data do not fit one column; <paramref name="operation"/> names what needed them.</summary>
    public static void Check(long bytes, string operation)
    {
        if (bytes > MaxBytes) throw Exceeded(bytes, operation);
    }

    public static SqlException Exceeded(long bytes, string operation) =>
        new(SqlState.ProgramLimitExceeded, $"string data of one column exceeds 2 GB in {operation}",
            detail: $"{operation} needs {bytes} bytes of string data in one column; one column holds at most {MaxBytes} bytes at a time.",
            hint: "Sort, join, group or window fewer rows or narrower text columns at once, e.g. filter earlier or select fewer text columns.");

    /// <summary>Lowers the limit for the calling flow until disposed (tests, instead of allocating 2 GB).</summary>
    public static IDisposable LowerForTests(long maxBytes)
    {
        var previous = s_lowered.Value;
        s_lowered.Value = maxBytes;
        return new Restore(previous);
    }

    private sealed class Restore(long? previous) : IDisposable
    {
        public void Dispose() => s_lowered.Value = previous;
    }
}
