using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>Queries: WITH, set operations, SELECT blocks, VALUES, ORDER BY and LIMIT/OFFSET/FETCH/TOP.</summary>
internal sealed partial class Parser
{
    /// <summary>Queries produced from SELECT TOP n: their limit moves outside a following ORDER BY.</summary>
    private readonly HashSet<Query> _topQueries = new(ReferenceEqualityComparer.Instance);

    /// <summary>Target of SELECT ... INTO name (only valid in a top-level statement).</summary>
    private (QualifiedName Name, bool Temporary, int Position)? _selectInto;

    /// <summary>True while parsing a top-level query statement (SELECT ... INTO allowed).</summary>
    private bool _allowSelectInto;

    /// <summary>Nesting depth of <see cref="ParseQuery"/> calls.</summary>
    private int _queryDepth;

    private Query ParseQuery()
    {
        _queryDepth++;
        Enter();
        try
        {
            return ParseQueryCore();
        }
        finally
        {
            Leave();
            _queryDepth--;
        }
    }

    private Query ParseQueryCore()
    {
        int position = Current.Start;
        WithClause? with = IsWord("with") ? ParseWith() : null;
        QueryExpr body = ParseSetOperations();
        List<OrderItem> orderBy = [];
        if (IsWord("order") && IsWordAt(1, "by"))
        {
            Advance();
            Advance();
            orderBy = ParseCommaList(ParseOrderItem);
        }
        Expr? limit = null;
        Expr? offset = null;
        bool limitSeen = false;
        while (true)
        {
            if (IsWord("limit") && !limitSeen)
            {
                Advance();
                limitSeen = true;
                if (!AcceptWord("all"))
                {
                    limit = ParseExpression();
                }
                if (IsSymbol(","))
                {
                    throw new SqlException(SqlState.FeatureNotSupported, "LIMIT #,# syntax is not supported", Current.Start + 1, hint: "Use separate LIMIT and OFFSET clauses.");
                }
            }
            else if (IsWord("offset") && offset is null)
            {
                Advance();
                offset = ParseExpression();
                if (!AcceptWord("rows"))
                {
                    AcceptWord("row");
                }
            }
            else if (IsWord("fetch") && !limitSeen)
            {
                Advance();
                limitSeen = true;
                if (!AcceptWord("first"))
                {
                    ExpectWord("next");
                }
                if (!(IsWord("row") || IsWord("rows")))
                {
                    limit = ParseOtherOperators();
                }
                else
                {
                    limit = new IntegerLiteral(Current.Start, 1, Types.SqlType.Integer);
                }
                if (!AcceptWord("rows"))
                {
                    ExpectWord("row");
                }
                if (IsWord("with") && IsWordAt(1, "ties"))
                {
                    throw NotSupported("FETCH ... WITH TIES", Current.Start);
                }
                ExpectWord("only");
            }
            else if (IsWord("for") && (IsWordAt(1, "update") || IsWordAt(1, "share") || IsWordAt(1, "no") || IsWordAt(1, "key")))
            {
                throw NotSupported("SELECT ... FOR UPDATE/SHARE", Current.Start);
            }
            else
            {
                break;
            }
        }
        if (body is Query top && _topQueries.Contains(top) && with is null)
        {
            if (limitSeen)
            {
                throw new SqlException(SqlState.SyntaxError, "TOP cannot be combined with LIMIT or FETCH", top.Position + 1);
            }
            // SELECT TOP n ... ORDER BY: the limit applies after the ordering.
            _topQueries.Remove(top);
            return new Query(position, null, top.Body, orderBy, top.Limit, offset);
        }
        if (with is null && orderBy.Count == 0 && !limitSeen && offset is null && body is Query nested)
        {
            return nested;
        }
        return new Query(position, with, body, orderBy, limit, offset);
    }

    private WithClause ParseWith()
    {
        int position = ExpectWord("with").Start;
        bool recursive = AcceptWord("recursive");
        var ctes = ParseCommaList(ParseCommonTableExpr);
        return new WithClause(position, recursive, ctes);
    }

    private CommonTableExpr ParseCommonTableExpr()
    {
        int position = Current.Start;
        string name = ParseIdentifier();
        List<string>? columns = IsSymbol("(") ? ParseParenthesizedNames() : null;
        ExpectWord("as");
        bool? materialized = null;
        if (AcceptWord("materialized"))
        {
            materialized = true;
        }
        else if (IsWord("not") && IsWordAt(1, "materialized"))
        {
            Advance();
            Advance();
            materialized = false;
        }
        Query query = ParseParenthesizedQuery();
        return new CommonTableExpr(position, name, columns, query, materialized);
    }

