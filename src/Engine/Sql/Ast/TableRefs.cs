namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>Base of FROM items.</summary>
public abstract record TableRef(int Position) : Node(Position);

/// <summary><c>[AS] alias [(col, ...)]</c> after a FROM item; <see cref="Columns"/> null when no list.</summary>
public sealed record TableAlias(int Position, string Name, IReadOnlyList<string>? Columns) : Node(Position);

/// <summary>A table, view or CTE by name: <c>[db.][schema.]name [[AS] alias [(cols)]]</c>.</summary>
public sealed record NamedTableRef(int Position, QualifiedName Name, TableAlias? Alias) : TableRef(Position);

/// <summary>
/// A derived table <c>[LATERAL] (query) [AS] alias [(cols)]</c>, including <c>(VALUES ...) AS v(a, b)</c>
/// (then <see cref="Query"/>'s body is a <see cref="ValuesQuery"/>). PostgreSQL 16 makes the alias optional.
/// </summary>
public sealed record SubqueryTableRef(int Position, Query Query, TableAlias? Alias, bool Lateral) : TableRef(Position);

/// <summary>A set-returning function in FROM, e.g. <c>generate_series(1, 10) AS g(n)</c>.</summary>
public sealed record FunctionTableRef(int Position, FunctionCall Call, TableAlias? Alias) : TableRef(Position);

/// <summary>Join types. CROSS has no condition.</summary>
public enum JoinKind { Inner, Left, Right, Full, Cross }

/// <summary>
/// <c>left [NATURAL] {[INNER] | LEFT|RIGHT|FULL [OUTER] | CROSS} JOIN right [ON cond | USING (cols)]</c>.
/// Exactly one of <see cref="On"/>, <see cref="Using"/>, <see cref="Natural"/> applies except for CROSS.
/// A parenthesized join may carry an <see cref="Alias"/>. Position is the JOIN keyword's offset.
/// </summary>
public sealed record JoinTableRef(
    int Position,
    JoinKind Kind,
    TableRef Left,
    TableRef Right,
    Expr? On,
    IReadOnlyList<string>? Using,
    bool Natural,
    TableAlias? Alias = null) : TableRef(Position);
