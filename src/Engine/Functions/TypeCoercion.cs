using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions;

/// <summary>
/// The common type of two values that must be combined (CASE branches, COALESCE, UNION columns, IN lists,
/// comparisons), following PostgreSQL's rules: unknown literals take the other type; numerics widen along
/// smallint → integer → bigint → numeric → real → double; DECIMALs unite integer digits and scale;
/// CHAR/VARCHAR give VARCHAR; DATE with TIMESTAMP gives TIMESTAMP. No common type raises 42804.
/// </summary>
public static class TypeCoercion
{
    public static SqlType CommonType(SqlType a, SqlType b)
    {
        if (a.Id == TypeId.Unknown) return b.Id == TypeId.Unknown ? SqlType.Text : b;
        if (a == b) return a;
        if (b.Id == TypeId.Unknown) return a;

        int ra = TypeCategories.NumericRank(a.Id), rb = TypeCategories.NumericRank(b.Id);
        if (ra >= 0 && rb >= 0)
        {
            if (a.Id == TypeId.Decimal || b.Id == TypeId.Decimal)
            {
                if (ra > 3 || rb > 3) return ra > rb ? a : b; // float wins over numeric
                return UniteDecimals(AsDecimal(a), AsDecimal(b));
            }
            return ra >= rb ? a : b;
        }
        if (a.IsString && b.IsString)
        {
            if (a.Id == TypeId.Char && b.Id == TypeId.Char) return SqlType.Char(Math.Max(a.Length, b.Length));
            int length = a.Length == 0 || b.Length == 0 ? 0 : Math.Max(a.Length, b.Length);
            return SqlType.Varchar(length);
        }
        if (a.IsTemporal && b.IsTemporal)
        {
            if (a.Id == TypeId.TimestampTz || b.Id == TypeId.TimestampTz) return SqlType.TimestampTz;
            return SqlType.Timestamp;
        }
        if (a.Id == b.Id) return a;
        throw new SqlException(SqlState.DatatypeMismatch, $"types {a} and {b} cannot be matched");
    }

    /// <summary>The common type of several values: unknown literals are skipped; all unknown gives text.</summary>
    public static SqlType CommonType(IReadOnlyList<SqlType> types)
    {
        SqlType? result = null;
        foreach (var type in types)
        {
            if (type.Id == TypeId.Unknown) continue;
            result = result is { } r ? CommonType(r, type) : type;
        }
        return result ?? SqlType.Text;
    }

    /// <summary>An integer type as the DECIMAL(p,0) that holds all its values; DECIMAL unchanged.</summary>
    public static SqlType AsDecimal(SqlType type) =>
        type.Id == TypeId.Decimal ? type : SqlType.Decimal(TypeCategories.IntegerPrecision(type.Id), 0);

    /// <summary>DECIMAL able to hold both: the larger integer part and the larger scale, capped at 38 digits.</summary>
    public static SqlType UniteDecimals(SqlType a, SqlType b)
    {
        int scale = Math.Max(a.Scale, b.Scale);
        int integerDigits = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale);
        int precision = Math.Min(SqlType.MaxDecimalPrecision, integerDigits + scale);
        return SqlType.Decimal(Math.Max(precision, 1), Math.Min(scale, precision));
    }
}
