using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>FROM items: tables, derived tables, table functions, joins and aliases.</summary>
internal sealed partial class Parser
{
    /// <summary>A FROM item with its joins (left associative; a qualified join's right side may nest).</summary>
    private TableRef ParseTableRef()
    {
        Enter();
        try
        {
            TableRef left = ParseTablePrimary();
            while (TryParseJoin(left, out TableRef? joined))
            {
                left = joined!;
            }
            return left;
        }
        finally
        {
            Leave();
        }
    }

    private bool IsJoinStart() =>
        IsWord("join") || IsWord("inner") || IsWord("left") || IsWord("right") || IsWord("full") || IsWord("cross") || IsWord("natural");

    private bool TryParseJoin(TableRef left, out TableRef? joined)
    {
        joined = null;
        if (!IsJoinStart())
        {
            return false;
        }
        int position = Current.Start;
        if (AcceptWord("cross"))
        {
            ExpectWord("join");
            joined = new JoinTableRef(position, JoinKind.Cross, left, ParseTablePrimary(), null, null, false);
            return true;
        }
        bool natural = AcceptWord("natural");
        JoinKind kind = JoinKind.Inner;
        if (AcceptWord("inner"))
        {
            kind = JoinKind.Inner;
        }
        else if (IsWord("left") || IsWord("right") || IsWord("full"))
        {
            kind = Advance().Text switch { "left" => JoinKind.Left, "right" => JoinKind.Right, _ => JoinKind.Full };
            AcceptWord("outer");
        }
        ExpectWord("join");
        TableRef right = ParseTablePrimary();
        if (natural)
        {
            joined = new JoinTableRef(position, kind, left, right, null, null, true);
            return true;
        }
        // a JOIN b JOIN c ON x ON y: the right side is itself a join.
        while (IsJoinStart())
        {
            TryParseJoin(right, out TableRef? nested);
            right = nested!;
        }
        if (AcceptWord("on"))
        {
            joined = new JoinTableRef(position, kind, left, right, ParseExpression(), null, false);
            return true;
        }
        if (AcceptWord("using"))
        {
            joined = new JoinTableRef(position, kind, left, right, null, ParseParenthesizedNames(), false);
            return true;
        }
        throw Unexpected();
    }

    private TableRef ParseTablePrimary()
    {
        Token t = Current;
        if (t.IsWord("lateral"))
        {
            Advance();
            if (!IsSymbol("("))
            {
                throw NotSupported("LATERAL function calls", Current.Start);
            }
            Query lateral = ParseParenthesizedQuery();
            return new SubqueryTableRef(t.Start, lateral, ParseTableAlias(), true);
        }
        if (t.IsSymbol("("))
        {
            if (QueryStartsAt(1))
            {
                if (TryParse(ParseParenthesizedQuery, out Query query, out SqlException? error))
                {
                    return new SubqueryTableRef(t.Start, query, ParseTableAlias(), false);
                }
                return Fallback(ParseParenthesizedJoin, error!);
            }
            return ParseParenthesizedJoin();
        }
        if (t.IsWord("only"))
        {
            Advance();
        }
        QualifiedName name = ParseQualifiedName();
        if (IsSymbol("("))
        {
            if (name.Database is not null)
            {
                throw Unexpected();
            }
            FunctionCall call = ParseFunctionCall(name.Position, name.Schema, name.Name);
            if (AcceptWord("with") && AcceptWord("ordinality"))
            {
                throw NotSupported("WITH ORDINALITY", PreviousEnd);
            }
            return new FunctionTableRef(t.Start, call, ParseTableAlias());
        }
        if (IsWord("tablesample"))
        {
            throw NotSupported("TABLESAMPLE", Current.Start);
        }
        return new NamedTableRef(t.Start, name, ParseTableAlias());
    }

    /// <summary><c>( join-tree ) [alias]</c>.</summary>
    private TableRef ParseParenthesizedJoin()
    {
        int position = ExpectSymbol("(").Start;
        TableRef inner = ParseTableRef();
        ExpectSymbol(")");
        TableAlias? alias = ParseTableAlias();
        if (alias is null)
        {
            return inner;
        }
        return inner switch
        {
            JoinTableRef join => join with { Alias = alias },
            NamedTableRef { Alias: null } named => named with { Alias = alias },
            SubqueryTableRef { Alias: null } sub => sub with { Alias = alias },
            _ => throw new SqlException(SqlState.SyntaxError, "syntax error at or near \"" + alias.Name + "\"", alias.Position + 1),
        };
    }

    /// <summary><c>[AS] alias [(col, ...)]</c>, or null when none follows.</summary>
    private TableAlias? ParseTableAlias()
    {
        int position = Current.Start;
        string name;
        if (AcceptWord("as"))
        {
            name = ParseIdentifier();
        }
        else if (IsBareAlias())
        {
            name = Advance().Text;
        }
        else
        {
            return null;
        }
        List<string>? columns = IsSymbol("(") ? ParseParenthesizedNames() : null;
        return new TableAlias(position, name, columns);
    }
}
