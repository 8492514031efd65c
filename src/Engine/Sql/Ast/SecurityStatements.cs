namespace ActorWarehouse.Engine.Sql.Ast;

/// <summary>Who receives or loses a privilege.</summary>
public enum GranteeKind
{
    User,
    Role,
    Group,
    /// <summary>PUBLIC (every user); <see cref="Grantee.Name"/> is "public".</summary>
    Public,
    /// <summary>A consumer namespace GUID (datashares).</summary>
    Namespace,
    /// <summary>A consumer AWS account id (datashares).</summary>
    Account,
}

/// <summary>One grantee: <c>user [WITH GRANT OPTION] | ROLE r | GROUP g | PUBLIC | NAMESPACE 'guid' | ACCOUNT 'id'</c>.</summary>
public sealed record Grantee(int Position, GranteeKind Kind, string Name, bool WithGrantOption) : Node(Position);

/// <summary>The kind of object a GRANT/REVOKE names.</summary>
public enum SecurableKind
{
    Table,
    /// <summary>ALL TABLES IN SCHEMA s (objects are the schemas).</summary>
    AllTablesInSchema,
    Schema,
    Database,
    Datashare,
    Function,
    /// <summary>ALL FUNCTIONS IN SCHEMA s (objects are the schemas).</summary>
    AllFunctionsInSchema,
    Procedure,
    Language,
}

/// <summary>
/// <c>GRANT privileges [(columns)] ON objects TO grantees</c>. <see cref="Privileges"/> are lower case
/// ("select", "insert", "update", "delete", "drop", "references", "alter", "truncate", "create", "temp",
/// "usage", "share", "execute", "all"); TEMPORARY is "temp" and ALL PRIVILEGES is "all".
/// </summary>
public sealed record GrantStatement(
    int Position,
    IReadOnlyList<string> Privileges,
    IReadOnlyList<string>? Columns,
    SecurableKind ObjectKind,
    IReadOnlyList<QualifiedName> Objects,
    IReadOnlyList<Grantee> Grantees) : Statement(Position);

/// <summary><c>REVOKE [GRANT OPTION FOR] privileges ON objects FROM grantees [CASCADE|RESTRICT]</c>.</summary>
public sealed record RevokeStatement(
    int Position,
    bool GrantOptionFor,
    IReadOnlyList<string> Privileges,
    IReadOnlyList<string>? Columns,
    SecurableKind ObjectKind,
    IReadOnlyList<QualifiedName> Objects,
    IReadOnlyList<Grantee> Grantees,
    DropBehavior Behavior) : Statement(Position);

/// <summary><c>GRANT ROLE r [, ...] TO {user [WITH ADMIN OPTION] | ROLE r2} [, ...]</c> (WITH ADMIN OPTION sets <see cref="Grantee.WithGrantOption"/>).</summary>
public sealed record GrantRoleStatement(int Position, IReadOnlyList<string> Roles, IReadOnlyList<Grantee> Grantees) : Statement(Position);

/// <summary><c>REVOKE ROLE r [, ...] FROM {user | ROLE r2} [, ...]</c>.</summary>
public sealed record RevokeRoleStatement(int Position, IReadOnlyList<string> Roles, IReadOnlyList<Grantee> Grantees) : Statement(Position);

/// <summary>
/// User options shared by CREATE USER and ALTER USER; null means "not written". <see cref="Password"/> is the
/// text given ('md5...' hashes included); <see cref="PasswordDisabled"/> is PASSWORD DISABLE.
/// <see cref="CreateUser"/> is CREATEUSER (superuser). <see cref="ConnectionLimit"/> -1 means UNLIMITED.
/// </summary>
public sealed record UserOptions
{
    public string? Password { get; init; }
    public bool PasswordDisabled { get; init; }
    public bool? CreateDb { get; init; }
    public bool? CreateUser { get; init; }
    public IReadOnlyList<string> Groups { get; init; } = [];
    public string? ValidUntil { get; init; }
    public int? ConnectionLimit { get; init; }
    public int? SessionTimeoutSeconds { get; init; }
}

/// <summary><c>CREATE USER name [WITH] PASSWORD {'pwd' | DISABLE} [options]</c>.</summary>
public sealed record CreateUserStatement(int Position, string Name, UserOptions Options) : Statement(Position);

/// <summary><c>ALTER USER name {RENAME TO new | [WITH] options}</c>.</summary>
public sealed record AlterUserStatement(int Position, string Name, string? NewName, UserOptions Options) : Statement(Position);

/// <summary><c>DROP USER [IF EXISTS] name [, ...]</c>.</summary>
public sealed record DropUserStatement(int Position, IReadOnlyList<string> Names, bool IfExists) : Statement(Position);

/// <summary><c>CREATE GROUP g [[WITH] USER u [, ...]]</c>.</summary>
public sealed record CreateGroupStatement(int Position, string Name, IReadOnlyList<string> Users) : Statement(Position);

/// <summary><c>ALTER GROUP g {ADD | DROP} USER u [, ...]</c> or <c>ALTER GROUP g RENAME TO new</c>.</summary>
public sealed record AlterGroupStatement(int Position, string Name, bool Add, IReadOnlyList<string> Users, string? NewName) : Statement(Position);

/// <summary><c>DROP GROUP [IF EXISTS] g [, ...]</c>.</summary>
public sealed record DropGroupStatement(int Position, IReadOnlyList<string> Names, bool IfExists) : Statement(Position);

/// <summary><c>CREATE ROLE r</c>.</summary>
public sealed record CreateRoleStatement(int Position, string Name) : Statement(Position);

/// <summary><c>DROP ROLE [IF EXISTS] r [, ...]</c>.</summary>
public sealed record DropRoleStatement(int Position, IReadOnlyList<string> Names, bool IfExists) : Statement(Position);

/// <summary><c>LOCK [TABLE] t [, ...]</c>: an exclusive lock until the transaction ends.</summary>
public sealed record LockStatement(int Position, IReadOnlyList<QualifiedName> Tables) : Statement(Position);
