using ActorWarehouse.Engine.Sql.Ast;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>INSERT, UPDATE, DELETE and TRUNCATE.</summary>
internal sealed partial class Parser
{
    private Statement ParseInsert()
    {
        int position = ExpectWord("insert").Start;
        ExpectWord("into");
        QualifiedName table = ParseQualifiedName();
        if (IsWord("as"))
        {
            throw NotSupported("INSERT target alias", Current.Start);
        }
        List<string>? columns = null;
        if (IsSymbol("(") && !QueryStartsAt(1))
        {
            columns = ParseParenthesizedNames();
        }
        Query? source = null;
        if (IsWord("default") && IsWordAt(1, "values"))
        {
            Advance();
            Advance();
        }
        else
        {
            source = ParseQuery();
        }
        if (IsWord("on") && IsWordAt(1, "conflict"))
        {
            throw NotSupported("ON CONFLICT", Current.Start);
        }
        if (IsWord("returning"))
        {
            throw NotSupported("RETURNING", Current.Start);
        }
        return new InsertStatement(position, table, columns, source);
    }

    private Statement ParseUpdate()
    {
        int position = ExpectWord("update").Start;
        AcceptWord("only");
        QualifiedName table = ParseQualifiedName();
        string? alias = null;
        if (AcceptWord("as"))
        {
            alias = ParseIdentifier();
        }
        else if (IsNameToken(Current) && !IsWord("set"))
        {
            alias = ParseIdentifier();
        }
        ExpectWord("set");
        var assignments = ParseCommaList(() =>
        {
            int at = Current.Start;
            if (IsSymbol("("))
            {
                throw NotSupported("multiple-column UPDATE SET (a, b) = ...", at);
            }
            string column = ParseIdentifier();
            // "SET t.col = ..." names the target by its alias or table name (Redshift accepts it).
            if (AcceptSymbol("."))
            {
                column = ParseLabel();
            }
            ExpectSymbol("=");
            return new Assignment(at, column, ParseExpression());
        });
        List<TableRef> from = [];
        if (AcceptWord("from"))
        {
            from = ParseCommaList(ParseTableRef);
        }
        Expr? where = AcceptWord("where") ? ParseExpression() : null;
        if (IsWord("returning"))
        {
            throw NotSupported("RETURNING", Current.Start);
        }
        return new UpdateStatement(position, table, alias, assignments, from, where);
    }

    private Statement ParseDelete()
    {
        int position = ExpectWord("delete").Start;
        AcceptWord("from");
        AcceptWord("only");
        QualifiedName table = ParseQualifiedName();
        string? alias = null;
        if (AcceptWord("as"))
        {
            alias = ParseIdentifier();
        }
        else if (IsNameToken(Current))
        {
            alias = ParseIdentifier();
        }
        List<TableRef> usingItems = [];
        if (AcceptWord("using"))
        {
            usingItems = ParseCommaList(ParseTableRef);
        }
        Expr? where = AcceptWord("where") ? ParseExpression() : null;
        if (IsWord("returning"))
        {
            throw NotSupported("RETURNING", Current.Start);
        }
        return new DeleteStatement(position, table, alias, usingItems, where);
    }

    private Statement ParseTruncate()
    {
        int position = ExpectWord("truncate").Start;
        AcceptWord("table");
        AcceptWord("only");
        var tables = ParseCommaList(ParseQualifiedName);
        if (!AcceptWords("restart", "identity"))
        {
            AcceptWords("continue", "identity");
        }
        ParseDropBehavior();
        return new TruncateStatement(position, tables);
    }
}
