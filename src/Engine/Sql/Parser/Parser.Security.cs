using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>GRANT/REVOKE, users, groups, roles and LOCK.</summary>
internal sealed partial class Parser
{
    private Statement ParseGrant()
    {
        int position = ExpectWord("grant").Start;
        if (AcceptWord("role"))
        {
            List<string> roles = ParseCommaList(ParseIdentifier);
            ExpectWord("to");
            return new GrantRoleStatement(position, roles, ParseGrantees(allowGrantOption: true));
        }
        (List<string> privileges, List<string>? columns) = ParsePrivileges();
        if (!IsWord("on"))
        {
            throw NotSupported("system privileges", Current.Start);
        }
        Advance();
        (SecurableKind kind, List<QualifiedName> objects) = ParseSecurables();
        ExpectWord("to");
        return new GrantStatement(position, privileges, columns, kind, objects, ParseGrantees(allowGrantOption: true));
    }

    private Statement ParseRevoke()
    {
        int position = ExpectWord("revoke").Start;
        if (AcceptWord("role"))
        {
            List<string> roles = ParseCommaList(ParseIdentifier);
            ExpectWord("from");
            return new RevokeRoleStatement(position, roles, ParseGrantees(allowGrantOption: false));
        }
        bool grantOptionFor = false;
        if (IsWord("grant") && IsWordAt(1, "option"))
        {
            Advance();
            Advance();
            ExpectWord("for");
            grantOptionFor = true;
        }
        (List<string> privileges, List<string>? columns) = ParsePrivileges();
        if (!IsWord("on"))
        {
            throw NotSupported("system privileges", Current.Start);
        }
        Advance();
        (SecurableKind kind, List<QualifiedName> objects) = ParseSecurables();
        ExpectWord("from");
        List<Grantee> grantees = ParseGrantees(allowGrantOption: false);
        return new RevokeStatement(position, grantOptionFor, privileges, columns, kind, objects, grantees, ParseDropBehavior());
    }

    /// <summary><c>ALL [PRIVILEGES] | privilege [(columns)] [, ...]</c>.</summary>
    private (List<string> Privileges, List<string>? Columns) ParsePrivileges()
    {
        if (AcceptWord("all"))
        {
            AcceptWord("privileges");
            return (["all"], null);
        }
        List<string>? columns = null;
        var privileges = ParseCommaList(() =>
        {
            Token t = Current;
            string privilege = t.Kind == TokenKind.Identifier ? t.Text : throw Unexpected();
            switch (privilege)
            {
                case "select" or "insert" or "update" or "delete" or "drop" or "references" or "alter" or "truncate"
                    or "create" or "temp" or "usage" or "share" or "execute" or "rule" or "trigger":
                    break;
                case "temporary":
                    privilege = "temp";
                    break;
                default:
                    throw Unexpected();
            }
            Advance();
            if (IsSymbol("("))
            {
                List<string> names = ParseParenthesizedNames();
                columns = columns is null ? names : [.. columns, .. names.Where(n => !columns.Contains(n))];
            }
            return privilege;
        });
        return (privileges, columns);
    }

    /// <summary>What follows ON in GRANT/REVOKE.</summary>
    private (SecurableKind Kind, List<QualifiedName> Objects) ParseSecurables()
    {
        if (IsWord("all") && (IsWordAt(1, "tables") || IsWordAt(1, "functions") || IsWordAt(1, "procedures")))
        {
            Advance();
            Token what = Advance();
            ExpectWord("in");
            ExpectWord("schema");
            List<QualifiedName> schemas = ParseCommaList(ParseQualifiedName);
            return (what.Text == "tables" ? SecurableKind.AllTablesInSchema : SecurableKind.AllFunctionsInSchema, schemas);
        }
        if (AcceptWord("table"))
        {
            return (SecurableKind.Table, ParseCommaList(ParseQualifiedName));
        }
        if (AcceptWord("schema"))
        {
            return (SecurableKind.Schema, ParseCommaList(ParseQualifiedName));
        }
        if (AcceptWord("database"))
        {
            return (SecurableKind.Database, ParseCommaList(ParseQualifiedName));
        }
        if (AcceptWord("datashare"))
        {
            return (SecurableKind.Datashare, ParseCommaList(ParseQualifiedName));
        }
        if (AcceptWord("language"))
        {
            return (SecurableKind.Language, ParseCommaList(ParseQualifiedName));
        }
        if (IsWord("function") || IsWord("procedure"))
        {
            SecurableKind kind = Advance().Text == "function" ? SecurableKind.Function : SecurableKind.Procedure;
            return (kind, ParseCommaList(ParseRoutineSignature));
        }
        return (SecurableKind.Table, ParseCommaList(ParseQualifiedName));
    }

    /// <summary><c>name [( [argname] type, ... )]</c>; the argument types are checked but not kept.</summary>
    private QualifiedName ParseRoutineSignature()
    {
        QualifiedName name = ParseQualifiedName();
        if (AcceptSymbol("("))
        {
            if (!AcceptSymbol(")"))
            {
                do
                {
                    if (IsNameToken(Current) && !IsTypeNameStart(Current) && Peek().Kind == TokenKind.Identifier)
                    {
                        Advance(); // argument name
                    }
                    ParseType();
                }
                while (AcceptSymbol(","));
                ExpectSymbol(")");
            }
        }
        return name;
    }

