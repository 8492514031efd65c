using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>CREATE/DROP for tables, views, schemas and indexes, with Redshift table attributes.</summary>
internal sealed partial class Parser
{
    private Statement ParseCreate()
    {
        int position = ExpectWord("create").Start;
        bool orReplace = AcceptWords("or", "replace");
        AcceptWord("local");
        bool temporary = AcceptWord("temporary") || AcceptWord("temp");
        if (IsWord("table") && !orReplace)
        {
            Advance();
            return ParseCreateTable(position, temporary);
        }
        if (IsWord("view"))
        {
            Advance();
            return ParseCreateView(position, orReplace, temporary);
        }
        if (IsWord("schema") && !orReplace && !temporary)
        {
            Advance();
            return ParseCreateSchema(position);
        }
        if ((IsWord("index") || IsWord("unique")) && !orReplace && !temporary)
        {
            return ParseCreateIndex(position);
        }
        if (!orReplace && !temporary)
        {
            Token kind = Current;
            if (AcceptWord("user"))
            {
                return ParseCreateUser(position);
            }
            if (AcceptWord("group"))
            {
                return ParseCreateGroup(position);
            }
            if (AcceptWord("role"))
            {
                return new CreateRoleStatement(position, ParseIdentifier());
            }
            if (AcceptWord("datashare"))
            {
                return ParseCreateDatashare(position);
            }
            if (AcceptWord("database"))
            {
                return ParseCreateDatabase(position);
            }
            if (AcceptWord("sequence"))
            {
                return ParseCreateSequence(position);
            }
            if (kind.IsWord("materialized") && IsWordAt(1, "view"))
            {
                Advance();
                Advance();
                return ParseCreateMaterializedView(position);
            }
        }
        if (Current.Kind == TokenKind.Identifier && Current.Text is "materialized" or "external" or "user" or "group" or "role"
            or "datashare" or "function" or "procedure" or "database" or "library" or "model" or "sequence" or "type"
            or "trigger" or "extension" or "rule" or "domain")
        {
            throw NotSupported("CREATE " + Current.Text.ToUpperInvariant(), Current.Start);
        }
        throw Unexpected();
    }

    private Statement ParseCreateTable(int position, bool temporary)
    {
        bool ifNotExists = AcceptIfNotExists();
        QualifiedName name = ParseQualifiedName();
        temporary |= name.Name.StartsWith('#');
        if (IsSymbol("(") && Peek().IsWord("like"))
        {
            Advance();
            Advance();
            QualifiedName like = ParseQualifiedName();
            bool includingDefaults = false;
            if (AcceptWord("including"))
            {
                ExpectWord("defaults");
                includingDefaults = true;
            }
            else if (AcceptWord("excluding"))
            {
                ExpectWord("defaults");
            }
            ExpectSymbol(")");
            TableAttributes likeAttributes = ParseTableAttributes([]);
            return new CreateTableStatement(position, name, temporary, ifNotExists, [], [], likeAttributes, like, includingDefaults);
        }
        // CTAS column-name list: "(a, b)" — a name followed directly by ',' or ')'.
        if (IsWord("as") || IsTableAttributeStart() || (IsSymbol("(") && IsNameToken(Peek()) && (Peek(2).IsSymbol(",") || Peek(2).IsSymbol(")"))))
        {
            List<string>? columnNames = IsSymbol("(") ? ParseParenthesizedNames() : null;
            TableAttributes ctasAttributes = ParseTableAttributes([]);
            ExpectWord("as");
            Query query = ParseQuery();
            return new CreateTableAsStatement(position, name, temporary, ifNotExists, columnNames, ctasAttributes, query);
        }
        ExpectSymbol("(");
        var columns = new List<ColumnDefinition>();
        var constraints = new List<TableConstraint>();
        do
        {
            if (IsWord("constraint") || IsWord("primary") || IsWord("unique") || IsWord("foreign") || IsWord("check"))
            {
                constraints.Add(ParseTableConstraint());
            }
            else if (IsWord("like"))
            {
                throw NotSupported("LIKE mixed with column definitions", Current.Start);
            }
            else
            {
                columns.Add(ParseColumnDefinition());
            }
        }
        while (AcceptSymbol(","));
        ExpectSymbol(")");
        TableAttributes attributes = ParseTableAttributes(columns);
        if (IsWord("as"))
        {
            throw Unexpected();
        }
        return new CreateTableStatement(position, name, temporary, ifNotExists, columns, constraints, attributes, null, false);
    }

