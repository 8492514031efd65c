using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>ALTER TABLE with one Redshift action.</summary>
internal sealed partial class Parser
{
    private Statement ParseAlter()
    {
        int position = ExpectWord("alter").Start;
        if (AcceptWord("user"))
        {
            return ParseAlterUser(position);
        }
        if (AcceptWord("group"))
        {
            return ParseAlterGroup(position);
        }
        if (AcceptWord("datashare"))
        {
            return ParseAlterDatashare(position);
        }
        if (!AcceptWord("table"))
        {
            throw NotSupported("ALTER " + (Current.Kind == Lexer.TokenKind.End ? "" : RawText(Current).ToUpperInvariant()), Current.Start);
        }
        bool ifExists = AcceptIfExists();
        QualifiedName table = ParseQualifiedName();
        AlterTableAction action = ParseAlterTableAction();
        return new AlterTableStatement(position, table, ifExists, action);
    }

    private AlterTableAction ParseAlterTableAction()
    {
        int position = Current.Start;
        if (AcceptWord("add"))
        {
            if (IsWord("constraint") || IsWord("primary") || IsWord("unique") || IsWord("foreign") || IsWord("check"))
            {
                return new AddConstraintAction(position, ParseTableConstraint());
            }
            AcceptWord("column");
            bool ifNotExists = AcceptIfNotExists();
            return new AddColumnAction(position, ParseColumnDefinition(), ifNotExists);
        }
        if (AcceptWord("drop"))
        {
            if (AcceptWord("constraint"))
            {
                string name = ParseIdentifier();
                return new DropConstraintAction(position, name, ParseDropBehavior());
            }
            AcceptWord("column");
            bool ifExists = AcceptIfExists();
            string column = ParseIdentifier();
            return new DropColumnAction(position, column, ifExists, ParseDropBehavior());
        }
        if (AcceptWord("rename"))
        {
            if (AcceptWord("to"))
            {
                return new RenameTableAction(position, ParseIdentifier());
            }
            AcceptWord("column");
            string column = ParseIdentifier();
            ExpectWord("to");
            return new RenameColumnAction(position, column, ParseIdentifier());
        }
        if (AcceptWord("owner"))
        {
            ExpectWord("to");
            return new OwnerToAction(position, ParseIdentifier());
        }
        if (AcceptWord("append"))
        {
            ExpectWord("from");
            QualifiedName source = ParseQualifiedName();
            bool ignoreExtra = AcceptWord("ignoreextra");
            bool fillTarget = !ignoreExtra && AcceptWord("filltarget");
            return new AppendFromAction(position, source, ignoreExtra, fillTarget);
        }
        ExpectWord("alter");
        return ParseAlterSubject(position);
    }

    /// <summary>What follows ALTER inside ALTER TABLE: DISTSTYLE, DISTKEY, SORTKEY, ENCODE AUTO or a column.</summary>
    private AlterTableAction ParseAlterSubject(int position)
    {
        if (AcceptWord("diststyle"))
        {
            if (AcceptWord("key"))
            {
                ExpectWord("distkey");
                return new AlterDistributionAction(position, DistStyle.Key, ParseIdentifier());
            }
            DistStyle style = Current.Text switch
            {
                "all" => DistStyle.All,
                "even" => DistStyle.Even,
                "auto" => DistStyle.Auto,
                _ => throw Unexpected(),
            };
            Advance();
            return new AlterDistributionAction(position, style, null);
        }
        if (AcceptWord("distkey"))
        {
            return new AlterDistributionAction(position, DistStyle.Key, ParseIdentifier());
        }
        if (IsWord("compound") || IsWord("interleaved") || IsWord("sortkey"))
        {
            SortKeyStyle style = AcceptWord("interleaved") ? SortKeyStyle.Interleaved : SortKeyStyle.Compound;
            AcceptWord("compound");
            ExpectWord("sortkey");
            if (AcceptWord("auto"))
            {
                return new AlterSortKeyAction(position, SortKeyStyle.Auto, []);
            }
            if (AcceptWord("none"))
            {
                return new AlterSortKeyAction(position, null, []);
            }
            return new AlterSortKeyAction(position, style, ParseParenthesizedNames());
        }
        if (AcceptWord("encode"))
        {
            ExpectWord("auto");
            return new AlterEncodeAutoAction(position);
        }
        AcceptWord("column");
        string column = ParseIdentifier();
        if (AcceptWord("encode"))
        {
            return new AlterColumnEncodeAction(position, column, ParseLabel());
        }
        if (AcceptWord("set"))
        {
            ExpectWord("data");
        }
        ExpectWord("type");
        return new AlterColumnTypeAction(position, column, ParseType());
    }
}
