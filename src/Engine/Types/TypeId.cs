namespace ActorWarehouse.Engine.Types;

/// <summary>The SQL type families the engine supports (Redshift's set, PostgreSQL names).</summary>
public enum TypeId : byte
{
    /// <summary>The type of an untyped NULL literal before coercion.</summary>
    Unknown = 0,
    Boolean,
    SmallInt,
    Integer,
    BigInt,
    /// <summary>Exact decimal: precision ≤ 18 is stored as a scaled <see cref="long"/>, above as a scaled <see cref="Int128"/>.</summary>
    Decimal,
    Real,
    Double,
    Char,
    Varchar,
    /// <summary>Days since 1970-01-01 as <see cref="int"/> (Arrow date32).</summary>
    Date,
    /// <summary>Microseconds since 1970-01-01 00:00 as <see cref="long"/> (Arrow timestamp[us]).</summary>
    Timestamp,
    /// <summary>Microseconds since the epoch in UTC as <see cref="long"/> (Arrow timestamp[us, UTC]).</summary>
    TimestampTz,
    /// <summary>Months, days and microseconds (<see cref="Interval"/>), PostgreSQL's interval.</summary>
    Interval,
}
