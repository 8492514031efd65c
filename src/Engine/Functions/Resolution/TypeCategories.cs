using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Resolution;

/// <summary>PostgreSQL's type categories and preferred types, which steer overload resolution.</summary>
internal static class TypeCategories
{
    public enum Category { Unknown, Boolean, Numeric, String, DateTime, Timespan }

    public static Category Of(TypeId id) => id switch
    {
        TypeId.Boolean => Category.Boolean,
        TypeId.SmallInt or TypeId.Integer or TypeId.BigInt or TypeId.Decimal or TypeId.Real or TypeId.Double => Category.Numeric,
        TypeId.Char or TypeId.Varchar => Category.String,
        TypeId.Date or TypeId.Timestamp or TypeId.TimestampTz => Category.DateTime,
        TypeId.Interval => Category.Timespan,
        _ => Category.Unknown,
    };

    /// <summary>The preferred type of each category (float8, text, timestamptz, interval, boolean).</summary>
    public static bool IsPreferred(TypeId id) => id is TypeId.Double or TypeId.Varchar or TypeId.TimestampTz or TypeId.Interval or TypeId.Boolean;

    /// <summary>Position in the numeric widening ladder smallint → int → bigint → numeric → real → double.</summary>
    public static int NumericRank(TypeId id) => id switch
    {
        TypeId.SmallInt => 0,
        TypeId.Integer => 1,
        TypeId.BigInt => 2,
        TypeId.Decimal => 3,
        TypeId.Real => 4,
        TypeId.Double => 5,
        _ => -1,
    };

    /// <summary>Digits needed to hold any value of an integer type as a DECIMAL(p,0).</summary>
    public static int IntegerPrecision(TypeId id) => id switch
    {
        TypeId.SmallInt => 5,
        TypeId.Integer => 10,
        _ => 19,
    };

    /// <summary>True when a value of family <paramref name="from"/> converts implicitly to family <paramref name="to"/>.</summary>
    public static bool ImplicitFamily(TypeId from, TypeId to)
    {
        if (from == to || from == TypeId.Unknown) return true;
        int rf = NumericRank(from), rt = NumericRank(to);
        if (rf >= 0 && rt >= 0) return rf < rt;
        return (from, to) switch
        {
            (TypeId.Char, TypeId.Varchar) or (TypeId.Varchar, TypeId.Char) => true,
            (TypeId.Date, TypeId.Timestamp) or (TypeId.Date, TypeId.TimestampTz) or (TypeId.Timestamp, TypeId.TimestampTz) => true,
            _ => false,
        };
    }

    /// <summary>Exact for resolution purposes: CHAR and VARCHAR share every operator here (CHAR values are stored trimmed).</summary>
    public static bool SameFamily(TypeId a, TypeId b) =>
        a == b || (a is TypeId.Char or TypeId.Varchar && b is TypeId.Char or TypeId.Varchar);

    /// <summary>The concrete parameter type when an argument of type <paramref name="arg"/> is passed to a parameter of family <paramref name="param"/>.</summary>
    public static SqlType Concretize(SqlType arg, TypeId param)
    {
        if (SameFamily(arg.Id, param)) return param == TypeId.Varchar && arg.Id == TypeId.Char ? arg : arg.Id == param ? arg : new SqlType(param);
        if (param == TypeId.Decimal)
        {
            if (arg.IsInteger) return SqlType.Decimal(IntegerPrecision(arg.Id), 0);
            return SqlType.Decimal(SqlType.MaxDecimalPrecision, UnknownDecimalScale);
        }
        return param == TypeId.Varchar ? SqlType.Text : new SqlType(param);
    }

    /// <summary>Scale given to a string literal read as numeric where no other type fixes it.</summary>
    public const int UnknownDecimalScale = 6;
}
