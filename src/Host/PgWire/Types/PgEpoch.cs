namespace ActorWarehouse.Host.PgWire.Types;

/// <summary>Binary date/time values count from 2000-01-01; the engine counts from 1970-01-01.</summary>
internal static class PgEpoch
{
    /// <summary>Days from 1970-01-01 to 2000-01-01.</summary>
    public const int DaysFromUnixEpoch = 10_957;

    /// <summary>Microseconds from 1970-01-01 00:00 to 2000-01-01 00:00.</summary>
    public const long MicrosFromUnixEpoch = DaysFromUnixEpoch * 86_400_000_000L;
}
