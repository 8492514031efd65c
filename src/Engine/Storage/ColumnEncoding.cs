using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Column compression encodings (Redshift's ENCODE names). The byte values are written into block headers,
/// so never renumber them.
/// </summary>
public enum ColumnEncoding : byte
{
    /// <summary>Let the writer pick per block from the data (ENCODE AUTO).</summary>
    Auto = 0,
    Raw = 1,
    RunLength = 2,
    Delta = 3,
    Delta32K = 4,
    ByteDict = 5,
    Mostly8 = 6,
    Mostly16 = 7,
    Mostly32 = 8,
    Az64 = 9,
    /// <summary>General-purpose byte compression (zstd, or Brotli where libzstd is missing). LZO, TEXT255 and TEXT32K map here.</summary>
    Zstd = 10,
}

/// <summary>Names and type rules of <see cref="ColumnEncoding"/>.</summary>
public static class ColumnEncodings
{
    /// <summary>Maps an ENCODE name (case-insensitive) to an encoding; unknown names raise 42704.</summary>
    public static ColumnEncoding Parse(string name) => name.ToUpperInvariant() switch
    {
        "AUTO" => ColumnEncoding.Auto,
        "RAW" or "NONE" => ColumnEncoding.Raw,
        "RUNLENGTH" or "RLE" => ColumnEncoding.RunLength,
        "DELTA" => ColumnEncoding.Delta,
        "DELTA32K" => ColumnEncoding.Delta32K,
        "BYTEDICT" => ColumnEncoding.ByteDict,
        "MOSTLY8" => ColumnEncoding.Mostly8,
        "MOSTLY16" => ColumnEncoding.Mostly16,
        "MOSTLY32" => ColumnEncoding.Mostly32,
        "AZ64" => ColumnEncoding.Az64,
        "ZSTD" or "LZO" or "TEXT255" or "TEXT32K" => ColumnEncoding.Zstd,
        _ => throw new SqlException(SqlState.UndefinedObject, $"invalid encoding type \"{name}\""),
    };

    /// <summary>The Redshift spelling shown by pg_table_def and similar views.</summary>
    public static string Name(ColumnEncoding encoding) => encoding switch
    {
        ColumnEncoding.Auto => "auto",
        ColumnEncoding.Raw => "none",
        ColumnEncoding.RunLength => "runlength",
        ColumnEncoding.Delta => "delta",
        ColumnEncoding.Delta32K => "delta32k",
        ColumnEncoding.ByteDict => "bytedict",
        ColumnEncoding.Mostly8 => "mostly8",
        ColumnEncoding.Mostly16 => "mostly16",
        ColumnEncoding.Mostly32 => "mostly32",
        ColumnEncoding.Az64 => "az64",
        ColumnEncoding.Zstd => "zstd",
        _ => encoding.ToString().ToLowerInvariant(),
    };

    /// <summary>True when <paramref name="encoding"/> may be declared for a column of <paramref name="type"/>.</summary>
    public static bool IsAllowed(ColumnEncoding encoding, SqlType type) => encoding switch
    {
        ColumnEncoding.Auto or ColumnEncoding.Raw or ColumnEncoding.RunLength or ColumnEncoding.Zstd => true,
        ColumnEncoding.ByteDict => type.Id != TypeId.Boolean,
        ColumnEncoding.Delta or ColumnEncoding.Delta32K or ColumnEncoding.Az64 => IsIntegerFamily(type),
        ColumnEncoding.Mostly8 => IsIntegerFamily(type) && type.Id is not TypeId.Date,
        ColumnEncoding.Mostly16 => IsIntegerFamily(type) && type.Id is not (TypeId.SmallInt or TypeId.Date),
        ColumnEncoding.Mostly32 => IsIntegerFamily(type) && type.Id is not (TypeId.SmallInt or TypeId.Integer or TypeId.Date),
        _ => false,
    };

    /// <summary>Raises 42P16 when the declared encoding cannot be used for the column's type (CREATE TABLE check).</summary>
    public static void Validate(ColumnLayout column)
    {
        if (!IsAllowed(column.Encoding, column.Type))
            throw new SqlException(SqlState.InvalidTableDefinition,
                $"invalid encoding type specified for column \"{column.Name}\": {Name(column.Encoding)} cannot encode {column.Type}");
    }

    /// <summary>Types whose physical value widens losslessly to a 64-bit integer (the numeric codecs' domain).</summary>
    public static bool IsIntegerFamily(SqlType type) => type.Id switch
    {
        TypeId.SmallInt or TypeId.Integer or TypeId.BigInt or TypeId.Date or TypeId.Timestamp or TypeId.TimestampTz => true,
        TypeId.Decimal => !type.IsWideDecimal,
        _ => false,
    };
}
