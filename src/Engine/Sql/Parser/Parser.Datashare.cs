using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>Redshift data sharing: datashares, consumer databases, SHOW/DESC DATASHARE; also materialized views.</summary>
internal sealed partial class Parser
{
    private Statement ParseCreateDatashare(int position)
    {
        string name = ParseIdentifier();
        bool? publiclyAccessible = null;
        if (IsWord("set") || IsWord("publicaccessible"))
        {
            AcceptWord("set");
            ExpectWord("publicaccessible");
            AcceptSymbol("=");
            publiclyAccessible = ParseBooleanWord();
        }
        return new CreateDatashareStatement(position, name, publiclyAccessible);
    }

    private bool ParseBooleanWord()
    {
        if (AcceptWord("true") || AcceptWord("on") || AcceptWord("yes"))
        {
            return true;
        }
        if (AcceptWord("false") || AcceptWord("off") || AcceptWord("no"))
        {
            return false;
        }
        throw Unexpected();
    }

    private Statement ParseAlterDatashare(int position)
    {
        string name = ParseIdentifier();
        int actionPosition = Current.Start;
        if (IsWord("add") || IsWord("remove"))
        {
            bool add = Advance().Text == "add";
            DatashareObjectKind kind;
            List<QualifiedName> objects;
            if (IsWord("all") && (IsWordAt(1, "tables") || IsWordAt(1, "functions")))
            {
                Advance();
                kind = Advance().Text == "tables" ? DatashareObjectKind.AllTablesInSchema : DatashareObjectKind.AllFunctionsInSchema;
                ExpectWord("in");
                ExpectWord("schema");
                objects = ParseCommaList(ParseQualifiedName);
            }
            else if (AcceptWord("table"))
            {
                kind = DatashareObjectKind.Table;
                objects = ParseCommaList(ParseQualifiedName);
            }
            else if (AcceptWord("schema"))
            {
                kind = DatashareObjectKind.Schema;
                objects = ParseCommaList(ParseQualifiedName);
            }
            else if (AcceptWord("function"))
            {
                kind = DatashareObjectKind.Function;
                objects = ParseCommaList(ParseRoutineSignature);
            }
            else
            {
                throw Unexpected();
            }
            return new AlterDatashareStatement(position, name, new DatashareObjectsAction(actionPosition, add, kind, objects));
        }
        ExpectWord("set");
        if (AcceptWord("publicaccessible"))
        {
            AcceptSymbol("=");
            return new AlterDatashareStatement(position, name, new DatasharePublicAccessAction(actionPosition, ParseBooleanWord()));
        }
        ExpectWord("includenew");
        AcceptSymbol("=");
        bool includeNew = ParseBooleanWord();
        ExpectWord("for");
        ExpectWord("schema");
        return new AlterDatashareStatement(position, name, new DatashareIncludeNewAction(actionPosition, includeNew, ParseIdentifier()));
    }

    /// <summary><c>[ACCOUNT 'id'] NAMESPACE 'guid'</c> after OF.</summary>
    private (string? Account, string Namespace) ParseProducer()
    {
        string? account = AcceptWord("account") ? ParseStringConstant() : null;
        ExpectWord("namespace");
        return (account, ParseStringConstant());
    }

    private Statement ParseCreateDatabase(int position)
    {
        string name = ParseIdentifier();
        bool withPermissions = false;
        if (IsWord("with") && IsWordAt(1, "permissions"))
        {
            Advance();
            Advance();
            withPermissions = true;
        }
        if (!IsWord("from"))
        {
            if (!AtEnd && !IsSymbol(";"))
            {
                throw NotSupported("CREATE DATABASE options", Current.Start);
            }
            return new CreateDatabaseStatement(position, name, null, withPermissions);
        }
        Advance();
        int sourcePosition = ExpectWord("datashare").Start;
        string datashare = ParseIdentifier();
        ExpectWord("of");
        (string? account, string ns) = ParseProducer();
        return new CreateDatabaseStatement(position, name, new DatashareSource(sourcePosition, datashare, account, ns), withPermissions);
    }

    private Statement ParseShowDatashares(int position)
    {
        string? like = AcceptWord("like") ? ParseStringConstant() : null;
        return new ShowDatasharesStatement(position, like);
    }

    private Statement ParseDescribe()
    {
        int position = Advance().Start;
        if (!AcceptWord("datashare"))
        {
            throw NotSupported("DESCRIBE " + (Current.Kind == TokenKind.End ? "" : RawText(Current).ToUpperInvariant()), Current.Start);
        }
        string name = ParseIdentifier();
        string? account = null;
        string? ns = null;
        if (AcceptWord("of"))
        {
            (account, ns) = ParseProducer();
        }
        return new DescribeDatashareStatement(position, name, account, ns);
    }

    private Statement ParseCreateMaterializedView(int position)
    {
        QualifiedName name = ParseQualifiedName();
        bool? autoRefresh = null;
        TableAttributes attributes = ParseTableAttributes([]);
        if (AcceptWords("auto", "refresh"))
        {
            if (AcceptWord("yes"))
            {
                autoRefresh = true;
            }
            else
            {
                ExpectWord("no");
                autoRefresh = false;
            }
            if (IsTableAttributeStart())
            {
                TableAttributes more = ParseTableAttributes([]);
                attributes = attributes with
                {
                    DistStyle = more.DistStyle ?? attributes.DistStyle,
                    DistKey = more.DistKey ?? attributes.DistKey,
                    SortKeyStyle = more.SortKeyStyle ?? attributes.SortKeyStyle,
                    SortKey = more.SortKey.Count > 0 ? more.SortKey : attributes.SortKey,
                    Backup = more.Backup ?? attributes.Backup,
                    EncodeAuto = more.EncodeAuto || attributes.EncodeAuto,
                };
            }
        }
        ExpectWord("as");
        int queryStart = Current.Start;
        Query query = ParseQuery();
        return new CreateMaterializedViewStatement(position, name, attributes, autoRefresh, query, _sql[queryStart..PreviousEnd]);
    }

    private Statement ParseRefresh()
    {
        int position = ExpectWord("refresh").Start;
        ExpectWord("materialized");
        ExpectWord("view");
        return new RefreshMaterializedViewStatement(position, ParseQualifiedName());
    }
}
