using System.Text;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>Transactions, SET/SHOW/RESET, ANALYZE and VACUUM.</summary>
internal sealed partial class Parser
{
    private Statement ParseTransaction()
    {
        Token verb = Advance();
        switch (verb.Text)
        {
            case "begin":
                if (!AcceptWord("work"))
                {
                    AcceptWord("transaction");
                }
                return ParseTransactionModes(verb.Start);
            case "start":
                ExpectWord("transaction");
                return ParseTransactionModes(verb.Start);
            case "commit" or "end":
                if (AcceptWord("prepared"))
                {
                    throw NotSupported("COMMIT PREPARED", verb.Start);
                }
                if (!AcceptWord("work"))
                {
                    AcceptWord("transaction");
                }
                RejectChain();
                return new TransactionStatement(verb.Start, TransactionAction.Commit, null, null);
            default:
                if (!AcceptWord("work"))
                {
                    AcceptWord("transaction");
                }
                if (IsWord("to") || IsWord("prepared"))
                {
                    throw NotSupported("ROLLBACK " + Current.Text.ToUpperInvariant(), Current.Start);
                }
                RejectChain();
                return new TransactionStatement(verb.Start, TransactionAction.Rollback, null, null);
        }
    }

    private void RejectChain()
    {
        if (IsWord("and") && (IsWordAt(1, "chain") || IsWordAt(2, "chain")))
        {
            throw NotSupported("AND CHAIN", Current.Start);
        }
    }

    private TransactionStatement ParseTransactionModes(int position)
    {
        string? isolation = null;
        bool? readOnly = null;
        do
        {
            if (AcceptWords("isolation", "level"))
            {
                isolation = ParseIsolationLevel();
            }
            else if (AcceptWord("read"))
            {
                if (AcceptWord("only"))
                {
                    readOnly = true;
                }
                else
                {
                    ExpectWord("write");
                    readOnly = false;
                }
            }
            else if (IsWord("deferrable") || (IsWord("not") && IsWordAt(1, "deferrable")))
            {
                AcceptWord("not");
                Advance();
            }
            else
            {
                break;
            }
        }
        while (AcceptSymbol(",") || IsWord("isolation") || IsWord("read"));
        return new TransactionStatement(position, TransactionAction.Begin, isolation, readOnly);
    }

    private string ParseIsolationLevel()
    {
        if (AcceptWord("serializable"))
        {
            return "serializable";
        }
        if (AcceptWords("repeatable", "read"))
        {
            return "repeatable read";
        }
        ExpectWord("read");
        if (AcceptWord("committed"))
        {
            return "read committed";
        }
        ExpectWord("uncommitted");
        return "read uncommitted";
    }

    private Statement ParseSet()
    {
        int position = ExpectWord("set").Start;
        bool local = false;
        if (AcceptWord("local"))
        {
            local = true;
        }
        else
        {
            AcceptWord("session");
        }
        if (IsWord("authorization") || IsWord("role") || (IsWord("session") && IsWordAt(1, "authorization")) || IsWord("constraints"))
        {
            throw NotSupported("SET " + Current.Text.ToUpperInvariant(), Current.Start);
        }
        if (AcceptWord("characteristics"))
        {
            // SET SESSION CHARACTERISTICS AS TRANSACTION ...: the session defaults (sent by JDBC).
            ExpectWord("as");
            ExpectWord("transaction");
            return TransactionModesAsSetting(position, ParseTransactionModes(position), "default_", local);
        }
        if (AcceptWord("transaction"))
        {
            return TransactionModesAsSetting(position, ParseTransactionModes(position), "", local);
        }
        if (AcceptWords("time", "zone"))
        {
            if (AcceptWord("local") || AcceptWord("default"))
            {
                return new SetStatement(position, "timezone", [], true, local);
            }
            if (IsWord("interval"))
            {
                IntervalLiteral offset = ParseIntervalLiteral();
                return new SetStatement(position, "timezone", [offset.Text], false, local);
            }
            return new SetStatement(position, "timezone", [ParseSetValue()], false, local);
        }
        string name = ParseSettingName();
        if (!AcceptWord("to") && !AcceptSymbol("="))
        {
            throw Unexpected();
        }
        if (AcceptWord("default"))
        {
            return new SetStatement(position, name, [], true, local);
        }
        var values = ParseCommaList(ParseSetValue);
        return new SetStatement(position, name, values, false, local);
    }

    /// <summary>
    /// SET [SESSION CHARACTERISTICS AS] TRANSACTION modes as a setting: transaction_isolation (or
    /// transaction_read_only when only an access mode is given), with <paramref name="prefix"/> "default_" for
    /// the session form. One mode per statement.
    /// </summary>
    private SetStatement TransactionModesAsSetting(int position, TransactionStatement modes, string prefix, bool local)
    {
        if (modes.IsolationLevel is { } level)
        {
            if (modes.ReadOnly is not null)
            {
                throw NotSupported("setting isolation level and access mode in one SET", position);
            }
            return new SetStatement(position, prefix + "transaction_isolation", [level], false, local);
        }
        if (modes.ReadOnly is { } readOnly)
        {
            return new SetStatement(position, prefix + "transaction_read_only", [readOnly ? "on" : "off"], false, local);
        }
        throw Unexpected();
    }

