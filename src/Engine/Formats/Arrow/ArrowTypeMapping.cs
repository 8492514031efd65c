using System.Globalization;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>
/// How our SQL types map to Arrow types and back. CHAR(n)/VARCHAR(n) become Utf8 and keep their
/// declared length in the field's custom metadata (<see cref="SqlTypeMetadataKey"/>), so a stream we
/// wrote reads back with the same types; other writers' Utf8 reads as unbounded VARCHAR.
/// </summary>
internal static class ArrowTypeMapping
{
    public const string SqlTypeMetadataKey = "actorwarehouse.sql_type";

    public static ArrowType ToArrow(SqlType type) => type.Id switch
    {
        TypeId.Unknown => new ArrowType(ArrowTypeKind.Null),
        TypeId.Boolean => new ArrowType(ArrowTypeKind.Bool),
        TypeId.SmallInt => new ArrowType(ArrowTypeKind.Int, BitWidth: 16),
        TypeId.Integer => new ArrowType(ArrowTypeKind.Int, BitWidth: 32),
        TypeId.BigInt => new ArrowType(ArrowTypeKind.Int, BitWidth: 64),
        TypeId.Decimal => new ArrowType(ArrowTypeKind.Decimal, BitWidth: 128, Precision: type.Precision, Scale: type.Scale),
        TypeId.Real => new ArrowType(ArrowTypeKind.FloatingPoint, Precision: ArrowType.Single),
        TypeId.Double => new ArrowType(ArrowTypeKind.FloatingPoint, Precision: ArrowType.Double),
        TypeId.Char or TypeId.Varchar => new ArrowType(ArrowTypeKind.Utf8),
        TypeId.Date => new ArrowType(ArrowTypeKind.Date, Unit: ArrowType.DateDay),
        TypeId.Timestamp => new ArrowType(ArrowTypeKind.Timestamp, Unit: ArrowType.Microsecond),
        TypeId.TimestampTz => new ArrowType(ArrowTypeKind.Timestamp, Unit: ArrowType.Microsecond, TimeZone: "UTC"),
        TypeId.Interval => new ArrowType(ArrowTypeKind.Interval, Unit: ArrowType.MonthDayNano),
        _ => throw ArrowFormatException.Unsupported($"export of type {type}"),
    };

    /// <summary>The metadata value that records a string type's declared length, or null when none is needed.</summary>
    public static string? SqlTypeMetadata(SqlType type) => type.Id switch
    {
        TypeId.Char => $"char({type.Length})",
        TypeId.Varchar when type.Length > 0 => $"varchar({type.Length})",
        _ => null,
    };

    public static SqlType ToSqlType(ArrowType arrow, string? sqlTypeMetadata) => arrow.Kind switch
    {
        ArrowTypeKind.Null => SqlType.Unknown,
        ArrowTypeKind.Bool => SqlType.Boolean,
        ArrowTypeKind.Int => IntegerType(arrow),
        ArrowTypeKind.FloatingPoint => arrow.Precision switch
        {
            ArrowType.Half or ArrowType.Single => SqlType.Real,
            ArrowType.Double => SqlType.Double,
            _ => throw ArrowFormatException.Malformed($"floating point precision {arrow.Precision}"),
        },
        ArrowTypeKind.Decimal => DecimalType(arrow),
        ArrowTypeKind.Utf8 or ArrowTypeKind.LargeUtf8 => StringType(sqlTypeMetadata),
        ArrowTypeKind.Date => arrow.Unit is ArrowType.DateDay or ArrowType.DateMillisecond
            ? SqlType.Date : throw ArrowFormatException.Malformed($"date unit {arrow.Unit}"),
        ArrowTypeKind.Timestamp => arrow.Unit is >= ArrowType.Second and <= ArrowType.Nanosecond
            ? (string.IsNullOrEmpty(arrow.TimeZone) ? SqlType.Timestamp : SqlType.TimestampTz)
            : throw ArrowFormatException.Malformed($"timestamp unit {arrow.Unit}"),
        ArrowTypeKind.Interval => arrow.Unit is >= ArrowType.YearMonth and <= ArrowType.MonthDayNano
            ? SqlType.Interval : throw ArrowFormatException.Malformed($"interval unit {arrow.Unit}"),
        _ => throw ArrowFormatException.Unsupported($"type {arrow}"),
    };

    private static SqlType IntegerType(ArrowType arrow) => (arrow.BitWidth, arrow.Signed) switch
    {
        (8, _) or (16, true) => SqlType.SmallInt,
        (16, false) or (32, true) => SqlType.Integer,
        (32, false) or (64, true) => SqlType.BigInt,
        (64, false) => SqlType.Decimal(20, 0),
        _ => throw ArrowFormatException.Malformed($"integer bit width {arrow.BitWidth}"),
    };

    private static SqlType DecimalType(ArrowType arrow)
    {
        if (arrow.BitWidth != 128) throw ArrowFormatException.Unsupported($"decimal bit width {arrow.BitWidth}");
        if (arrow.Precision < 1 || arrow.Precision > SqlType.MaxDecimalPrecision)
            throw ArrowFormatException.Unsupported($"decimal precision {arrow.Precision}");
        if (arrow.Scale < 0 || arrow.Scale > arrow.Precision)
            throw ArrowFormatException.Unsupported($"decimal scale {arrow.Scale} with precision {arrow.Precision}");
        return SqlType.Decimal(arrow.Precision, arrow.Scale);
    }

    private static SqlType StringType(string? metadata)
    {
        if (metadata is null) return SqlType.Text;
        if (TryParseLength(metadata, "char(", out int charLength)) return SqlType.Char(charLength);
        if (TryParseLength(metadata, "varchar(", out int varcharLength)) return SqlType.Varchar(varcharLength);
        return SqlType.Text;
    }

    private static bool TryParseLength(string text, string prefix, out int length)
    {
        length = 0;
        return text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith(')')
            && int.TryParse(text.AsSpan(prefix.Length, text.Length - prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out length)
            && length >= 0;
    }
}
