using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>Base of every scalar expression.</summary>
public abstract record Expr(int Position) : Node(Position);

// ---------------------------------------------------------------- literals

/// <summary>The NULL literal (type unknown until coerced).</summary>
public sealed record NullLiteral(int Position) : Expr(Position);

/// <summary>TRUE or FALSE.</summary>
public sealed record BooleanLiteral(int Position, bool Value) : Expr(Position);

/// <summary>
/// An integer literal that fits a 64-bit integer. <see cref="Type"/> is INTEGER when the value fits
/// 32 bits, else BIGINT (PostgreSQL's rule). Larger integers become <see cref="NumericLiteral"/>.
/// </summary>
public sealed record IntegerLiteral(int Position, long Value, SqlType Type) : Expr(Position);

/// <summary>
/// An exact numeric literal with a decimal point (or an integer too large for BIGINT), kept as its
/// digits. <see cref="Type"/> is DECIMAL(p,s) with p/s from the digits (p may exceed 38: the binder
/// rejects it). <see cref="Text"/> is the literal without sign or exponent, e.g. "0.05".
/// </summary>
public sealed record NumericLiteral(int Position, string Text, SqlType Type) : Expr(Position);

/// <summary>A numeric literal with an exponent (1e5, 2.5E-3): DOUBLE PRECISION.</summary>
public sealed record FloatLiteral(int Position, double Value) : Expr(Position);

/// <summary>A quoted string literal ('..', E'..', $$..$$) with escapes already resolved; its type is unknown until coerced.</summary>
public sealed record StringLiteral(int Position, string Value) : Expr(Position);

/// <summary>
/// A typed string literal <c>type 'text'</c> such as <c>date '1998-12-01'</c> or <c>timestamp '...'</c>:
/// the text still has to be converted to <see cref="Type"/> (a cast of a string literal).
/// </summary>
public sealed record TypedLiteral(int Position, SqlType Type, string Text) : Expr(Position);

/// <summary>
/// An interval literal, already evaluated by the parser: <c>interval '90' day</c>, <c>interval '3 months'</c>,
/// <c>interval '1' year</c>, <c>interval '1 day 02:00:00'</c>. <see cref="Text"/> is the quoted text as written.
/// </summary>
public sealed record IntervalLiteral(int Position, Interval Value, string Text) : Expr(Position);

/// <summary>A positional parameter <c>$n</c> (<see cref="Index"/> is n, 1-based).</summary>
public sealed record ParameterRef(int Position, int Index) : Expr(Position);

/// <summary>
/// DEFAULT used as a value: inside INSERT ... VALUES rows and UPDATE ... SET col = DEFAULT.
/// </summary>
public sealed record DefaultValueExpr(int Position) : Expr(Position);

// ---------------------------------------------------------------- names

/// <summary>
/// A column reference <c>a</c>, <c>t.a</c>, <c>s.t.a</c> or <c>db.s.t.a</c>: <see cref="Parts"/> holds the
/// name parts in order, the column last (unquoted parts folded to lower case).
/// </summary>
public sealed record ColumnRef(int Position, IReadOnlyList<string> Parts) : Expr(Position)
{
    /// <summary>The column name (last part).</summary>
    public string Name => Parts[^1];

    /// <summary>The dotted name as written, unquoted (for messages).</summary>
    public override string ToString() => string.Join('.', Parts);
}

// ---------------------------------------------------------------- operators

/// <summary>Prefix operators.</summary>
public enum UnaryOperator
{
    /// <summary>Unary minus (function registry symbol "neg").</summary>
    Negate,
    /// <summary>Unary plus (a no-op on numbers).</summary>
    Plus,
    /// <summary>Logical NOT.</summary>
    Not,
}

/// <summary>A prefix operator applied to one operand.</summary>
public sealed record UnaryExpr(int Position, UnaryOperator Operator, Expr Operand) : Expr(Position);

/// <summary>Infix operators; <see cref="BinaryOperatorInfo.Symbol"/> gives the registry symbol.</summary>
public enum BinaryOperator
{
    Add, Subtract, Multiply, Divide, Modulo, Power,
    Concat,
    Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual,
    And, Or,
    /// <summary><c>~</c> POSIX regex match.</summary>
    RegexMatch,
    /// <summary><c>~*</c> case-insensitive regex match.</summary>
    RegexIMatch,
    /// <summary><c>!~</c>.</summary>
    NotRegexMatch,
    /// <summary><c>!~*</c>.</summary>
    NotRegexIMatch,
    BitAnd, BitOr, BitXor, ShiftLeft, ShiftRight,
}

