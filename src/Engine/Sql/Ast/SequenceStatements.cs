namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>
/// CREATE SEQUENCE: options left null were not written (PostgreSQL defaults apply); NO MINVALUE / NO MAXVALUE
/// are the same as not writing them.
/// </summary>
public sealed record CreateSequenceStatement(int Position, QualifiedName Name, bool IfNotExists, long? Increment, long? MinValue,
    long? MaxValue, long? Start, long? Cache, bool Cycle) : Statement(Position);

public sealed record DropSequenceStatement(int Position, IReadOnlyList<QualifiedName> Names, bool IfExists, DropBehavior Behavior) : Statement(Position);
