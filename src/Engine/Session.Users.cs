using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Security;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Transactions;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>The account of the session's user; null for embedded sessions whose user is not in the directory.</summary>
    private UserAccount? CurrentAccount(Transaction transaction) => transaction.Working.Users.GetValueOrDefault(Identity.UserName);

    /// <summary>Embedded sessions (no account) act as superuser, like the warehouse's owner.</summary>
    private bool IsSuperuser(Transaction transaction) => CurrentAccount(transaction) is not { IsSuperuser: false };

    private void RequireSuperuser(Transaction transaction, string action, int position)
    {
        if (!IsSuperuser(transaction))
            throw new SqlException(SqlState.InsufficientPrivilege, $"permission denied to {action}", position + 1);
    }

    /// <summary>CREATE USER name PASSWORD {'pw' | 'md5…' | DISABLE} [CREATEUSER|NOCREATEUSER] [CREATEDB|NOCREATEDB] [VALID UNTIL] [CONNECTION LIMIT].</summary>
    private QueryResult ExecuteCreateUser(CreateUserStatement create, Transaction transaction)
    {
        RequireSuperuser(transaction, "create user", create.Position);
        if (transaction.Working.Users.ContainsKey(create.Name))
            throw new SqlException(SqlState.DuplicateObject, $"user \"{create.Name}\" already exists", create.Position + 1);
        var o = create.Options;
        RejectUnsupportedUserOptions(o, create.Position);
        if (o.Password is null && !o.PasswordDisabled)
            throw new SqlException(SqlState.SyntaxError, "CREATE USER needs PASSWORD 'password' or PASSWORD DISABLE", create.Position + 1);
        var (scram, md5) = Verifiers(o, create.Name);
        var account = new UserAccount(UserDirectory.NextId(transaction.Working), create.Name, o.CreateUser ?? false, scram, md5)
        {
            CanCreateDatabase = o.CreateDb ?? false,
            ValidUntil = o.ValidUntil,
            ConnectionLimit = o.ConnectionLimit ?? -1,
        };
        transaction.Apply(transaction.Working.WithUser(account), CatalogKeys.User(create.Name));
        return QueryResult.Command("CREATE USER");
    }

    /// <summary>ALTER USER name RENAME TO new, or ALTER USER name [WITH] options (a user may change their own password).</summary>
    private QueryResult ExecuteAlterUser(AlterUserStatement alter, Transaction transaction)
    {
        var account = transaction.Working.Users.GetValueOrDefault(alter.Name)
            ?? throw new SqlException(SqlState.UndefinedObject, $"user \"{alter.Name}\" does not exist", alter.Position + 1);
        var o = alter.Options;
        bool ownPasswordOnly = alter.NewName is null && o with { Password = null, PasswordDisabled = false } == new UserOptions() && alter.Name == Identity.UserName;
        if (!ownPasswordOnly) RequireSuperuser(transaction, "alter user", alter.Position);
        if (alter.NewName is { } newName)
        {
            if (transaction.Working.Users.ContainsKey(newName))
                throw new SqlException(SqlState.DuplicateObject, $"user \"{newName}\" already exists", alter.Position + 1);
            if (alter.Name == Identity.UserName)
                throw new SqlException(SqlState.FeatureNotSupported, "session user cannot be renamed", alter.Position + 1);
            // The MD5 hash is salted with the user name, so it no longer matches (PostgreSQL clears it too).
            var renamed = account with { Name = newName, Md5Password = null };
            transaction.Apply(transaction.Working.WithoutUser(alter.Name).WithUser(renamed), CatalogKeys.User(alter.Name), CatalogKeys.User(newName));
            var notices = account.Md5Password is null ? Array.Empty<string>() : ["MD5 password cleared because of user rename"];
            return new QueryResult("ALTER USER", [], [], 0) { Notices = notices };
        }
        RejectUnsupportedUserOptions(o, alter.Position);
        var changed = account with
        {
            IsSuperuser = o.CreateUser ?? account.IsSuperuser,
            CanCreateDatabase = o.CreateDb ?? account.CanCreateDatabase,
            ValidUntil = o.ValidUntil ?? account.ValidUntil,
            ConnectionLimit = o.ConnectionLimit ?? account.ConnectionLimit,
        };
        if (o.Password is not null || o.PasswordDisabled)
        {
            var (scram, md5) = Verifiers(o, alter.Name);
            changed = changed with { ScramSha256Verifier = scram, Md5Password = md5 };
        }
        transaction.Apply(transaction.Working.WithUser(changed), CatalogKeys.User(alter.Name));
        return QueryResult.Command("ALTER USER");
    }

    /// <summary>DROP USER [IF EXISTS] name [, ...].</summary>
    private QueryResult ExecuteDropUser(DropUserStatement drop, Transaction transaction)
    {
        RequireSuperuser(transaction, "drop user", drop.Position);
        var notices = new List<string>();
        foreach (var name in drop.Names)
        {
            if (!transaction.Working.Users.ContainsKey(name))
            {
                if (drop.IfExists)
                {
                    notices.Add($"user \"{name}\" does not exist, skipping");
                    continue;
                }
                throw new SqlException(SqlState.UndefinedObject, $"user \"{name}\" does not exist", drop.Position + 1);
            }
            if (name == Identity.UserName)
                throw new SqlException(SqlState.ObjectInUse, "current user cannot be dropped", drop.Position + 1);
            transaction.Apply(transaction.Working.WithoutUser(name), CatalogKeys.User(name));
        }
        return new QueryResult("DROP USER", [], [], 0) { Notices = notices };
    }

    private static void RejectUnsupportedUserOptions(UserOptions o, int position)
    {
        if (o.Groups.Count > 0)
            throw new SqlException(SqlState.FeatureNotSupported, "user groups (IN GROUP) are not supported", position + 1);
        if (o.SessionTimeoutSeconds is not null)
            throw new SqlException(SqlState.FeatureNotSupported, "SESSION TIMEOUT is not supported", position + 1);
    }

    /// <summary>
    /// The stored forms of PASSWORD: clear text gives both a SCRAM verifier and the MD5 hash; an 'md5…' hash (Redshift
    /// accepts one) can only serve MD5 authentication; DISABLE stores neither.
    /// </summary>
    private static (string? Scram, string? Md5) Verifiers(UserOptions o, string userName)
    {
        if (o.PasswordDisabled) return (null, null);
        var password = o.Password!;
        if (PasswordVerifiers.IsMd5Hash(password)) return (null, password.ToLowerInvariant());
        if (password.Length == 0)
            throw new SqlException(SqlState.InvalidParameterValue, "password must not be empty");
        return (PasswordVerifiers.Scram(password), PasswordVerifiers.Md5(password, userName));
    }
}