/// <summary>Spellings of <see cref="BinaryOperator"/>.</summary>
public static class BinaryOperatorInfo
{
    /// <summary>The operator's symbol as the function registry resolves it ("+", "=", "||", ...; "and"/"or").</summary>
    public static string Symbol(this BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Power => "^",
        BinaryOperator.Concat => "||",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "and",
        BinaryOperator.Or => "or",
        BinaryOperator.RegexMatch => "~",
        BinaryOperator.RegexIMatch => "~*",
        BinaryOperator.NotRegexMatch => "!~",
        BinaryOperator.NotRegexIMatch => "!~*",
        BinaryOperator.BitAnd => "&",
        BinaryOperator.BitOr => "|",
        BinaryOperator.BitXor => "#",
        BinaryOperator.ShiftLeft => "<<",
        BinaryOperator.ShiftRight => ">>",
        _ => op.ToString(),
    };

    /// <summary>True for = &lt;&gt; &lt; &lt;= &gt; &gt;=.</summary>
    public static bool IsComparison(this BinaryOperator op) =>
        op is BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
            or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual;
}

/// <summary>An infix operator; <see cref="Node.Position"/> is the operator's offset.</summary>
public sealed record BinaryExpr(int Position, BinaryOperator Operator, Expr Left, Expr Right) : Expr(Position);

/// <summary><c>x IS [NOT] NULL</c>, also <c>x ISNULL</c> / <c>x NOTNULL</c>.</summary>
public sealed record IsNullExpr(int Position, Expr Operand, bool Negated) : Expr(Position);

/// <summary>The right side of IS [NOT] TRUE/FALSE/UNKNOWN.</summary>
public enum TruthValue { True, False, Unknown }

/// <summary><c>x IS [NOT] TRUE | FALSE | UNKNOWN</c> (never NULL itself).</summary>
public sealed record IsTruthExpr(int Position, Expr Operand, TruthValue Value, bool Negated) : Expr(Position);

/// <summary><c>a IS [NOT] DISTINCT FROM b</c>: null-safe (in)equality.</summary>
public sealed record IsDistinctFromExpr(int Position, Expr Left, Expr Right, bool Negated) : Expr(Position);

/// <summary><c>x [NOT] BETWEEN [SYMMETRIC] low AND high</c>.</summary>
public sealed record BetweenExpr(int Position, Expr Operand, Expr Low, Expr High, bool Negated, bool Symmetric) : Expr(Position);

/// <summary><c>x [NOT] IN (a, b, ...)</c>.</summary>
public sealed record InListExpr(int Position, Expr Operand, IReadOnlyList<Expr> Items, bool Negated) : Expr(Position);

/// <summary><c>x [NOT] IN (subquery)</c>; <see cref="Operand"/> may be a <see cref="RowExpr"/> for multi-column IN.</summary>
public sealed record InSubqueryExpr(int Position, Expr Operand, Query Subquery, bool Negated) : Expr(Position);

/// <summary>Which pattern language a <see cref="LikeExpr"/> uses.</summary>
public enum LikeKind
{
    Like,
    /// <summary>Case-insensitive LIKE.</summary>
    ILike,
    /// <summary>SQL-standard SIMILAR TO regular expressions.</summary>
    SimilarTo,
}

/// <summary><c>x [NOT] LIKE | ILIKE | SIMILAR TO pattern [ESCAPE e]</c>; also the operators ~~, ~~*, !~~, !~~*.</summary>
public sealed record LikeExpr(int Position, LikeKind Kind, Expr Operand, Expr Pattern, Expr? Escape, bool Negated) : Expr(Position);

/// <summary><c>[NOT] EXISTS (subquery)</c> (NOT arrives as a <see cref="UnaryExpr"/>).</summary>
public sealed record ExistsExpr(int Position, Query Subquery) : Expr(Position);

/// <summary>A scalar subquery <c>(SELECT ...)</c> used as a value: one column, at most one row.</summary>
public sealed record ScalarSubqueryExpr(int Position, Query Subquery) : Expr(Position);

/// <summary>ANY (= SOME) or ALL in a quantified comparison.</summary>
public enum Quantifier { Any, All }

/// <summary><c>x op ANY|SOME|ALL (subquery)</c>; <see cref="Operator"/> is a comparison (or LIKE-less arithmetic comparison).</summary>
public sealed record QuantifiedComparisonExpr(int Position, BinaryOperator Operator, Quantifier Quantifier, Expr Left, Query Subquery) : Expr(Position);

/// <summary>One <c>WHEN condition THEN result</c> arm of a CASE.</summary>
public sealed record WhenClause(int Position, Expr Condition, Expr Result) : Node(Position);

/// <summary>
/// CASE. Simple form when <see cref="Operand"/> is set (each WHEN holds a value compared with it),
/// searched form otherwise. <see cref="Else"/> null means ELSE NULL.
/// </summary>
public sealed record CaseExpr(int Position, Expr? Operand, IReadOnlyList<WhenClause> Whens, Expr? Else) : Expr(Position);

/// <summary><c>CAST(x AS type)</c> or <c>x::type</c> (also <c>CONVERT(type, x)</c>).</summary>
public sealed record CastExpr(int Position, Expr Operand, SqlType Type) : Expr(Position);

/// <summary><c>x AT TIME ZONE zone</c>.</summary>
public sealed record AtTimeZoneExpr(int Position, Expr Operand, Expr Zone) : Expr(Position);