    /// <summary>Grantees after TO/FROM.</summary>
    private List<Grantee> ParseGrantees(bool allowGrantOption)
    {
        var grantees = new List<Grantee>();
        GranteeKind? listKind = null;
        do
        {
            Token t = Current;
            Grantee grantee;
            if (AcceptWord("public"))
            {
                grantee = new Grantee(t.Start, GranteeKind.Public, "public", false);
            }
            else if (AcceptWord("role"))
            {
                grantee = new Grantee(t.Start, GranteeKind.Role, ParseIdentifier(), false);
            }
            else if (AcceptWord("group"))
            {
                grantee = new Grantee(t.Start, GranteeKind.Group, ParseIdentifier(), false);
            }
            else if (AcceptWord("namespace"))
            {
                listKind = GranteeKind.Namespace;
                grantee = new Grantee(t.Start, GranteeKind.Namespace, ParseStringConstant(), false);
            }
            else if (AcceptWord("account"))
            {
                listKind = GranteeKind.Account;
                grantee = new Grantee(t.Start, GranteeKind.Account, ParseStringConstant(), false);
            }
            else if (t.Kind == TokenKind.String && listKind is { } kind)
            {
                // NAMESPACE 'a', 'b': later strings continue the same kind.
                grantee = new Grantee(t.Start, kind, Advance().Text, false);
            }
            else
            {
                grantee = new Grantee(t.Start, GranteeKind.User, ParseIdentifier(), false);
            }
            if (allowGrantOption && IsWord("with") && (IsWordAt(1, "grant") || IsWordAt(1, "admin")) && IsWordAt(2, "option"))
            {
                Advance();
                Advance();
                Advance();
                grantee = grantee with { WithGrantOption = true };
            }
            grantees.Add(grantee);
        }
        while (AcceptSymbol(","));
        if (IsWord("via"))
        {
            throw NotSupported("VIA DATA CATALOG", Current.Start);
        }
        return grantees;
    }

    private UserOptions ParseUserOptions(UserOptions options)
    {
        AcceptWord("with");
        while (true)
        {
            Token t = Current;
            if (AcceptWord("password"))
            {
                options = AcceptWord("disable")
                    ? options with { PasswordDisabled = true, Password = null }
                    : options with { Password = ParseStringConstant(), PasswordDisabled = false };
            }
            else if (AcceptWord("createdb"))
            {
                options = options with { CreateDb = true };
            }
            else if (AcceptWord("nocreatedb"))
            {
                options = options with { CreateDb = false };
            }
            else if (AcceptWord("createuser"))
            {
                options = options with { CreateUser = true };
            }
            else if (AcceptWord("nocreateuser"))
            {
                options = options with { CreateUser = false };
            }
            else if (IsWord("in") && IsWordAt(1, "group"))
            {
                Advance();
                Advance();
                options = options with { Groups = [.. options.Groups, .. ParseCommaList(ParseIdentifier)] };
            }
            else if (AcceptWords("valid", "until"))
            {
                options = options with { ValidUntil = ParseStringConstant() };
            }
            else if (AcceptWords("connection", "limit"))
            {
                options = options with { ConnectionLimit = AcceptWord("unlimited") ? -1 : ParseInt32Constant() };
            }
            else if (AcceptWords("session", "timeout"))
            {
                options = options with { SessionTimeoutSeconds = ParseInt32Constant() };
            }
            else if (AcceptWords("syslog", "access"))
            {
                if (!AcceptWord("restricted"))
                {
                    ExpectWord("unrestricted");
                }
            }
            else if (IsWord("externalid"))
            {
                throw NotSupported("EXTERNALID", t.Start);
            }
            else
            {
                return options;
            }
        }
    }

    private Statement ParseCreateUser(int position)
    {
        string name = ParseIdentifier();
        return new CreateUserStatement(position, name, ParseUserOptions(new UserOptions()));
    }

    private Statement ParseAlterUser(int position)
    {
        string name = ParseIdentifier();
        if (AcceptWord("rename"))
        {
            ExpectWord("to");
            return new AlterUserStatement(position, name, ParseIdentifier(), new UserOptions());
        }
        if (IsWord("set") || IsWord("reset"))
        {
            throw NotSupported("ALTER USER ... " + Current.Text.ToUpperInvariant(), Current.Start);
        }
        UserOptions options = ParseUserOptions(new UserOptions());
        if (options == new UserOptions() && !IsWord("with"))
        {
            throw Unexpected();
        }
        return new AlterUserStatement(position, name, null, options);
    }

    private Statement ParseCreateGroup(int position)
    {
        string name = ParseIdentifier();
        List<string> users = [];
        AcceptWord("with");
        if (AcceptWord("user"))
        {
            users = ParseCommaList(ParseIdentifier);
        }
        return new CreateGroupStatement(position, name, users);
    }

    private Statement ParseAlterGroup(int position)
    {
        string name = ParseIdentifier();
        if (AcceptWord("rename"))
        {
            ExpectWord("to");
            return new AlterGroupStatement(position, name, false, [], ParseIdentifier());
        }
        bool add = AcceptWord("add");
        if (!add)
        {
            ExpectWord("drop");
        }
        ExpectWord("user");
        return new AlterGroupStatement(position, name, add, ParseCommaList(ParseIdentifier), null);
    }

    private Statement ParseLock()
    {
        int position = ExpectWord("lock").Start;
        AcceptWord("table");
        List<QualifiedName> tables = ParseCommaList(ParseQualifiedName);
        if (AcceptWord("in"))
        {
            // PostgreSQL lock modes: every mode behaves as Redshift's exclusive lock.
            while (!AcceptWord("mode"))
            {
                if (AtEnd || IsSymbol(";"))
                {
                    throw Unexpected();
                }
                Advance();
            }
        }
        AcceptWord("nowait");
        return new LockStatement(position, tables);
    }
}