    private bool IsTableAttributeStart() =>
        IsWord("diststyle") || IsWord("distkey") || IsWord("sortkey") || IsWord("compound") || IsWord("interleaved")
        || IsWord("backup") || IsWord("encode");

    private bool AcceptIfNotExists()
    {
        if (IsWord("if") && IsWordAt(1, "not") && IsWordAt(2, "exists"))
        {
            Advance();
            Advance();
            Advance();
            return true;
        }
        return false;
    }

    private bool AcceptIfExists() => AcceptWords("if", "exists");

    private ColumnDefinition ParseColumnDefinition()
    {
        int position = Current.Start;
        string name = ParseIdentifier();
        SqlType type = ParseType();
        bool notNull = false;
        Expr? defaultValue = null;
        IdentitySpec? identity = null;
        string? encoding = null;
        bool distKey = false, sortKey = false, primaryKey = false, unique = false;
        ForeignKeyReference? references = null;
        while (true)
        {
            Token t = Current;
            if (AcceptWords("not", "null"))
            {
                notNull = true;
            }
            else if (AcceptWord("null"))
            {
                notNull = false;
            }
            else if (AcceptWord("default"))
            {
                defaultValue = ParseOtherOperators();
            }
            else if (IsWord("identity"))
            {
                Advance();
                identity = ParseIdentityArguments(t.Start, generatedByDefault: false, required: true);
            }
            else if (AcceptWord("generated"))
            {
                bool byDefault = AcceptWords("by", "default");
                if (!byDefault)
                {
                    ExpectWord("always");
                }
                ExpectWord("as");
                ExpectWord("identity");
                identity = ParseIdentityArguments(t.Start, byDefault, required: false);
            }
            else if (AcceptWord("encode"))
            {
                encoding = ParseLabel();
            }
            else if (AcceptWord("distkey"))
            {
                distKey = true;
            }
            else if (AcceptWord("sortkey"))
            {
                sortKey = true;
            }
            else if (AcceptWords("primary", "key"))
            {
                primaryKey = true;
                notNull = true;
            }
            else if (AcceptWord("unique"))
            {
                unique = true;
            }
            else if (IsWord("references"))
            {
                references = ParseReferences();
            }
            else if (AcceptWord("constraint"))
            {
                ParseIdentifier();
            }
            else if (AcceptWord("collate"))
            {
                string collation = ParseLabel();
                if (collation != "case_sensitive")
                {
                    throw NotSupported($"COLLATE {collation}", t.Start);
                }
            }
            else if (IsWord("check"))
            {
                throw NotSupported("CHECK constraints", t.Start);
            }
            else
            {
                break;
            }
        }
        return new ColumnDefinition(position, name, type, notNull, defaultValue, identity, encoding, distKey, sortKey, primaryKey, unique, references);
    }

    private IdentitySpec ParseIdentityArguments(int position, bool generatedByDefault, bool required)
    {
        long seed = 1, step = 1;
        if (required || IsSymbol("("))
        {
            ExpectSymbol("(");
            seed = ParseIntegerConstant();
            ExpectSymbol(",");
            step = ParseIntegerConstant();
            ExpectSymbol(")");
        }
        if (step == 0)
        {
            throw new SqlException(SqlState.InvalidParameterValue, "IDENTITY step cannot be zero", position + 1);
        }
        return new IdentitySpec(position, seed, step, generatedByDefault);
    }

    private ForeignKeyReference ParseReferences()
    {
        int position = ExpectWord("references").Start;
        QualifiedName table = ParseQualifiedName();
        List<string> columns = IsSymbol("(") ? ParseParenthesizedNames() : [];
        // Referential actions are informational too.
        while (IsWord("on") && (IsWordAt(1, "delete") || IsWordAt(1, "update")))
        {
            Advance();
            Advance();
            if (!(AcceptWords("no", "action") || AcceptWord("cascade") || AcceptWord("restrict") || AcceptWords("set", "null") || AcceptWords("set", "default")))
            {
                throw Unexpected();
            }
        }
        return new ForeignKeyReference(position, table, columns);
    }

