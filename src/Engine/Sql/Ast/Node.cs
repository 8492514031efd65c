namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>
/// Base of every syntax-tree node. <see cref="Position"/> is the 0-based character offset in the
/// text given to the parser where the node starts (for binary operators: where the operator is,
/// as PostgreSQL reports it). Add 1 when raising an <c>SqlException</c>, whose position is 1-based.
/// </summary>
public abstract record Node(int Position);

/// <summary>
/// A possibly qualified object name <c>[database.][schema.]name</c>. Unquoted parts are folded to
/// lower case, quoted parts keep their case.
/// </summary>
public sealed record QualifiedName(int Position, string? Database, string? Schema, string Name) : Node(Position)
{
    /// <summary>The name as written with its qualifiers, without quoting (for messages).</summary>
    public override string ToString() =>
        Database is not null ? $"{Database}.{Schema}.{Name}" : Schema is not null ? $"{Schema}.{Name}" : Name;
}
