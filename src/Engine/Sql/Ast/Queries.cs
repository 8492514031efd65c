namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>Base of query expressions: SELECT blocks, set operations, VALUES and full queries.</summary>
public abstract record QueryExpr(int Position) : Node(Position);

/// <summary>
/// A complete query: optional WITH, a body, ORDER BY and LIMIT/OFFSET. Also used for parenthesized
/// queries inside set operations, subqueries and CTEs. <see cref="Limit"/> null means no limit
/// (LIMIT ALL included); TOP n and FETCH FIRST n ROWS ONLY set <see cref="Limit"/>.
/// </summary>
public sealed record Query(
    int Position,
    WithClause? With,
    QueryExpr Body,
    IReadOnlyList<OrderItem> OrderBy,
    Expr? Limit,
    Expr? Offset) : QueryExpr(Position);

/// <summary><c>WITH [RECURSIVE] cte [, ...]</c>.</summary>
public sealed record WithClause(int Position, bool Recursive, IReadOnlyList<CommonTableExpr> Ctes) : Node(Position);

/// <summary>
/// One CTE <c>name [(columns)] AS [[NOT] MATERIALIZED] (query)</c>. <see cref="Materialized"/> records
/// the hint (null when absent); it does not change results.
/// </summary>
public sealed record CommonTableExpr(int Position, string Name, IReadOnlyList<string>? Columns, Query Query, bool? Materialized) : Node(Position);

/// <summary>
/// One SELECT block. <see cref="From"/> holds the comma-separated FROM items (an implicit cross
/// join of them, empty when there is no FROM). <c>TABLE t</c> is parsed as <c>SELECT * FROM t</c>.
/// </summary>
public sealed record SelectQuery(
    int Position,
    bool Distinct,
    IReadOnlyList<SelectItem> Items,
    IReadOnlyList<TableRef> From,
    Expr? Where,
    IReadOnlyList<GroupingElement> GroupBy,
    Expr? Having,
    IReadOnlyList<NamedWindow> Windows) : QueryExpr(Position);

/// <summary>Set operators; INTERSECT binds tighter than UNION and EXCEPT (MINUS is Redshift's EXCEPT).</summary>
public enum SetOperator { Union, Intersect, Except }

/// <summary><c>left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right</c>; <see cref="All"/> false means DISTINCT.</summary>
public sealed record SetOperationQuery(int Position, SetOperator Operator, bool All, QueryExpr Left, QueryExpr Right) : QueryExpr(Position);

/// <summary><c>VALUES (a, b), (c, d)</c>: rows of equal length (may contain <see cref="DefaultValueExpr"/> in INSERT).</summary>
public sealed record ValuesQuery(int Position, IReadOnlyList<IReadOnlyList<Expr>> Rows) : QueryExpr(Position);

/// <summary>Base of select-list items.</summary>
public abstract record SelectItem(int Position) : Node(Position);

/// <summary><c>expr [[AS] alias]</c>; <see cref="Alias"/> null when none was written.</summary>
public sealed record ExprSelectItem(int Position, Expr Expr, string? Alias) : SelectItem(Position);

/// <summary><c>*</c> (no qualifier) or <c>t.*</c> / <c>s.t.*</c> (qualifier parts in order).</summary>
public sealed record StarSelectItem(int Position, IReadOnlyList<string>? Qualifier) : SelectItem(Position);

/// <summary>
/// One ORDER BY item. An integer literal <see cref="Expr"/> is an output-column ordinal (binder's job).
/// <see cref="NullsFirst"/> null means the default (NULLS LAST for ASC, NULLS FIRST for DESC).
/// </summary>
public sealed record OrderItem(int Position, Expr Expr, bool Descending, bool? NullsFirst) : Node(Position);

/// <summary>Base of GROUP BY elements.</summary>
public abstract record GroupingElement(int Position) : Node(Position);

/// <summary>A plain GROUP BY expression (an integer literal is an ordinal of the select list).</summary>
public sealed record ExprGrouping(int Position, Expr Expr) : GroupingElement(Position);

/// <summary>The empty grouping set <c>()</c>.</summary>
public sealed record EmptyGrouping(int Position) : GroupingElement(Position);

/// <summary>
/// <c>ROLLUP (a, (b, c), ...)</c>: each inner list is one rollup element (a parenthesized group counts
/// as one element).
/// </summary>
public sealed record RollupGrouping(int Position, IReadOnlyList<IReadOnlyList<Expr>> Elements) : GroupingElement(Position);

/// <summary><c>CUBE (a, (b, c), ...)</c>, elements as for <see cref="RollupGrouping"/>.</summary>
public sealed record CubeGrouping(int Position, IReadOnlyList<IReadOnlyList<Expr>> Elements) : GroupingElement(Position);

/// <summary>
/// <c>GROUPING SETS (set, ...)</c>; each set is a grouping element (an <see cref="ExprGrouping"/> of a
/// <see cref="RowExpr"/> for <c>(a, b)</c>, <see cref="EmptyGrouping"/>, or nested ROLLUP/CUBE/GROUPING SETS).
/// </summary>
public sealed record GroupingSetsGrouping(int Position, IReadOnlyList<GroupingElement> Sets) : GroupingElement(Position);

/// <summary>A named window from the WINDOW clause: <c>WINDOW name AS (spec)</c>.</summary>
public sealed record NamedWindow(int Position, string Name, WindowSpec Spec) : Node(Position);
