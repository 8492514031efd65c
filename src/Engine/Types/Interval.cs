namespace ActorWarehouse.Engine.Types;

/// <summary>
/// PostgreSQL's interval: months, days and microseconds kept apart, because a month has no fixed
/// length in days and a day has no fixed length across daylight-saving changes.
/// </summary>
public readonly record struct Interval(int Months, int Days, long Micros)
{
    public const long MicrosPerSecond = 1_000_000L;
    public const long MicrosPerMinute = 60 * MicrosPerSecond;
    public const long MicrosPerHour = 60 * MicrosPerMinute;
    public const long MicrosPerDay = 24 * MicrosPerHour;

    public static Interval operator +(Interval a, Interval b) => new(a.Months + b.Months, a.Days + b.Days, a.Micros + b.Micros);
    public static Interval operator -(Interval a, Interval b) => new(a.Months - b.Months, a.Days - b.Days, a.Micros - b.Micros);
    public static Interval operator -(Interval a) => new(-a.Months, -a.Days, -a.Micros);

    /// <summary>Comparison key as PostgreSQL orders intervals: a month counts 30 days, a day 24 hours.</summary>
    public Int128 OrderingKey => ((Int128)Months * 30 + Days) * MicrosPerDay + Micros;
}
