using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>The statement list and dispatch on the first word.</summary>
internal sealed partial class Parser
{
    /// <summary>Parses all ';'-separated statements; empty statements are skipped.</summary>
    public List<Statement> ParseStatements()
    {
        var statements = new List<Statement>();
        while (true)
        {
            while (AcceptSymbol(";"))
            {
            }
            if (AtEnd)
            {
                return statements;
            }
            Statement statement = ParseStatement();
            statements.Add(statement with { Length = PreviousEnd - statement.Position });
            if (!AtEnd && !IsSymbol(";"))
            {
                throw Unexpected();
            }
        }
    }

    private Statement ParseStatement()
    {
        Token t = Current;
        if (t.IsSymbol("("))
        {
            return ParseQueryStatement();
        }
        if (t.Kind != TokenKind.Identifier)
        {
            throw Unexpected();
        }
        switch (t.Text)
        {
            case "select" or "with" or "values" or "table":
                return ParseQueryStatement();
            case "create":
                return ParseCreate();
            case "drop":
                return ParseDrop();
            case "insert":
                return ParseInsert();
            case "update":
                return ParseUpdate();
            case "delete":
                return ParseDelete();
            case "truncate":
                return ParseTruncate();
            case "copy":
                return ParseCopy();
            case "explain":
                return ParseExplain();
            case "begin" or "start" or "commit" or "end" or "rollback" or "abort":
                return ParseTransaction();
            case "set":
                return ParseSet();
            case "show":
                return ParseShow();
            case "reset":
                return ParseReset();
            case "analyze" or "analyse":
                return ParseAnalyze();
            case "vacuum":
                return ParseVacuum();
            case "alter":
                return ParseAlter();
            case "grant":
                return ParseGrant();
            case "revoke":
                return ParseRevoke();
            case "lock":
                return ParseLock();
            case "refresh":
                return ParseRefresh();
            case "desc" or "describe":
                return ParseDescribe();
            case "prepare":
                return ParsePrepare();
            case "execute":
                return ParseExecutePrepared();
            case "deallocate":
                return ParseDeallocate();
            case "merge" or "unload" or "call" or "comment" or "declare" or "fetch" or "close" or "savepoint" or "release"
                or "cancel" or "listen" or "notify" or "cluster" or "reindex" or "discard" or "checkpoint" or "do":
                throw NotSupported(t.Text.ToUpperInvariant(), t.Start);
            default:
                throw Unexpected();
        }
    }

    /// <summary>A query statement, or SELECT ... INTO turned into CREATE TABLE AS.</summary>
    private Statement ParseQueryStatement()
    {
        int position = Current.Start;
        _selectInto = null;
        _allowSelectInto = true;
        Query query;
        try
        {
            query = ParseQuery();
        }
        finally
        {
            _allowSelectInto = false;
        }
        if (_selectInto is { } into)
        {
            _selectInto = null;
            return new CreateTableAsStatement(position, into.Name, into.Temporary, false, null, TableAttributes.None(into.Position), query);
        }
        return new SelectStatement(position, query);
    }

    private Statement ParseExplain()
    {
        int position = ExpectWord("explain").Start;
        bool verbose = false;
        bool analyze = false;
        if (IsSymbol("("))
        {
            Advance();
            do
            {
                Token option = Current;
                string name = ParseLabel();
                bool enabled = true;
                if (Current.Kind is TokenKind.Identifier or TokenKind.String or TokenKind.Number && !IsSymbol(","))
                {
                    string value = Advance().Text;
                    enabled = value is not ("false" or "off" or "0");
                }
                switch (name)
                {
                    case "verbose": verbose = enabled; break;
                    case "analyze" or "analyse": analyze = enabled; break;
                    case "costs" or "buffers" or "timing" or "summary" or "settings" or "wal" or "format" or "memory" or "serialize" or "generic_plan":
                        break;
                    default:
                        throw new SqlException(SqlState.SyntaxError, $"unrecognized EXPLAIN option \"{name}\"", option.Start + 1);
                }
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
        }
        else
        {
            if (AcceptWord("analyze") || AcceptWord("analyse"))
            {
                analyze = true;
            }
            if (AcceptWord("verbose"))
            {
                verbose = true;
            }
        }
        Token inner = Current;
        if (!(inner.IsWord("select") || inner.IsWord("with") || inner.IsWord("values") || inner.IsWord("table") || inner.IsSymbol("(")
            || inner.IsWord("insert") || inner.IsWord("update") || inner.IsWord("delete") || inner.IsWord("create")))
        {
            throw Unexpected();
        }
        Statement statement = ParseStatement();
        statement = statement with { Length = PreviousEnd - statement.Position };
        return new ExplainStatement(position, statement, verbose, analyze);
    }

    /// <summary>One expression filling the whole input.</summary>
    public Expr ParseStandaloneExpression()
    {
        Expr expr = ParseExpression();
        if (!AtEnd)
        {
            throw Unexpected();
        }
        return expr;
    }
}