    /// <summary>A setting name, possibly dotted (<c>myapp.key</c>), lower-cased unless quoted.</summary>
    private string ParseSettingName()
    {
        var name = new StringBuilder(ParseLabel());
        while (AcceptSymbol("."))
        {
            name.Append('.').Append(ParseLabel());
        }
        return name.ToString();
    }

    /// <summary>One SET value as text: word, quoted string or signed number.</summary>
    private string ParseSetValue()
    {
        Token t = Current;
        switch (t.Kind)
        {
            case TokenKind.String or TokenKind.Identifier or TokenKind.QuotedIdentifier or TokenKind.Number:
                Advance();
                return t.Text;
            case TokenKind.Symbol when (t.Text is "-" or "+") && Peek().Kind == TokenKind.Number:
                Advance();
                return (t.Text == "-" ? "-" : "") + Advance().Text;
            default:
                throw Unexpected();
        }
    }

    private Statement ParseShow()
    {
        int position = ExpectWord("show").Start;
        if (AcceptWords("time", "zone"))
        {
            return new ShowStatement(position, "timezone");
        }
        if (AcceptWords("transaction", "isolation"))
        {
            ExpectWord("level");
            return new ShowStatement(position, "transaction_isolation");
        }
        if (IsWord("session") && IsWordAt(1, "authorization"))
        {
            Advance();
            Advance();
            return new ShowStatement(position, "session_authorization");
        }
        if (AcceptWord("datashares"))
        {
            return ParseShowDatashares(position);
        }
        if (Current.Kind == TokenKind.Identifier && Current.Text is "tables" or "columns" or "databases" or "schemas" or "grants"
            or "table" or "view" or "procedure" or "model" or "external" or "materialized")
        {
            // Redshift's object listings and DDL display (SHOW TABLES FROM SCHEMA ..., SHOW TABLE t).
            throw NotSupported("SHOW " + Current.Text.ToUpperInvariant(), Current.Start);
        }
        return new ShowStatement(position, ParseSettingName());
    }

    private Statement ParseReset()
    {
        int position = ExpectWord("reset").Start;
        if (AcceptWord("all"))
        {
            return new ResetStatement(position, null);
        }
        if (AcceptWords("time", "zone"))
        {
            return new ResetStatement(position, "timezone");
        }
        if (AcceptWords("session", "authorization") || AcceptWord("role"))
        {
            throw NotSupported("RESET " + RawText(_tokens[_pos - 1]).ToUpperInvariant(), position);
        }
        return new ResetStatement(position, ParseSettingName());
    }

    private Statement ParseAnalyze()
    {
        int position = Advance().Start;
        bool verbose = AcceptWord("verbose");
        bool compression = AcceptWord("compression");
        QualifiedName? table = null;
        List<string>? columns = null;
        if (IsNameToken(Current) && !(IsWord("predicate") && IsWordAt(1, "columns")) && !(IsWord("comprows")))
        {
            table = ParseQualifiedName();
            if (IsSymbol("("))
            {
                columns = ParseParenthesizedNames();
            }
        }
        if (!AcceptWords("predicate", "columns"))
        {
            AcceptWords("all", "columns");
        }
        if (compression && AcceptWord("comprows"))
        {
            ParseIntegerConstant();
        }
        return new AnalyzeStatement(position, table, columns, compression, verbose);
    }

    private Statement ParseVacuum()
    {
        int position = ExpectWord("vacuum").Start;
        VacuumMode mode = VacuumMode.Full;
        if (IsSymbol("("))
        {
            // PostgreSQL option list: VACUUM (FULL, ANALYZE, VERBOSE) t
            Advance();
            do
            {
                string option = ParseLabel();
                if (Current.Kind is TokenKind.Identifier or TokenKind.Number && !IsSymbol(","))
                {
                    Advance();
                }
                if (option == "full")
                {
                    mode = VacuumMode.Full;
                }
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
        }
        else if (AcceptWord("full"))
        {
            mode = VacuumMode.Full;
        }
        else if (AcceptWords("sort", "only"))
        {
            mode = VacuumMode.SortOnly;
        }
        else if (AcceptWords("delete", "only"))
        {
            mode = VacuumMode.DeleteOnly;
        }
        else if (AcceptWord("reindex"))
        {
            mode = VacuumMode.Reindex;
        }
        else if (AcceptWord("recluster"))
        {
            mode = VacuumMode.Recluster;
        }
        AcceptWord("verbose");
        AcceptWord("analyze");
        QualifiedName? table = null;
        if (IsNameToken(Current) && !IsWord("boost"))
        {
            table = ParseQualifiedName();
        }
        int? threshold = null;
        if (AcceptWord("to"))
        {
            int at = Current.Start;
            threshold = ParseInt32Constant();
            ExpectWord("percent");
            if (threshold is < 0 or > 100)
            {
                throw new SqlException(SqlState.InvalidParameterValue, "VACUUM threshold must be between 0 and 100 percent", at + 1);
            }
        }
        bool boost = AcceptWord("boost");
        return new VacuumStatement(position, mode, table, threshold, boost);
    }
}
