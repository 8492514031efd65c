namespace ActorWarehouse.Engine.Functions;

/// <summary>
/// Per-statement state a kernel may read: the statement's start time (so now(), getdate() and
/// current_date return one value for the whole statement, as in PostgreSQL), the session time zone
/// and the random source behind random().
/// </summary>
public sealed class FunctionContext
{
    public FunctionContext(long statementTimestampMicros, TimeZoneInfo timeZone, Random random)
    {
        StatementTimestampMicros = statementTimestampMicros;
        TimeZone = timeZone;
        Random = random;
    }

    /// <summary>Statement start as microseconds since 1970-01-01 00:00 UTC.</summary>
    public long StatementTimestampMicros { get; }

    public TimeZoneInfo TimeZone { get; }

    public Random Random { get; }

    /// <summary>A context for a statement starting now, in UTC.</summary>
    public static FunctionContext ForNow(TimeZoneInfo? timeZone = null, int? seed = null)
    {
        long micros = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
        return new FunctionContext(micros, timeZone ?? TimeZoneInfo.Utc, seed is { } s ? new Random(s) : new Random());
    }

    /// <summary>The statement time in the session time zone, as a local timestamp in microseconds.</summary>
    public long LocalStatementTimestampMicros
    {
        get
        {
            var utc = DateTime.UnixEpoch.AddTicks(StatementTimestampMicros * 10);
            var offset = TimeZone.GetUtcOffset(utc);
            return StatementTimestampMicros + offset.Ticks / 10;
        }
    }
}
