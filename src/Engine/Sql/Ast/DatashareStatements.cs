namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary><c>CREATE DATASHARE name [[SET] PUBLICACCESSIBLE [=] {TRUE|FALSE}]</c>.</summary>
public sealed record CreateDatashareStatement(int Position, string Name, bool? PubliclyAccessible) : Statement(Position);

/// <summary>Object kinds that ALTER DATASHARE ADD/REMOVE names.</summary>
public enum DatashareObjectKind { Table, Schema, Function, AllTablesInSchema, AllFunctionsInSchema }

/// <summary>Base of ALTER DATASHARE actions.</summary>
public abstract record DatashareAction(int Position) : Node(Position);

/// <summary>
/// <c>{ADD | REMOVE} {TABLE t, ... | SCHEMA s, ... | FUNCTION f(types), ... | ALL TABLES IN SCHEMA s, ... | ALL FUNCTIONS IN SCHEMA s, ...}</c>.
/// Function argument types are not kept (functions are not shareable here yet).
/// </summary>
public sealed record DatashareObjectsAction(int Position, bool Add, DatashareObjectKind Kind, IReadOnlyList<QualifiedName> Objects) : DatashareAction(Position);

/// <summary><c>SET PUBLICACCESSIBLE [=] {TRUE|FALSE}</c>.</summary>
public sealed record DatasharePublicAccessAction(int Position, bool PubliclyAccessible) : DatashareAction(Position);

/// <summary><c>SET INCLUDENEW [=] {TRUE|FALSE} FOR SCHEMA s</c>.</summary>
public sealed record DatashareIncludeNewAction(int Position, bool IncludeNew, string Schema) : DatashareAction(Position);

/// <summary><c>ALTER DATASHARE name action</c>.</summary>
public sealed record AlterDatashareStatement(int Position, string Name, DatashareAction Action) : Statement(Position);

/// <summary><c>DROP DATASHARE [IF EXISTS] name</c>.</summary>
public sealed record DropDatashareStatement(int Position, string Name, bool IfExists) : Statement(Position);

/// <summary>A producer reference <c>DATASHARE d OF [ACCOUNT 'id'] NAMESPACE 'guid'</c>.</summary>
public sealed record DatashareSource(int Position, string Datashare, string? Account, string Namespace) : Node(Position);

/// <summary>
/// <c>CREATE DATABASE name [WITH PERMISSIONS] FROM DATASHARE d OF [ACCOUNT 'id'] NAMESPACE 'guid'</c>, or a plain
/// <c>CREATE DATABASE name</c> (<see cref="Source"/> null).
/// </summary>
public sealed record CreateDatabaseStatement(int Position, string Name, DatashareSource? Source, bool WithPermissions) : Statement(Position);

/// <summary><c>DROP DATABASE [IF EXISTS] name</c>.</summary>
public sealed record DropDatabaseStatement(int Position, string Name, bool IfExists) : Statement(Position);

/// <summary><c>SHOW DATASHARES [LIKE 'pattern']</c>.</summary>
public sealed record ShowDatasharesStatement(int Position, string? LikePattern) : Statement(Position);

/// <summary><c>DESC DATASHARE name [OF [ACCOUNT 'id'] NAMESPACE 'guid']</c>.</summary>
public sealed record DescribeDatashareStatement(int Position, string Name, string? Account, string? Namespace) : Statement(Position);
