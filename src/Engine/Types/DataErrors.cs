using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Types;

/// <summary>The data-exception errors (SQLSTATE class 22) with PostgreSQL's message texts.</summary>
public static class DataErrors
{
    public static SqlException InvalidText(SqlType type, string text) =>
        new(SqlState.InvalidTextRepresentation, $"invalid input syntax for type {InputTypeName(type)}: \"{text}\"");

    public static SqlException InvalidDatetime(SqlType type, string text) =>
        new(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type {InputTypeName(type)}: \"{text}\"");

    public static SqlException DatetimeOverflow(string text) =>
        new(SqlState.DatetimeFieldOverflow, $"date/time field value out of range: \"{text}\"");

    public static SqlException OutOfRange(SqlType type) => type.Id switch
    {
        TypeId.SmallInt => new(SqlState.NumericValueOutOfRange, "smallint out of range"),
        TypeId.Integer => new(SqlState.NumericValueOutOfRange, "integer out of range"),
        TypeId.BigInt => new(SqlState.NumericValueOutOfRange, "bigint out of range"),
        TypeId.Decimal => new(SqlState.NumericValueOutOfRange, "numeric field overflow",
            detail: $"A field with precision {type.Precision}, scale {type.Scale} must round to an absolute value less than 10^{type.Precision - type.Scale}."),
        TypeId.Real or TypeId.Double => new(SqlState.NumericValueOutOfRange, "value out of range: overflow"),
        TypeId.Date => new(SqlState.DatetimeFieldOverflow, "date out of range"),
        TypeId.Timestamp or TypeId.TimestampTz => new(SqlState.DatetimeFieldOverflow, "timestamp out of range"),
        TypeId.Interval => new(SqlState.DatetimeFieldOverflow, "interval out of range"),
        _ => new(SqlState.NumericValueOutOfRange, $"value out of range for type {type}"),
    };

    public static SqlException OutOfRangeForType(SqlType type, string text) =>
        new(SqlState.NumericValueOutOfRange, $"value \"{text}\" is out of range for type {InputTypeName(type)}");

    public static SqlException DivisionByZero() => new(SqlState.DivisionByZero, "division by zero");

    public static SqlException StringTooLong(SqlType type) =>
        new(SqlState.StringDataRightTruncation, $"value too long for type {type}");

    public static SqlException InvalidParameter(string message) => new(SqlState.InvalidParameterValue, message);

    /// <summary>The type name PostgreSQL quotes in input errors ("numeric", not "numeric(15,2)").</summary>
    public static string InputTypeName(SqlType type) => type.Id switch
    {
        TypeId.Decimal => "numeric",
        TypeId.Char => "character",
        TypeId.Varchar => "character varying",
        _ => type.ToString(),
    };
}
