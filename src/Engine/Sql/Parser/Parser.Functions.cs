using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>Function calls, aggregates, window specifications and the special call syntaxes.</summary>
internal sealed partial class Parser
{
    private FunctionCall ParseFunctionCall(int position, string? schema, string name)
    {
        ExpectSymbol("(");
        bool star = false;
        bool distinct = false;
        var arguments = new List<Expr>();
        List<OrderItem>? argumentOrder = null;
        NullTreatment nulls = NullTreatment.Default;
        if (IsSymbol("*"))
        {
            Advance();
            star = true;
        }
        else if (!IsSymbol(")"))
        {
            if (AcceptWord("distinct"))
            {
                distinct = true;
            }
            else
            {
                AcceptWord("all");
            }
            if (IsWord("variadic"))
            {
                throw NotSupported("VARIADIC", Current.Start);
            }
            if (schema is null && name is "dateadd" or "datediff" or "date_part" && Current.Kind == TokenKind.Identifier
                && !Keywords.IsReserved(Current.Text) && Peek().IsSymbol(","))
            {
                // Redshift date parts are written as bare words: DATEADD(day, 1, d) means DATEADD('day', 1, d).
                Token part = Advance();
                arguments.Add(new StringLiteral(part.Start, part.Text));
            }
            else
            {
                arguments.Add(ParseExpression());
            }
            while (AcceptSymbol(","))
            {
                arguments.Add(ParseExpression());
            }
            if (IsSymbol("=>") || IsSymbol(":="))
            {
                throw NotSupported("named function arguments", Current.Start);
            }
            nulls = ParseNullTreatment(nulls);
            if (IsWord("order") && IsWordAt(1, "by"))
            {
                Advance();
                Advance();
                argumentOrder = ParseCommaList(ParseOrderItem);
            }
        }
        ExpectSymbol(")");
        List<OrderItem>? withinGroup = null;
        if (IsWord("within") && IsWordAt(1, "group"))
        {
            Advance();
            Advance();
            ExpectSymbol("(");
            ExpectWord("order");
            ExpectWord("by");
            withinGroup = ParseCommaList(ParseOrderItem);
            ExpectSymbol(")");
        }
        Expr? filter = null;
        if (IsWord("filter") && Peek().IsSymbol("("))
        {
            Advance();
            Advance();
            ExpectWord("where");
            filter = ParseExpression();
            ExpectSymbol(")");
        }
        nulls = ParseNullTreatment(nulls);
        WindowSpec? over = null;
        if (IsWord("over"))
        {
            int overPosition = Advance().Start;
            if (IsSymbol("("))
            {
                over = ParseWindowSpec();
            }
            else
            {
                over = new WindowSpec(overPosition, ParseIdentifier(), [], [], null);
            }
        }
        return new FunctionCall(position, schema, name, arguments, star, distinct, argumentOrder, withinGroup, filter, over, nulls);
    }

    private NullTreatment ParseNullTreatment(NullTreatment current)
    {
        if (IsWord("ignore") && IsWordAt(1, "nulls"))
        {
            Advance();
            Advance();
            return NullTreatment.IgnoreNulls;
        }
        if (IsWord("respect") && IsWordAt(1, "nulls"))
        {
            Advance();
            Advance();
            return NullTreatment.RespectNulls;
        }
        return current;
    }

    /// <summary><c>( [name] [PARTITION BY ...] [ORDER BY ...] [frame] )</c>.</summary>
    private WindowSpec ParseWindowSpec()
    {
        int position = ExpectSymbol("(").Start;
        string? baseWindow = null;
        if (IsNameToken(Current) && !(IsWord("partition") || IsWord("order") || IsWord("rows") || IsWord("range") || IsWord("groups")))
        {
            baseWindow = ParseIdentifier();
        }
        List<Expr> partitionBy = [];
        if (IsWord("partition"))
        {
            Advance();
            ExpectWord("by");
            partitionBy = ParseCommaList(ParseExpression);
        }
        List<OrderItem> orderBy = [];
        if (IsWord("order"))
        {
            Advance();
            ExpectWord("by");
            orderBy = ParseCommaList(ParseOrderItem);
        }
        WindowFrame? frame = null;
        if (IsWord("rows") || IsWord("range") || IsWord("groups"))
        {
            frame = ParseWindowFrame();
        }
        ExpectSymbol(")");
        return new WindowSpec(position, baseWindow, partitionBy, orderBy, frame);
    }

    private WindowFrame ParseWindowFrame()
    {
        Token unitToken = Advance();
        FrameUnit unit = unitToken.Text switch { "rows" => FrameUnit.Rows, "range" => FrameUnit.Range, _ => FrameUnit.Groups };
        FrameBound start;
        FrameBound end;
        if (AcceptWord("between"))
        {
            start = ParseFrameBound();
            ExpectWord("and");
            end = ParseFrameBound();
        }
        else
        {
            start = ParseFrameBound();
            end = new FrameBound(start.Position, FrameBoundKind.CurrentRow, null);
        }
        var exclusion = FrameExclusion.NoOthers;
        if (AcceptWord("exclude"))
        {
            if (AcceptWords("no", "others")) exclusion = FrameExclusion.NoOthers;
            else if (AcceptWords("current", "row")) exclusion = FrameExclusion.CurrentRow;
            else if (AcceptWord("group")) exclusion = FrameExclusion.Group;
            else if (AcceptWord("ties")) exclusion = FrameExclusion.Ties;
            else throw Unexpected();
        }
        if (start.Kind == FrameBoundKind.UnboundedFollowing)
        {
            throw new SqlException(SqlState.WindowingError, "frame start cannot be UNBOUNDED FOLLOWING", start.Position + 1);
        }
        if (end.Kind == FrameBoundKind.UnboundedPreceding)
        {
            throw new SqlException(SqlState.WindowingError, "frame end cannot be UNBOUNDED PRECEDING", end.Position + 1);
        }
        return new WindowFrame(unitToken.Start, unit, start, end, exclusion);
    }

