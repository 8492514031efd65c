using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Catalog;

/// <summary>
/// PostgreSQL type OIDs, lengths and modifiers of the engine's types, as the wire protocol's RowDescription and
/// ParameterDescription carry them and pg_type / pg_attribute show them.
/// </summary>
public static class PgTypes
{
    public const int Bool = 16;
    public const int Bytea = 17;
    public const int Char1 = 18;
    public const int Name = 19;
    public const int Int8 = 20;
    public const int Int2 = 21;
    public const int Int2Vector = 22;
    public const int Int4 = 23;
    public const int RegProc = 24;
    public const int Text = 25;
    public const int OidType = 26;
    public const int OidVector = 30;
    public const int Float4 = 700;
    public const int Float8 = 701;
    public const int Unknown = 705;
    public const int BpChar = 1042;
    public const int Varchar = 1043;
    public const int Date = 1082;
    public const int Time = 1083;
    public const int Timestamp = 1114;
    public const int TimestampTz = 1184;
    public const int Interval = 1186;
    public const int TimeTz = 1266;
    public const int Numeric = 1700;
    public const int RegClass = 2205;
    public const int RegType = 2206;
    public const int Record = 2249;
    public const int Void = 2278;

    /// <summary>Scale given to a parameter declared plain <c>numeric</c> (no typmod travels with a parameter OID).</summary>
    public const int UnconstrainedNumericScale = 10;

    /// <summary>The OID of <paramref name="type"/>; unbounded VARCHAR is PostgreSQL's <c>text</c>.</summary>
    public static int Oid(SqlType type) => type.Id switch
    {
        TypeId.Boolean => Bool,
        TypeId.SmallInt => Int2,
        TypeId.Integer => Int4,
        TypeId.BigInt => Int8,
        TypeId.Decimal => Numeric,
        TypeId.Real => Float4,
        TypeId.Double => Float8,
        TypeId.Char => BpChar,
        TypeId.Varchar => type.Length > 0 ? Varchar : Text,
        TypeId.Date => Date,
        TypeId.Timestamp => Timestamp,
        TypeId.TimestampTz => TimestampTz,
        TypeId.Interval => Interval,
        _ => Text,
    };

    /// <summary>pg_type.typlen: the fixed byte size, or -1 for variable-length types.</summary>
    public static short TypeLength(SqlType type) => type.Id switch
    {
        TypeId.Boolean => 1,
        TypeId.SmallInt => 2,
        TypeId.Integer or TypeId.Real or TypeId.Date => 4,
        TypeId.BigInt or TypeId.Double or TypeId.Timestamp or TypeId.TimestampTz => 8,
        TypeId.Interval => 16,
        _ => -1,
    };

    /// <summary>The type modifier (atttypmod): n+4 for char(n)/varchar(n), ((p &lt;&lt; 16) | s) + 4 for numeric(p,s), else -1.</summary>
    public static int TypeModifier(SqlType type) => type.Id switch
    {
        TypeId.Char or TypeId.Varchar when type.Length > 0 => type.Length + 4,
        TypeId.Decimal => ((type.Precision << 16) | type.Scale) + 4,
        _ => -1,
    };

    /// <summary>
    /// The engine type for a parameter or cast declared with OID <paramref name="oid"/>; null when the OID is 0/unknown
    /// (infer from context) or names a type the engine does not have.
    /// </summary>
    public static SqlType? FromOid(int oid) => oid switch
    {
        Bool => SqlType.Boolean,
        Int2 => SqlType.SmallInt,
        Int4 => SqlType.Integer,
        Int8 => SqlType.BigInt,
        OidType or RegClass or RegType or RegProc => SqlType.BigInt,
        Numeric => SqlType.Decimal(SqlType.MaxDecimalPrecision, UnconstrainedNumericScale),
        Float4 => SqlType.Real,
        Float8 => SqlType.Double,
        Text or Varchar or BpChar or Name or Char1 => SqlType.Text,
        Date => SqlType.Date,
        Timestamp => SqlType.Timestamp,
        TimestampTz => SqlType.TimestampTz,
        Interval => SqlType.Interval,
        _ => null,
    };
}