/// <summary>A row constructor <c>(a, b)</c> or <c>ROW(a, b)</c> (comparisons and IN of rows).</summary>
public sealed record RowExpr(int Position, IReadOnlyList<Expr> Items) : Expr(Position);

/// <summary><c>EXTRACT(field FROM source)</c>; <see cref="Field"/> is lower case ("year", "epoch", "dow", ...).</summary>
public sealed record ExtractExpr(int Position, string Field, Expr Source) : Expr(Position);

/// <summary>SQL value functions written without parentheses.</summary>
public enum CurrentValueKind
{
    CurrentDate,
    CurrentTime,
    CurrentTimestamp,
    LocalTime,
    LocalTimestamp,
    /// <summary>Redshift's SYSDATE: the transaction's start timestamp (without time zone).</summary>
    SysDate,
    CurrentUser,
    SessionUser,
    /// <summary>USER (same as CURRENT_USER).</summary>
    User,
    CurrentSchema,
    CurrentDatabase,
}

/// <summary>CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP, SYSDATE, CURRENT_USER, ... (no parentheses).</summary>
public sealed record CurrentValueExpr(int Position, CurrentValueKind Kind) : Expr(Position);

// ---------------------------------------------------------------- functions and windows

/// <summary>IGNORE NULLS / RESPECT NULLS on window functions (FIRST_VALUE, LAST_VALUE, LAG, LEAD, NTH_VALUE).</summary>
public enum NullTreatment { Default, RespectNulls, IgnoreNulls }

/// <summary>
/// A function call <c>[schema.]name(args)</c>, aggregate or window. <see cref="Name"/> is lower case
/// unless quoted. Special syntaxes are desugared by the parser: SUBSTRING(x FROM a FOR b) →
/// substring(x, a, b); POSITION(a IN b) → strpos(b, a); TRIM([LEADING|TRAILING|BOTH] [c] FROM x) →
/// ltrim/rtrim/btrim(x[, c]); OVERLAY(x PLACING y FROM a [FOR b]) → overlay(x, y, a[, b]).
/// COALESCE, NULLIF, GREATEST, LEAST arrive as calls with those names. A bare date part word as the first
/// argument of DATEADD/DATEDIFF/DATE_PART (Redshift: <c>DATEADD(day, 1, d)</c>) becomes a string literal ('day').
/// </summary>
/// <param name="Star">count(*): <see cref="Arguments"/> is empty.</param>
/// <param name="Distinct">f(DISTINCT x).</param>
/// <param name="ArgumentOrderBy">PostgreSQL-style f(x ORDER BY y) inside the parentheses (empty if none).</param>
/// <param name="WithinGroup">LISTAGG(x, ',') WITHIN GROUP (ORDER BY ...) (empty if none).</param>
/// <param name="Filter">FILTER (WHERE cond) on an aggregate.</param>
/// <param name="Over">OVER (...) or OVER name: a window function call.</param>
public sealed record FunctionCall(
    int Position,
    string? Schema,
    string Name,
    IReadOnlyList<Expr> Arguments,
    bool Star = false,
    bool Distinct = false,
    IReadOnlyList<OrderItem>? ArgumentOrderBy = null,
    IReadOnlyList<OrderItem>? WithinGroup = null,
    Expr? Filter = null,
    WindowSpec? Over = null,
    NullTreatment Nulls = NullTreatment.Default) : Expr(Position);

/// <summary>ROWS, RANGE or GROUPS framing.</summary>
public enum FrameUnit { Rows, Range, Groups }

/// <summary>Kinds of frame bound.</summary>
public enum FrameBoundKind { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing }

/// <summary>One end of a window frame; <see cref="Offset"/> is set for n PRECEDING / n FOLLOWING.</summary>
public sealed record FrameBound(int Position, FrameBoundKind Kind, Expr? Offset) : Node(Position);

/// <summary>The frame's EXCLUDE clause: which of the current row and its ORDER BY peers leave the frame.</summary>
public enum FrameExclusion { NoOthers, CurrentRow, Group, Ties }

/// <summary>
/// A window frame <c>{ROWS|RANGE} BETWEEN start AND end [EXCLUDE ...]</c>; the short form <c>ROWS start</c> has
/// <see cref="End"/> = CURRENT ROW.
/// </summary>
public sealed record WindowFrame(int Position, FrameUnit Unit, FrameBound Start, FrameBound End,
    FrameExclusion Exclusion = FrameExclusion.NoOthers) : Node(Position);

/// <summary>
/// A window definition: <c>OVER (PARTITION BY ... ORDER BY ... frame)</c>, <c>OVER name</c> (only
/// <see cref="BaseWindow"/> set) or <c>OVER (name ORDER BY ...)</c> extending a named window.
/// </summary>
public sealed record WindowSpec(
    int Position,
    string? BaseWindow,
    IReadOnlyList<Expr> PartitionBy,
    IReadOnlyList<OrderItem> OrderBy,
    WindowFrame? Frame) : Node(Position);
