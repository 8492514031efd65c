using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Lexer;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>Type names: PostgreSQL and Redshift spellings resolved to <see cref="SqlType"/>.</summary>
internal sealed partial class Parser
{
    /// <summary>Redshift's DECIMAL default when no precision is given.</summary>
    private const int DefaultDecimalPrecision = 18;

    /// <summary>True when the current word starts a type name this parser knows (used for typed literals).</summary>
    private bool IsTypeNameStart(Token t) => t.Kind == TokenKind.Identifier && t.Text switch
    {
        "int" or "integer" or "int2" or "int4" or "int8" or "smallint" or "bigint" or "numeric" or "decimal" or "dec"
            or "real" or "float" or "float4" or "float8" or "double" or "bool" or "boolean" or "text" or "varchar"
            or "char" or "character" or "bpchar" or "nchar" or "nvarchar" or "date" or "timestamp" or "timestamptz"
            or "interval" or "time" or "timetz" => true,
        _ => false,
    };

    /// <summary>
    /// Parses a type name. Unsupported but real types (time, json, super, arrays, ...) raise 0A000; an
    /// unknown name raises 42704 like PostgreSQL's "type does not exist".
    /// VARCHAR/TEXT without a length is unbounded (length 0); CHAR without a length is CHAR(1);
    /// DECIMAL without precision is DECIMAL(18,0) as in Redshift.
    /// </summary>
    private SqlType ParseType()
    {
        Token start = Current;
        if (start.Kind is not (TokenKind.Identifier or TokenKind.QuotedIdentifier))
        {
            throw Unexpected();
        }
        string name = Advance().Text;
        if (name == "pg_catalog" && AcceptSymbol("."))
        {
            start = Current;
            name = ParseLabel();
        }
        SqlType type;
        switch (name)
        {
            case "int" or "integer" or "int4":
                type = SqlType.Integer;
                break;
            case "smallint" or "int2":
                type = SqlType.SmallInt;
                break;
            case "bigint" or "int8":
                type = SqlType.BigInt;
                break;
            case "numeric" or "decimal" or "dec":
                type = ParseDecimalModifiers(start);
                break;
            case "real" or "float4":
                type = SqlType.Real;
                break;
            case "float8":
                type = SqlType.Double;
                break;
            case "float":
                type = SqlType.Double;
                if (AcceptSymbol("("))
                {
                    int p = ParseInt32Constant();
                    ExpectSymbol(")");
                    if (p is < 1 or > 53)
                    {
                        throw new SqlException(SqlState.InvalidParameterValue, $"precision for type float must be between 1 and 53 bits", start.Start + 1);
                    }
                    type = p <= 24 ? SqlType.Real : SqlType.Double;
                }
                break;
            case "double":
                ExpectWord("precision");
                type = SqlType.Double;
                break;
            case "bool" or "boolean":
                type = SqlType.Boolean;
                break;
            case "text":
                type = SqlType.Text;
                break;
            case "varchar" or "nvarchar":
                type = SqlType.Varchar(ParseOptionalLength(start, 0));
                break;
            case "character" or "char" or "nchar":
                if (AcceptWord("varying"))
                {
                    type = SqlType.Varchar(ParseOptionalLength(start, 0));
                }
                else
                {
                    type = SqlType.Char(ParseOptionalLength(start, 1));
                }
                break;
            case "bpchar":
                type = SqlType.Char(ParseOptionalLength(start, 0));
                break;
            case "date":
                type = SqlType.Date;
                break;
            case "timestamp":
                SkipTimePrecision();
                type = SqlType.Timestamp;
                if (IsWord("with") && IsWordAt(1, "time") && IsWordAt(2, "zone"))
                {
                    Advance(); Advance(); Advance();
                    type = SqlType.TimestampTz;
                }
                else if (IsWord("without") && IsWordAt(1, "time") && IsWordAt(2, "zone"))
                {
                    Advance(); Advance(); Advance();
                }
                break;
            case "timestamptz":
                SkipTimePrecision();
                type = SqlType.TimestampTz;
                break;
            case "interval":
                ParseIntervalQualifier(out _, out _);
                type = SqlType.Interval;
                break;
            case "time" or "timetz" or "json" or "jsonb" or "super" or "varbyte" or "varbinary" or "binary varying"
                or "bytea" or "geometry" or "geography" or "hllsketch" or "uuid" or "money" or "bit" or "xml" or "oid":
                throw new SqlException(SqlState.FeatureNotSupported, $"type {name} is not supported", start.Start + 1);
            default:
                throw new SqlException(SqlState.UndefinedObject, $"type \"{name}\" does not exist", start.Start + 1);
        }
        if (IsSymbol("["))
        {
            throw NotSupported("array types", Current.Start);
        }
        return type;
    }

    private SqlType ParseDecimalModifiers(Token start)
    {
        if (!AcceptSymbol("("))
        {
            return SqlType.Decimal(DefaultDecimalPrecision, 0);
        }
        int precision = ParseInt32Constant();
        int scale = 0;
        if (AcceptSymbol(","))
        {
            scale = ParseInt32Constant();
        }
        ExpectSymbol(")");
        if (precision is < 1 or > SqlType.MaxDecimalPrecision)
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"NUMERIC precision {precision} must be between 1 and {SqlType.MaxDecimalPrecision}", start.Start + 1);
        }
        if (scale < 0 || scale > precision)
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"NUMERIC scale {scale} must be between 0 and precision {precision}", start.Start + 1);
        }
        return SqlType.Decimal(precision, scale);
    }

    private int ParseOptionalLength(Token start, int defaultLength)
    {
        if (!AcceptSymbol("("))
        {
            return defaultLength;
        }
        int length;
        if (AcceptWord("max"))
        {
            length = 65535; // Redshift's VARCHAR(MAX)
        }
        else
        {
            length = ParseInt32Constant();
        }
        ExpectSymbol(")");
        if (length < 1)
        {
            throw new SqlException(SqlState.InvalidParameterValue, $"length for type {RawText(start)} must be at least 1", start.Start + 1);
        }
        return length;
    }

    /// <summary>timestamp(p): the precision is accepted and ignored (microseconds are always kept).</summary>
    private void SkipTimePrecision()
    {
        if (AcceptSymbol("("))
        {
            ParseInt32Constant();
            ExpectSymbol(")");
        }
    }
}