    /// <summary>UNION / EXCEPT (MINUS) level, left associative.</summary>
    private QueryExpr ParseSetOperations()
    {
        QueryExpr left = ParseIntersect();
        while (IsWord("union") || IsWord("except") || IsWord("minus"))
        {
            Token op = Advance();
            bool all = ParseSetQuantifier();
            QueryExpr right = ParseIntersect();
            left = new SetOperationQuery(op.Start, op.Text == "union" ? SetOperator.Union : SetOperator.Except, all, left, right);
        }
        return left;
    }

    /// <summary>INTERSECT binds tighter than UNION and EXCEPT.</summary>
    private QueryExpr ParseIntersect()
    {
        QueryExpr left = ParseQueryPrimary();
        while (IsWord("intersect"))
        {
            int position = Advance().Start;
            bool all = ParseSetQuantifier();
            left = new SetOperationQuery(position, SetOperator.Intersect, all, left, ParseQueryPrimary());
        }
        return left;
    }

    private bool ParseSetQuantifier()
    {
        if (AcceptWord("all"))
        {
            return true;
        }
        AcceptWord("distinct");
        return false;
    }

    private QueryExpr ParseQueryPrimary()
    {
        Token t = Current;
        if (t.IsSymbol("("))
        {
            Advance();
            Query inner = ParseQuery();
            ExpectSymbol(")");
            // A parenthesized query without its own WITH/ORDER BY/LIMIT is just its body.
            bool trivial = inner.With is null && inner.OrderBy.Count == 0 && inner.Limit is null && inner.Offset is null;
            return trivial ? inner.Body : inner;
        }
        if (t.IsWord("select"))
        {
            return ParseSelect();
        }
        if (t.IsWord("values"))
        {
            return ParseValues();
        }
        if (t.IsWord("table"))
        {
            Advance();
            QualifiedName name = ParseQualifiedName();
            return new SelectQuery(t.Start, false, [new StarSelectItem(t.Start, null)], [new NamedTableRef(name.Position, name, null)], null, [], null, []);
        }
        throw Unexpected();
    }

    private ValuesQuery ParseValues()
    {
        int position = ExpectWord("values").Start;
        var rows = ParseCommaList(ParseParenthesizedExpressions);
        int width = rows[0].Count;
        foreach (var row in rows)
        {
            if (row.Count != width)
            {
                throw new SqlException(SqlState.SyntaxError, "VALUES lists must all be the same length", row[0].Position + 1);
            }
        }
        return new ValuesQuery(position, [.. rows.Select(r => (IReadOnlyList<Expr>)r)]);
    }

    private QueryExpr ParseSelect()
    {
        int position = ExpectWord("select").Start;
        Expr? top = ParseTop();
        bool distinct = false;
        if (AcceptWord("distinct"))
        {
            distinct = true;
            if (IsWord("on"))
            {
                throw NotSupported("SELECT DISTINCT ON", Current.Start);
            }
        }
        else
        {
            AcceptWord("all");
        }
        top ??= ParseTop();
        List<SelectItem> items = [];
        if (!SelectListEnds())
        {
            items = ParseCommaList(ParseSelectItem);
        }
        if (IsWord("into"))
        {
            ParseSelectInto();
        }
        List<TableRef> from = [];
        if (AcceptWord("from"))
        {
            from = ParseCommaList(ParseTableRef);
        }
        Expr? where = AcceptWord("where") ? ParseExpression() : null;
        List<GroupingElement> groupBy = [];
        if (IsWord("group") && IsWordAt(1, "by"))
        {
            Advance();
            Advance();
            if (!AcceptWord("all"))
            {
                if (IsWord("distinct"))
                {
                    throw NotSupported("GROUP BY DISTINCT", Current.Start);
                }
            }
            groupBy = ParseGroupBy();
        }
        Expr? having = AcceptWord("having") ? ParseExpression() : null;
        List<NamedWindow> windows = [];
        if (IsWord("window"))
        {
            Advance();
            windows = ParseCommaList(ParseNamedWindow);
        }
        if (IsWord("qualify"))
        {
            throw NotSupported("QUALIFY", Current.Start);
        }
        var select = new SelectQuery(position, distinct, items, from, where, groupBy, having, windows);
        if (top is null)
        {
            return select;
        }
        var query = new Query(position, null, select, [], top, null);
        _topQueries.Add(query);
        return query;
    }

    /// <summary>Redshift's TOP n (a constant).</summary>
    private Expr? ParseTop()
    {
        if (!IsWord("top") || Peek().Kind != TokenKind.Number)
        {
            return null;
        }
        Advance();
        Token t = Current;
        if (t.Kind != TokenKind.Number)
        {
            throw Unexpected();
        }
        Advance();
        return NumberLiteral(t);
    }