    private FrameBound ParseFrameBound()
    {
        int position = Current.Start;
        if (IsWord("unbounded"))
        {
            Advance();
            if (AcceptWord("preceding"))
            {
                return new FrameBound(position, FrameBoundKind.UnboundedPreceding, null);
            }
            ExpectWord("following");
            return new FrameBound(position, FrameBoundKind.UnboundedFollowing, null);
        }
        if (IsWord("current") && IsWordAt(1, "row"))
        {
            Advance();
            Advance();
            return new FrameBound(position, FrameBoundKind.CurrentRow, null);
        }
        Expr offset = ParseOtherOperators();
        if (AcceptWord("preceding"))
        {
            return new FrameBound(position, FrameBoundKind.Preceding, offset);
        }
        ExpectWord("following");
        return new FrameBound(position, FrameBoundKind.Following, offset);
    }

    /// <summary><c>EXTRACT(field FROM source)</c>; the field may be a word or a string.</summary>
    private Expr ParseExtract()
    {
        int position = Advance().Start;
        ExpectSymbol("(");
        string field;
        if (Current.Kind == TokenKind.String)
        {
            field = Advance().Text.ToLowerInvariant();
        }
        else if (Current.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier)
        {
            field = Advance().Text.ToLowerInvariant();
        }
        else
        {
            throw Unexpected();
        }
        ExpectWord("from");
        Expr source = ParseExpression();
        ExpectSymbol(")");
        return new ExtractExpr(position, field, source);
    }

    /// <summary>SUBSTRING(x FROM a [FOR b]) | SUBSTRING(x FOR b [FROM a]) | substring(x, a [, b]).</summary>
    private Expr ParseSubstring()
    {
        Token name = Advance();
        ExpectSymbol("(");
        Expr source = ParseExpression();
        if (IsSymbol(",") || IsSymbol(")"))
        {
            var args = new List<Expr> { source };
            while (AcceptSymbol(","))
            {
                args.Add(ParseExpression());
            }
            ExpectSymbol(")");
            return new FunctionCall(name.Start, null, "substring", args);
        }
        Expr? from = null;
        Expr? length = null;
        if (AcceptWord("from"))
        {
            from = ParseExpression();
            if (AcceptWord("for"))
            {
                length = ParseExpression();
            }
        }
        else if (AcceptWord("for"))
        {
            length = ParseExpression();
            if (AcceptWord("from"))
            {
                from = ParseExpression();
            }
        }
        else if (IsWord("similar"))
        {
            throw NotSupported("SUBSTRING ... SIMILAR", Current.Start);
        }
        else
        {
            throw Unexpected();
        }
        ExpectSymbol(")");
        from ??= new IntegerLiteral(name.Start, 1, Types.SqlType.Integer);
        return new FunctionCall(name.Start, null, "substring", length is null ? [source, from] : [source, from, length]);
    }

    /// <summary>POSITION(a IN b) → strpos(b, a).</summary>
    private Expr ParsePosition()
    {
        Token name = Advance();
        ExpectSymbol("(");
        Expr needle = ParseOtherOperators();
        ExpectWord("in");
        Expr haystack = ParseOtherOperators();
        ExpectSymbol(")");
        return new FunctionCall(name.Start, null, "strpos", [haystack, needle]);
    }

    /// <summary>TRIM([LEADING|TRAILING|BOTH] [chars] FROM x) and TRIM(x [, chars]) → ltrim/rtrim/btrim(x [, chars]).</summary>
    private Expr ParseTrim()
    {
        Token name = Advance();
        ExpectSymbol("(");
        string function = "btrim";
        if (AcceptWord("leading"))
        {
            function = "ltrim";
        }
        else if (AcceptWord("trailing"))
        {
            function = "rtrim";
        }
        else
        {
            AcceptWord("both");
        }
        Expr? characters = null;
        Expr source;
        if (AcceptWord("from"))
        {
            source = ParseExpression();
        }
        else
        {
            Expr first = ParseExpression();
            if (AcceptWord("from"))
            {
                characters = first;
                source = ParseExpression();
            }
            else
            {
                source = first;
                if (AcceptSymbol(","))
                {
                    characters = ParseExpression();
                }
            }
        }
        ExpectSymbol(")");
        return new FunctionCall(name.Start, null, function, characters is null ? [source] : [source, characters]);
    }

    /// <summary>OVERLAY(x PLACING y FROM a [FOR b]) → overlay(x, y, a [, b]).</summary>
    private Expr ParseOverlay()
    {
        Token name = Advance();
        ExpectSymbol("(");
        Expr source = ParseExpression();
        if (AcceptSymbol(","))
        {
            var args = new List<Expr> { source };
            args.AddRange(ParseCommaList(ParseExpression));
            ExpectSymbol(")");
            return new FunctionCall(name.Start, null, "overlay", args);
        }
        ExpectWord("placing");
        Expr replacement = ParseExpression();
        ExpectWord("from");
        Expr from = ParseExpression();
        Expr? length = AcceptWord("for") ? ParseExpression() : null;
        ExpectSymbol(")");
        return new FunctionCall(name.Start, null, "overlay", length is null ? [source, replacement, from] : [source, replacement, from, length]);
    }
}