    private TableConstraint ParseTableConstraint()
    {
        int position = Current.Start;
        string? name = null;
        if (AcceptWord("constraint"))
        {
            name = ParseIdentifier();
        }
        if (AcceptWords("primary", "key"))
        {
            return new TableConstraint(position, name, ConstraintKind.PrimaryKey, ParseParenthesizedNames(), null);
        }
        if (AcceptWord("unique"))
        {
            return new TableConstraint(position, name, ConstraintKind.Unique, ParseParenthesizedNames(), null);
        }
        if (AcceptWords("foreign", "key"))
        {
            List<string> columns = ParseParenthesizedNames();
            return new TableConstraint(position, name, ConstraintKind.ForeignKey, columns, ParseReferences());
        }
        if (IsWord("check"))
        {
            throw NotSupported("CHECK constraints", Current.Start);
        }
        throw Unexpected();
    }

    /// <summary>
    /// BACKUP, DISTSTYLE, DISTKEY(col), [COMPOUND|INTERLEAVED] SORTKEY(cols) | SORTKEY AUTO, ENCODE AUTO, in any
    /// order; column-level DISTKEY/SORTKEY of <paramref name="columns"/> are folded in.
    /// </summary>
    private TableAttributes ParseTableAttributes(IReadOnlyList<ColumnDefinition> columns)
    {
        int position = Current.Start;
        DistStyle? distStyle = null;
        string? distKey = null;
        SortKeyStyle? sortStyle = null;
        List<string> sortKey = [];
        bool? backup = null;
        bool encodeAuto = false;
        while (true)
        {
            Token t = Current;
            if (AcceptWord("diststyle"))
            {
                distStyle = Current.Text switch
                {
                    "auto" => DistStyle.Auto,
                    "even" => DistStyle.Even,
                    "key" => DistStyle.Key,
                    "all" => DistStyle.All,
                    _ => throw Unexpected(),
                };
                Advance();
            }
            else if (AcceptWord("distkey"))
            {
                ExpectSymbol("(");
                distKey = ParseIdentifier();
                ExpectSymbol(")");
            }
            else if (IsWord("compound") || IsWord("interleaved") || IsWord("sortkey"))
            {
                SortKeyStyle style = SortKeyStyle.Compound;
                if (AcceptWord("interleaved"))
                {
                    style = SortKeyStyle.Interleaved;
                }
                else
                {
                    AcceptWord("compound");
                }
                ExpectWord("sortkey");
                if (style == SortKeyStyle.Compound && t.IsWord("sortkey") && AcceptWord("auto"))
                {
                    sortStyle = SortKeyStyle.Auto;
                    sortKey = [];
                }
                else
                {
                    sortStyle = style;
                    sortKey = ParseParenthesizedNames();
                }
            }
            else if (AcceptWord("encode"))
            {
                ExpectWord("auto");
                encodeAuto = true;
            }
            else if (AcceptWord("backup"))
            {
                if (AcceptWord("yes"))
                {
                    backup = true;
                }
                else
                {
                    ExpectWord("no");
                    backup = false;
                }
            }
            else
            {
                break;
            }
        }
        foreach (ColumnDefinition column in columns)
        {
            if (column.DistKey)
            {
                if (distKey is not null && distKey != column.Name)
                {
                    throw new SqlException(SqlState.InvalidTableDefinition, "Multiple distkey columns are not supported", column.Position + 1);
                }
                distKey = column.Name;
            }
            if (column.SortKey)
            {
                if (sortStyle is not null && !sortKey.Contains(column.Name))
                {
                    throw new SqlException(SqlState.InvalidTableDefinition, "Multiple sortkey definitions are not allowed (column SORTKEY and table SORTKEY)", column.Position + 1);
                }
                sortStyle ??= SortKeyStyle.Compound;
                if (!sortKey.Contains(column.Name))
                {
                    sortKey.Add(column.Name);
                }
            }
        }
        return new TableAttributes(position, distStyle, distKey, sortStyle, sortKey, backup, encodeAuto);
    }

    private Statement ParseCreateView(int position, bool orReplace, bool temporary)
    {
        QualifiedName name = ParseQualifiedName();
        List<string>? columns = IsSymbol("(") ? ParseParenthesizedNames() : null;
        ExpectWord("as");
        int queryStart = Current.Start;
        Query query = ParseQuery();
        string queryText = _sql[queryStart..PreviousEnd];
        bool noSchemaBinding = false;
        if (IsWord("with") && IsWordAt(1, "no"))
        {
            Advance();
            Advance();
            ExpectWord("schema");
            ExpectWord("binding");
            noSchemaBinding = true;
        }
        return new CreateViewStatement(position, name, orReplace, temporary, columns, query, queryText, noSchemaBinding);
    }

