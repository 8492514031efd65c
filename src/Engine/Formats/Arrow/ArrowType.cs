using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Formats.Arrow;

/// <summary>The Arrow logical types we read or write (the ids are the <c>Type</c> union tags of Schema.fbs).</summary>
internal enum ArrowTypeKind : byte
{
    Null = 1,
    Int = 2,
    FloatingPoint = 3,
    Utf8 = 5,
    Bool = 6,
    Decimal = 7,
    Date = 8,
    Timestamp = 10,
    Interval = 11,
    LargeUtf8 = 20,
}

/// <summary>
/// An Arrow type with its parameters. <see cref="BitWidth"/> applies to Int and Decimal,
/// <see cref="Precision"/> to FloatingPoint (0 half, 1 single, 2 double) and Decimal,
/// <see cref="Unit"/> to Date, Timestamp and Interval.
/// </summary>
internal sealed record ArrowType(
    ArrowTypeKind Kind,
    int BitWidth = 0,
    bool Signed = true,
    int Precision = 0,
    int Scale = 0,
    short Unit = 0,
    string? TimeZone = null)
{
    public const short DateDay = 0, DateMillisecond = 1;
    public const short Second = 0, Millisecond = 1, Microsecond = 2, Nanosecond = 3;
    public const short YearMonth = 0, DayTime = 1, MonthDayNano = 2;
    public const short Half = 0, Single = 1, Double = 2;

    public override string ToString() => Kind switch
    {
        ArrowTypeKind.Int => $"{(Signed ? "" : "u")}int{BitWidth}",
        ArrowTypeKind.FloatingPoint => $"float(precision {Precision})",
        ArrowTypeKind.Decimal => $"decimal{BitWidth}({Precision},{Scale})",
        ArrowTypeKind.Date => $"date(unit {Unit})",
        ArrowTypeKind.Timestamp => $"timestamp(unit {Unit}{(TimeZone is null ? "" : ", " + TimeZone)})",
        ArrowTypeKind.Interval => $"interval(unit {Unit})",
        _ => Kind.ToString(),
    };
}

/// <summary>Dictionary encoding of a field: the dictionary id and the integer type of the indices.</summary>
internal sealed record ArrowDictionary(long Id, int IndexBitWidth, bool IndexSigned);

/// <summary>A schema field as read from a stream: its Arrow type, dictionary encoding and our SQL type.</summary>
internal sealed record ArrowFieldInfo(string Name, bool Nullable, ArrowType Type, ArrowDictionary? Dictionary, SqlType SqlType);
