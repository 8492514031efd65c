using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>
/// <c>PREPARE name [(type, ...)] AS statement</c>: <see cref="Statement"/> (a query, INSERT, UPDATE or DELETE) keeps its
/// position and length in the parsed string, so its own text can be prepared. <see cref="Name"/> is an identifier.
/// </summary>
public sealed record PrepareStatement(int Position, string Name, IReadOnlyList<SqlType> ParameterTypes, Statement Statement) : Statement(Position);

/// <summary><c>EXECUTE name [(arg, ...)]</c>: the arguments are expressions, cast to the prepared parameter types.</summary>
public sealed record ExecutePreparedStatement(int Position, string Name, IReadOnlyList<Expr> Arguments) : Statement(Position);

/// <summary><c>DEALLOCATE [PREPARE] {name | ALL}</c>; <see cref="Name"/> is null for ALL.</summary>
public sealed record DeallocateStatement(int Position, string? Name) : Statement(Position);