    private Statement ParseCreateSchema(int position)
    {
        bool ifNotExists = AcceptIfNotExists();
        string? name = null;
        string? authorization = null;
        if (!IsWord("authorization"))
        {
            name = ParseIdentifier();
        }
        if (AcceptWord("authorization"))
        {
            authorization = ParseIdentifier();
        }
        if (IsWord("quota"))
        {
            throw NotSupported("schema QUOTA", Current.Start);
        }
        name ??= authorization ?? throw Unexpected();
        return new CreateSchemaStatement(position, name, ifNotExists, authorization);
    }

    private Statement ParseCreateIndex(int position)
    {
        bool unique = AcceptWord("unique");
        ExpectWord("index");
        AcceptWord("concurrently");
        bool ifNotExists = AcceptIfNotExists();
        string? name = IsWord("on") ? null : ParseIdentifier();
        ExpectWord("on");
        AcceptWord("only");
        QualifiedName table = ParseQualifiedName();
        if (AcceptWord("using"))
        {
            ParseIdentifier();
        }
        ExpectSymbol("(");
        var columns = ParseCommaList(() =>
        {
            string column = ParseIdentifier();
            if (!AcceptWord("asc"))
            {
                AcceptWord("desc");
            }
            if (AcceptWord("nulls") && !AcceptWord("first"))
            {
                ExpectWord("last");
            }
            return column;
        });
        ExpectSymbol(")");
        return new CreateIndexStatement(position, name, table, columns, unique, ifNotExists);
    }

    private Statement ParseDrop()
    {
        int position = ExpectWord("drop").Start;
        Token kind = Current;
        if (AcceptWord("table") || AcceptWord("view") || AcceptWord("index"))
        {
            bool ifExists = AcceptIfExists();
            var names = ParseCommaList(ParseQualifiedName);
            DropBehavior behavior = ParseDropBehavior();
            return kind.Text switch
            {
                "table" => new DropTableStatement(position, names, ifExists, behavior),
                "view" => new DropViewStatement(position, names, ifExists, behavior),
                _ => new DropIndexStatement(position, names, ifExists, behavior),
            };
        }
        if (AcceptWord("schema"))
        {
            bool ifExists = AcceptIfExists();
            var names = ParseCommaList(ParseIdentifier);
            return new DropSchemaStatement(position, names, ifExists, ParseDropBehavior());
        }
        if (kind.IsWord("materialized") && IsWordAt(1, "view"))
        {
            Advance();
            Advance();
            bool ifExists = AcceptIfExists();
            var names = ParseCommaList(ParseQualifiedName);
            return new DropMaterializedViewStatement(position, names, ifExists, ParseDropBehavior());
        }
        if (AcceptWord("user") || AcceptWord("group") || AcceptWord("role"))
        {
            bool ifExists = AcceptIfExists();
            var names = ParseCommaList(ParseIdentifier);
            if (kind.Text == "role" && !AcceptWord("force"))
            {
                AcceptWord("restrict");
            }
            return kind.Text switch
            {
                "user" => new DropUserStatement(position, names, ifExists),
                "group" => new DropGroupStatement(position, names, ifExists),
                _ => new DropRoleStatement(position, names, ifExists),
            };
        }
        if (AcceptWord("sequence"))
        {
            return ParseDropSequence(position);
        }
        if (AcceptWord("datashare"))
        {
            bool ifExists = AcceptIfExists();
            return new DropDatashareStatement(position, ParseIdentifier(), ifExists);
        }
        if (AcceptWord("database"))
        {
            bool ifExists = AcceptIfExists();
            return new DropDatabaseStatement(position, ParseIdentifier(), ifExists);
        }
        if (kind.Kind == TokenKind.Identifier && kind.Text is "materialized" or "external" or "user" or "group" or "role"
            or "datashare" or "function" or "procedure" or "database" or "library" or "model" or "sequence" or "type")
        {
            throw NotSupported("DROP " + kind.Text.ToUpperInvariant(), kind.Start);
        }
        throw Unexpected();
    }

    private DropBehavior ParseDropBehavior()
    {
        if (AcceptWord("cascade"))
        {
            return DropBehavior.Cascade;
        }
        AcceptWord("restrict");
        return DropBehavior.Restrict;
    }
}
