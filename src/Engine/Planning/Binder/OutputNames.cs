using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>PostgreSQL's names for unaliased select-list expressions.</summary>
internal static class OutputNames
{
    public static string Derive(Expr e) => e switch
    {
        ColumnRef c => c.Name,
        FunctionCall f => f.Name,
        CastExpr c => c.Operand is ColumnRef or FunctionCall or CastExpr ? Derive(c.Operand) : TypeName(c),
        CaseExpr => "case",
        ExtractExpr => "extract",
        ExistsExpr => "exists",
        ScalarSubqueryExpr s => s.Subquery.Body is SelectQuery { Items: [ExprSelectItem item] } ? item.Alias ?? Derive(item.Expr) : "?column?",
        CurrentValueExpr c => c.Kind switch
        {
            CurrentValueKind.CurrentDate => "current_date",
            CurrentValueKind.CurrentTimestamp => "current_timestamp",
            CurrentValueKind.LocalTimestamp => "localtimestamp",
            CurrentValueKind.SysDate => "sysdate",
            CurrentValueKind.CurrentSchema => "current_schema",
            CurrentValueKind.CurrentDatabase => "current_database",
            CurrentValueKind.SessionUser => "session_user",
            _ => "current_user",
        },
        TypedLiteral t => TypeName(new CastExpr(t.Position, new NullLiteral(t.Position), t.Type)),
        IntervalLiteral => "interval",
        _ => "?column?",
    };

    /// <summary>PostgreSQL names a bare cast after the type's internal name (int4, numeric, text, ...).</summary>
    private static string TypeName(CastExpr c) => c.Type.Id switch
    {
        Types.TypeId.Boolean => "bool",
        Types.TypeId.SmallInt => "int2",
        Types.TypeId.Integer => "int4",
        Types.TypeId.BigInt => "int8",
        Types.TypeId.Decimal => "numeric",
        Types.TypeId.Real => "float4",
        Types.TypeId.Double => "float8",
        Types.TypeId.Char => "bpchar",
        Types.TypeId.Varchar => "varchar",
        Types.TypeId.Date => "date",
        Types.TypeId.Timestamp => "timestamp",
        Types.TypeId.TimestampTz => "timestamptz",
        Types.TypeId.Interval => "interval",
        _ => "?column?",
    };
}
