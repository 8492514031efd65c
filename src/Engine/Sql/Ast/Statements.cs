namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>
/// Base of statements. <see cref="Node.Position"/> is where the statement starts; <see cref="Length"/>
/// is its length in characters (to the end of its last token, before the ';'), so
/// <c>sql.Substring(Position, Length)</c> is the statement's own text.
/// </summary>
public abstract record Statement(int Position) : Node(Position)
{
    /// <summary>Length of the statement's text in the parsed string.</summary>
    public int Length { get; init; }
}

/// <summary>A query run for its rows: SELECT, VALUES, TABLE, WITH ... SELECT.</summary>
public sealed record SelectStatement(int Position, Query Query) : Statement(Position);

/// <summary><c>EXPLAIN [ANALYZE] [VERBOSE] statement</c> (ANALYZE is recorded; the engine may refuse it).</summary>
public sealed record ExplainStatement(int Position, Statement Statement, bool Verbose, bool Analyze) : Statement(Position);