    /// <summary>True when the select list is empty (PostgreSQL allows SELECT FROM t, and a bare SELECT).</summary>
    private bool SelectListEnds()
    {
        Token t = Current;
        return t.Kind == TokenKind.End || t.IsSymbol(";") || t.IsSymbol(")")
            || t.IsWord("from") || t.IsWord("where") || t.IsWord("union") || t.IsWord("except") || t.IsWord("intersect")
            || t.IsWord("order") || t.IsWord("limit") || t.IsWord("group") || t.IsWord("having") || t.IsWord("into");
    }

    private void ParseSelectInto()
    {
        int position = ExpectWord("into").Start;
        bool temporary = AcceptWord("temporary") || AcceptWord("temp");
        if (!temporary && AcceptWord("local"))
        {
            temporary = AcceptWord("temporary") || AcceptWord("temp");
        }
        AcceptWord("table");
        QualifiedName name = ParseQualifiedName();
        if (_selectInto is not null || !_allowSelectInto || _queryDepth != 1)
        {
            throw new SqlException(SqlState.SyntaxError, "SELECT ... INTO is not allowed here", position + 1);
        }
        _selectInto = (name, temporary || name.Name.StartsWith('#'), position);
    }

    private SelectItem ParseSelectItem()
    {
        int position = Current.Start;
        if (IsSymbol("*"))
        {
            Advance();
            return new StarSelectItem(position, null);
        }
        if (IsQualifiedStar())
        {
            var qualifier = new List<string> { Advance().Text };
            while (true)
            {
                ExpectSymbol(".");
                if (AcceptSymbol("*"))
                {
                    return new StarSelectItem(position, qualifier);
                }
                qualifier.Add(Advance().Text);
            }
        }
        Expr expr = ParseExpression();
        string? alias = null;
        if (AcceptWord("as"))
        {
            alias = ParseLabel();
        }
        else if (IsBareAlias())
        {
            alias = Advance().Text;
        }
        return new ExprSelectItem(position, expr, alias);
    }

    /// <summary>Looks ahead for <c>name(.name)*.*</c>.</summary>
    private bool IsQualifiedStar()
    {
        int k = 0;
        while (Peek(k).Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier && Peek(k + 1).IsSymbol("."))
        {
            if (Peek(k + 2).IsSymbol("*"))
            {
                return true;
            }
            k += 2;
        }
        return false;
    }

    private OrderItem ParseOrderItem()
    {
        int position = Current.Start;
        Expr expr = ParseExpression();
        bool descending = false;
        if (AcceptWord("desc"))
        {
            descending = true;
        }
        else if (!AcceptWord("asc") && IsWord("using"))
        {
            throw NotSupported("ORDER BY ... USING", Current.Start);
        }
        bool? nullsFirst = null;
        if (IsWord("nulls"))
        {
            Advance();
            if (AcceptWord("first"))
            {
                nullsFirst = true;
            }
            else
            {
                ExpectWord("last");
                nullsFirst = false;
            }
        }
        return new OrderItem(position, expr, descending, nullsFirst);
    }

    private List<GroupingElement> ParseGroupBy()
    {
        var elements = new List<GroupingElement>();
        do
        {
            GroupingElement element = ParseGroupingElement();
            // A plain GROUP BY (a, b) groups by a and b.
            if (element is ExprGrouping { Expr: RowExpr row } && IsPlainParenthesizedRow(row))
            {
                foreach (Expr item in row.Items)
                {
                    elements.Add(new ExprGrouping(item.Position, item));
                }
            }
            else
            {
                elements.Add(element);
            }
        }
        while (AcceptSymbol(","));
        return elements;
    }

    private static bool IsPlainParenthesizedRow(RowExpr row) => row.Items.Count > 0;

    private GroupingElement ParseGroupingElement()
    {
        int position = Current.Start;
        if (IsSymbol("(") && Peek().IsSymbol(")"))
        {
            Advance();
            Advance();
            return new EmptyGrouping(position);
        }
        if ((IsWord("rollup") || IsWord("cube")) && Peek().IsSymbol("("))
        {
            bool rollup = Advance().Text == "rollup";
            ExpectSymbol("(");
            var elements = ParseCommaList(() =>
            {
                Expr e = ParseExpression();
                return e is RowExpr r ? r.Items : (IReadOnlyList<Expr>)[e];
            });
            ExpectSymbol(")");
            return rollup ? new RollupGrouping(position, elements) : new CubeGrouping(position, elements);
        }
        if (IsWord("grouping") && IsWordAt(1, "sets"))
        {
            Advance();
            Advance();
            ExpectSymbol("(");
            var sets = ParseCommaList(ParseGroupingElement);
            ExpectSymbol(")");
            return new GroupingSetsGrouping(position, sets);
        }
        return new ExprGrouping(position, ParseExpression());
    }

    private NamedWindow ParseNamedWindow()
    {
        int position = Current.Start;
        string name = ParseIdentifier();
        ExpectWord("as");
        return new NamedWindow(position, name, ParseWindowSpec());
    }
}
