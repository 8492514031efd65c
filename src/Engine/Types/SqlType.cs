namespace ActorWarehouse.Engine.Types;

/// <summary>
/// A SQL type with its modifiers. <see cref="Precision"/>/<see cref="Scale"/> apply to DECIMAL,
/// <see cref="Length"/> to CHAR/VARCHAR (0 = unbounded).
/// </summary>
public readonly record struct SqlType(TypeId Id, int Precision = 0, int Scale = 0, int Length = 0)
{
    /// <summary>Largest precision a DECIMAL may have (Redshift's limit).</summary>
    public const int MaxDecimalPrecision = 38;

    /// <summary>Largest precision stored in a 64-bit scaled integer.</summary>
    public const int MaxShortDecimalPrecision = 18;

    public static readonly SqlType Unknown = new(TypeId.Unknown);
    public static readonly SqlType Boolean = new(TypeId.Boolean);
    public static readonly SqlType SmallInt = new(TypeId.SmallInt);
    public static readonly SqlType Integer = new(TypeId.Integer);
    public static readonly SqlType BigInt = new(TypeId.BigInt);
    public static readonly SqlType Real = new(TypeId.Real);
    public static readonly SqlType Double = new(TypeId.Double);
    public static readonly SqlType Text = new(TypeId.Varchar);
    public static readonly SqlType Date = new(TypeId.Date);
    public static readonly SqlType Timestamp = new(TypeId.Timestamp);
    public static readonly SqlType TimestampTz = new(TypeId.TimestampTz);
    public static readonly SqlType Interval = new(TypeId.Interval);

    public static SqlType Decimal(int precision, int scale) => new(TypeId.Decimal, precision, scale);
    public static SqlType Char(int length) => new(TypeId.Char, Length: length);
    public static SqlType Varchar(int length = 0) => new(TypeId.Varchar, Length: length);

    public bool IsNumeric => Id is TypeId.SmallInt or TypeId.Integer or TypeId.BigInt or TypeId.Decimal or TypeId.Real or TypeId.Double;
    public bool IsInteger => Id is TypeId.SmallInt or TypeId.Integer or TypeId.BigInt;
    public bool IsFloat => Id is TypeId.Real or TypeId.Double;
    public bool IsString => Id is TypeId.Char or TypeId.Varchar;
    public bool IsTemporal => Id is TypeId.Date or TypeId.Timestamp or TypeId.TimestampTz;

    /// <summary>True when a DECIMAL needs the 128-bit representation.</summary>
    public bool IsWideDecimal => Id == TypeId.Decimal && Precision > MaxShortDecimalPrecision;

    /// <summary>The PostgreSQL spelling, as shown by EXPLAIN, information_schema and error messages.</summary>
    public override string ToString() => Id switch
    {
        TypeId.Unknown => "unknown",
        TypeId.Boolean => "boolean",
        TypeId.SmallInt => "smallint",
        TypeId.Integer => "integer",
        TypeId.BigInt => "bigint",
        TypeId.Decimal => $"numeric({Precision},{Scale})",
        TypeId.Real => "real",
        TypeId.Double => "double precision",
        TypeId.Char => Length > 0 ? $"character({Length})" : "character",
        TypeId.Varchar => Length > 0 ? $"character varying({Length})" : "character varying",
        TypeId.Date => "date",
        TypeId.Timestamp => "timestamp without time zone",
        TypeId.TimestampTz => "timestamp with time zone",
        TypeId.Interval => "interval",
        _ => Id.ToString(),
    };
}
