namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>PostgreSQL catalog types a value may be cast to (they exist for client catalog queries only).</summary>
public enum CatalogType
{
    /// <summary>oid: an object id (an integer here).</summary>
    Oid,
    /// <summary>regclass: relation name ↔ oid.</summary>
    RegClass,
    /// <summary>regtype: type name ↔ oid.</summary>
    RegType,
    /// <summary>regproc / regprocedure: function name ↔ oid.</summary>
    RegProc,
    /// <summary>regnamespace: schema name ↔ oid.</summary>
    RegNamespace,
    /// <summary>regrole: role name ↔ oid.</summary>
    RegRole,
    /// <summary>name: an identifier (text here).</summary>
    Name,
    /// <summary>"char": a single byte character (text here).</summary>
    Char1,
    /// <summary>xid / cid / tid style counters (integers here).</summary>
    Xid,
    /// <summary>A one-dimensional array type (text[], name[], oid[], int2vector, ...), kept in its text form '{a,b}'.</summary>
    Array,
}

/// <summary><c>x::regclass</c>, <c>x::oid</c>, <c>x::name</c>, <c>CAST(x AS regtype)</c> and the like.</summary>
public sealed record CatalogCastExpr(int Position, Expr Operand, CatalogType Type) : Expr(Position);

/// <summary><c>ARRAY(subquery)</c>: the subquery's single column collected into an array (its text form).</summary>
public sealed record ArraySubqueryExpr(int Position, Query Subquery) : Expr(Position);

/// <summary><c>ARRAY[a, b, ...]</c>: an array value (its text form).</summary>
public sealed record ArrayConstructorExpr(int Position, IReadOnlyList<Expr> Items) : Expr(Position);

/// <summary><c>x op ANY|ALL (array expression)</c> where the right side is an array value, not a subquery.</summary>
public sealed record ArrayComparisonExpr(int Position, BinaryOperator Operator, Quantifier Quantifier, Expr Left, Expr Array) : Expr(Position);

/// <summary><c>array[index]</c> (1-based; NULL outside the array).</summary>
public sealed record ArraySubscriptExpr(int Position, Expr Array, Expr Index) : Expr(Position);

/// <summary><c>(composite).field</c>: a field of a row-valued expression.</summary>
public sealed record FieldSelectExpr(int Position, Expr Operand, string Field) : Expr(Position);
