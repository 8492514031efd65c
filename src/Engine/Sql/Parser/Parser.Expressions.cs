using System.Globalization;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Lexer;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Sql.Parser;

/// <summary>
/// Expressions by PostgreSQL precedence, lowest first: OR; AND; NOT; IS/ISNULL/NOTNULL;
/// comparisons (non-associative); BETWEEN/IN/LIKE/ILIKE/SIMILAR; other operators (||, ~, &amp;, ...);
/// + -; * / %; ^; AT TIME ZONE; unary + -; :: casts; primaries.
/// </summary>
internal sealed partial class Parser
{
    private Expr ParseExpression()
    {
        Enter();
        try
        {
            return ParseOr();
        }
        finally
        {
            Leave();
        }
    }

    private Expr ParseOr()
    {
        Expr left = ParseAnd();
        while (IsWord("or"))
        {
            int position = Advance().Start;
            left = new BinaryExpr(position, BinaryOperator.Or, left, ParseAnd());
        }
        return left;
    }

    private Expr ParseAnd()
    {
        Expr left = ParseNot();
        while (IsWord("and"))
        {
            int position = Advance().Start;
            left = new BinaryExpr(position, BinaryOperator.And, left, ParseNot());
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (IsWord("not"))
        {
            int position = Advance().Start;
            Enter();
            try
            {
                return new UnaryExpr(position, UnaryOperator.Not, ParseNot());
            }
            finally
            {
                Leave();
            }
        }
        return ParseIs();
    }

    private Expr ParseIs()
    {
        Expr left = ParseComparison();
        while (true)
        {
            if (IsWord("isnull"))
            {
                left = new IsNullExpr(Advance().Start, left, false);
                continue;
            }
            if (IsWord("notnull"))
            {
                left = new IsNullExpr(Advance().Start, left, true);
                continue;
            }
            if (!IsWord("is"))
            {
                return left;
            }
            int position = Advance().Start;
            bool negated = AcceptWord("not");
            if (AcceptWord("null"))
            {
                left = new IsNullExpr(position, left, negated);
            }
            else if (AcceptWord("true"))
            {
                left = new IsTruthExpr(position, left, TruthValue.True, negated);
            }
            else if (AcceptWord("false"))
            {
                left = new IsTruthExpr(position, left, TruthValue.False, negated);
            }
            else if (AcceptWord("unknown"))
            {
                left = new IsTruthExpr(position, left, TruthValue.Unknown, negated);
            }
            else if (AcceptWord("distinct"))
            {
                ExpectWord("from");
                left = new IsDistinctFromExpr(position, left, ParseComparison(), negated);
            }
            else if (IsWord("document") || IsWord("normalized") || IsWord("of") || IsWord("json"))
            {
                throw NotSupported($"IS {Current.Text.ToUpperInvariant()}", Current.Start);
            }
            else
            {
                throw Unexpected();
            }
        }
    }

    private static BinaryOperator? ComparisonOperator(Token t) => t.Kind != TokenKind.Symbol ? null : t.Text switch
    {
        "=" => BinaryOperator.Equal,
        "<>" => BinaryOperator.NotEqual,
        "<" => BinaryOperator.Less,
        "<=" => BinaryOperator.LessOrEqual,
        ">" => BinaryOperator.Greater,
        ">=" => BinaryOperator.GreaterOrEqual,
        _ => null,
    };

    private Expr ParseComparison()
    {
        Expr left = ParsePredicate();
        if (ComparisonOperator(Current) is not { } op)
        {
            return left;
        }
        int position = Advance().Start;
        if ((IsWord("any") || IsWord("some") || IsWord("all")) && Peek().IsSymbol("("))
        {
            Token quantifierToken = Advance();
            Quantifier quantifier = quantifierToken.Text == "all" ? Quantifier.All : Quantifier.Any;
            if (!QueryStartsAt(1))
            {
                ExpectSymbol("(");
                Expr array = ParseExpression();
                ExpectSymbol(")");
                return new ArrayComparisonExpr(position, op, quantifier, left, array);
            }
            ExpectSymbol("(");
            Query subquery = ParseQuery();
            ExpectSymbol(")");
            return new QuantifiedComparisonExpr(position, op, quantifier, left, subquery);
        }
        return new BinaryExpr(position, op, left, ParsePredicate());
    }

    private Expr ParsePredicate()
    {
        Expr left = ParseOtherOperators();
        int position = Current.Start;
        bool negated = false;
        if (IsWord("not") && (IsWordAt(1, "between") || IsWordAt(1, "in") || IsWordAt(1, "like") || IsWordAt(1, "ilike") || IsWordAt(1, "similar")))
        {
            Advance();
            negated = true;
        }
        if (AcceptWord("between"))
        {
            bool symmetric = AcceptWord("symmetric");
            if (!symmetric)
            {
                AcceptWord("asymmetric");
            }
            Expr low = ParseOtherOperators();
            ExpectWord("and");
            Expr high = ParseOtherOperators();
            return new BetweenExpr(position, left, low, high, negated, symmetric);
        }
        if (AcceptWord("in"))
        {
            return ParseInTail(position, left, negated);
        }
        if (AcceptWord("like"))
        {
            return ParseLikeTail(position, LikeKind.Like, left, negated);
        }
        if (AcceptWord("ilike"))
        {
            return ParseLikeTail(position, LikeKind.ILike, left, negated);
        }
        if (AcceptWord("similar"))
        {
            ExpectWord("to");
            return ParseLikeTail(position, LikeKind.SimilarTo, left, negated);
        }
        return left;
    }

    private Expr ParseInTail(int position, Expr left, bool negated)
    {
        if (!IsSymbol("("))
        {
            throw Unexpected();
        }
        if (QueryStartsAt(1))
        {
            if (TryParse(ParseParenthesizedQuery, out Query subquery, out SqlException? error))
            {
                return new InSubqueryExpr(position, left, subquery, negated);
            }
            return Fallback(() => new InListExpr(position, left, ParseParenthesizedExpressions(), negated), error!);
        }
        return new InListExpr(position, left, ParseParenthesizedExpressions(), negated);
    }

    private Query ParseParenthesizedQuery()
    {
        ExpectSymbol("(");
        Query query = ParseQuery();
        ExpectSymbol(")");
        return query;
    }

    private List<Expr> ParseParenthesizedExpressions()
    {
        ExpectSymbol("(");
        var items = ParseCommaList(ParseExpression);
        ExpectSymbol(")");
        return items;
    }

    private LikeExpr ParseLikeTail(int position, LikeKind kind, Expr left, bool negated)
    {
        Expr pattern = ParseOtherOperators();
        Expr? escape = null;
        if (AcceptWord("escape"))
        {
            escape = ParseOtherOperators();
        }
        return new LikeExpr(position, kind, left, pattern, escape, negated);
    }

    /// <summary>Operators between comparison and additive precedence (PostgreSQL's "any other operator").</summary>
    private Expr ParseOtherOperators()
    {
        Expr left = ParseAdditive();
        while (Current.Kind == TokenKind.Symbol || (IsWord("operator") && Peek().IsSymbol("(")))
        {
            Token t = Current;
            if (t.Kind == TokenKind.Identifier)
            {
                left = ParseOperatorSyntax(left);
                continue;
            }
            switch (t.Text)
            {
                case "||": left = Binary(BinaryOperator.Concat, left); break;
                case "~": left = Binary(BinaryOperator.RegexMatch, left); break;
                case "~*": left = Binary(BinaryOperator.RegexIMatch, left); break;
                case "!~": left = Binary(BinaryOperator.NotRegexMatch, left); break;
                case "!~*": left = Binary(BinaryOperator.NotRegexIMatch, left); break;
                case "&": left = Binary(BinaryOperator.BitAnd, left); break;
                case "|": left = Binary(BinaryOperator.BitOr, left); break;
                case "#": left = Binary(BinaryOperator.BitXor, left); break;
                case "<<": left = Binary(BinaryOperator.ShiftLeft, left); break;
                case ">>": left = Binary(BinaryOperator.ShiftRight, left); break;
                case "~~" or "~~*" or "!~~" or "!~~*":
                    Advance();
                    left = new LikeExpr(t.Start, t.Text.Contains('*') ? LikeKind.ILike : LikeKind.Like, left, ParseAdditive(), null, t.Text[0] == '!');
                    break;
                case "=" or "<>" or "<" or "<=" or ">" or ">=" or "+" or "-" or "*" or "/" or "%" or "^"
                    or "(" or ")" or "," or ";" or "." or "::" or "[" or "]" or ":":
                    return left;
                default:
                    throw new SqlException(SqlState.UndefinedFunction, $"operator does not exist: {t.Text}", t.Start + 1);
            }
        }
        return left;
    }

    /// <summary>
    /// <c>OPERATOR([schema.]op)</c> as psql writes regex matches (<c>OPERATOR(pg_catalog.~)</c>); it has the precedence of
    /// "any other operator" whatever the symbol.
    /// </summary>
    private Expr ParseOperatorSyntax(Expr left)
    {
        int position = Advance().Start;
        ExpectSymbol("(");
        if (Current.Kind == TokenKind.Identifier && Peek().IsSymbol("."))
        {
            string schema = Advance().Text;
            if (schema != "pg_catalog")
            {
                throw new SqlException(SqlState.InvalidSchemaName, $"schema \"{schema}\" does not exist", position + 1);
            }
            Advance();
        }
        Token symbol = Current.Kind == TokenKind.Symbol ? Advance() : throw Unexpected();
        ExpectSymbol(")");
        Expr right = ParseAdditive();
        BinaryOperator? op = symbol.Text switch
        {
            "~" => BinaryOperator.RegexMatch,
            "~*" => BinaryOperator.RegexIMatch,
            "!~" => BinaryOperator.NotRegexMatch,
            "!~*" => BinaryOperator.NotRegexIMatch,
            "||" => BinaryOperator.Concat,
            "+" => BinaryOperator.Add,
            "-" => BinaryOperator.Subtract,
            "*" => BinaryOperator.Multiply,
            "/" => BinaryOperator.Divide,
            "%" => BinaryOperator.Modulo,
            _ => ComparisonOperator(symbol),
        };
        if (op is { } known)
        {
            return new BinaryExpr(position, known, left, right);
        }
        if (symbol.Text is "~~" or "~~*" or "!~~" or "!~~*")
        {
            return new LikeExpr(position, symbol.Text.Contains('*') ? LikeKind.ILike : LikeKind.Like, left, right, null, symbol.Text[0] == '!');
        }
        throw new SqlException(SqlState.UndefinedFunction, $"operator does not exist: {symbol.Text}", symbol.Start + 1);
    }

    private BinaryExpr Binary(BinaryOperator op, Expr left)
    {
        int position = Advance().Start;
        return new BinaryExpr(position, op, left, ParseAdditive());
    }

    private Expr ParseAdditive()
    {
        Expr left = ParseMultiplicative();
        while (Current.Kind == TokenKind.Symbol && (Current.Text == "+" || Current.Text == "-"))
        {
            Token t = Advance();
            left = new BinaryExpr(t.Start, t.Text == "+" ? BinaryOperator.Add : BinaryOperator.Subtract, left, ParseMultiplicative());
        }
        return left;
    }

    private Expr ParseMultiplicative()
    {
        Expr left = ParsePower();
        while (Current.Kind == TokenKind.Symbol && Current.Text is "*" or "/" or "%")
        {
            Token t = Advance();
            BinaryOperator op = t.Text switch { "*" => BinaryOperator.Multiply, "/" => BinaryOperator.Divide, _ => BinaryOperator.Modulo };
            left = new BinaryExpr(t.Start, op, left, ParsePower());
        }
        return left;
    }

    private Expr ParsePower()
    {
        Expr left = ParseAtTimeZone();
        while (IsSymbol("^"))
        {
            int position = Advance().Start;
            left = new BinaryExpr(position, BinaryOperator.Power, left, ParseAtTimeZone());
        }
        return left;
    }

    private Expr ParseAtTimeZone()
    {
        Expr left = ParseUnary();
        while (IsWord("at") && IsWordAt(1, "time") && IsWordAt(2, "zone"))
        {
            int position = Advance().Start;
            Advance();
            Advance();
            left = new AtTimeZoneExpr(position, left, ParseUnary());
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (Current.Kind == TokenKind.Symbol && Current.Text is "+" or "-")
        {
            Token t = Advance();
            Expr operand;
            Enter();
            try
            {
                operand = ParseUnary();
            }
            finally
            {
                Leave();
            }
            if (t.Text == "+")
            {
                return new UnaryExpr(t.Start, UnaryOperator.Plus, operand);
            }
            return Negate(t.Start, operand);
        }
        if (Current.Kind == TokenKind.Symbol && Current.Text is "~" or "@" or "|/" or "||/")
        {
            // PostgreSQL's prefix bitwise NOT, absolute value and roots.
            throw NotSupported($"prefix operator {Current.Text}", Current.Start);
        }
        return ParsePostfix();
    }

    /// <summary>Folds a minus sign into a numeric literal (so -2147483648 is an INTEGER), else builds a negation.</summary>
    private static Expr Negate(int position, Expr operand)
    {
        switch (operand)
        {
            case IntegerLiteral i when i.Value != long.MinValue:
                return IntegerLiteralOf(position, -i.Value);
            case NumericLiteral n when !n.Text.StartsWith('-'):
                if (n.Text == "9223372036854775808")
                {
                    return new IntegerLiteral(position, long.MinValue, SqlType.BigInt);
                }
                return new NumericLiteral(position, "-" + n.Text, n.Type);
            case FloatLiteral f:
                return new FloatLiteral(position, -f.Value);
            default:
                return new UnaryExpr(position, UnaryOperator.Negate, operand);
        }
    }

    private static IntegerLiteral IntegerLiteralOf(int position, long value) =>
        new(position, value, value is >= int.MinValue and <= int.MaxValue ? SqlType.Integer : SqlType.BigInt);

    private Expr ParsePostfix()
    {
        Expr expr = ParsePrimary();
        while (true)
        {
            if (IsSymbol("::"))
            {
                int position = Advance().Start;
                expr = ParseCastTarget(position, expr);
            }
            else if (IsSymbol("["))
            {
                int position = Advance().Start;
                Expr index = ParseExpression();
                if (IsSymbol(":"))
                {
                    throw NotSupported("array slices", Current.Start);
                }
                ExpectSymbol("]");
                expr = new ArraySubscriptExpr(position, expr, index);
            }
            else if (IsSymbol(".") && Peek().Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier)
            {
                // (composite).field, as in (information_schema._pg_expandarray(i.indkey)).n
                int position = Advance().Start;
                expr = new FieldSelectExpr(position, expr, Advance().Text);
            }
            else if (IsWord("collate"))
            {
                SkipDefaultCollation();
            }
            else
            {
                return expr;
            }
        }
    }

    private Expr ParsePrimary()
    {
        Token t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                return NumberLiteral(t);
            case TokenKind.String:
                Advance();
                return new StringLiteral(t.Start, t.Text);
            case TokenKind.Parameter:
                Advance();
                if (!int.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index < 1)
                {
                    throw new SqlException(SqlState.UndefinedParameter, $"there is no parameter ${t.Text}", t.Start + 1);
                }
                return new ParameterRef(t.Start, index);
            case TokenKind.Symbol when t.Text == "(":
                return ParseParenthesized();
            case TokenKind.Identifier:
                return ParseWordPrimary(t);
            case TokenKind.QuotedIdentifier:
                return ParseNameOrCall();
            default:
                throw Unexpected();
        }
    }

    /// <summary>Integers by size (INTEGER, BIGINT, else NUMERIC), decimals as NUMERIC, exponents as DOUBLE.</summary>
    private static Expr NumberLiteral(Token t)
    {
        string text = t.Text;
        if (text.Contains('e') || text.Contains('E'))
        {
            return new FloatLiteral(t.Start, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        int dot = text.IndexOf('.');
        if (dot < 0 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            return IntegerLiteralOf(t.Start, value);
        }
        string integerPart = dot < 0 ? text : text[..dot];
        int scale = dot < 0 ? 0 : text.Length - dot - 1;
        int integerDigits = integerPart.TrimStart('0').Length;
        int precision = Math.Max(1, integerDigits + scale);
        return new NumericLiteral(t.Start, text, SqlType.Decimal(precision, scale));
    }

    /// <summary>'(' opens a scalar subquery, a parenthesized expression or a row constructor.</summary>
    private Expr ParseParenthesized()
    {
        int position = Current.Start;
        if (QueryStartsAt(1))
        {
            if (TryParse(ParseParenthesizedQuery, out Query subquery, out SqlException? error))
            {
                return new ScalarSubqueryExpr(position, subquery);
            }
            return Fallback(() => ParseParenthesizedExpression(position), error!);
        }
        return ParseParenthesizedExpression(position);
    }

    private Expr ParseParenthesizedExpression(int position)
    {
        ExpectSymbol("(");
        Expr first = ParseExpression();
        if (AcceptSymbol(")"))
        {
            return first;
        }
        var items = new List<Expr> { first };
        while (AcceptSymbol(","))
        {
            items.Add(ParseExpression());
        }
        ExpectSymbol(")");
        return new RowExpr(position, items);
    }

    private Expr ParseWordPrimary(Token t)
    {
        bool call = Peek().IsSymbol("(");
        switch (t.Text)
        {
            case "null":
                Advance();
                return new NullLiteral(t.Start);
            case "true":
                Advance();
                return new BooleanLiteral(t.Start, true);
            case "false":
                Advance();
                return new BooleanLiteral(t.Start, false);
            case "not":
                Advance();
                return new UnaryExpr(t.Start, UnaryOperator.Not, ParseNot());
            case "default":
                Advance();
                return new DefaultValueExpr(t.Start);
            case "case":
                return ParseCase();
            case "cast":
                return ParseCast();
            case "exists":
                Advance();
                return new ExistsExpr(t.Start, ParseParenthesizedQuery());
            case "array" when Peek().IsSymbol("(") && QueryStartsAt(2):
                Advance();
                return new ArraySubqueryExpr(t.Start, ParseParenthesizedQuery());
            case "array" when Peek().IsSymbol("["):
            {
                Advance();
                Advance();
                List<Expr> items = IsSymbol("]") ? [] : ParseCommaList(ParseExpression);
                ExpectSymbol("]");
                return new ArrayConstructorExpr(t.Start, items);
            }
            case "array":
                throw NotSupported("arrays", t.Start);
            case "row" when call:
                Advance();
                return new RowExpr(t.Start, Peek().IsSymbol(")") ? ParseEmptyParentheses() : ParseParenthesizedExpressions());
            case "interval" when Peek().Kind == TokenKind.String:
                return ParseIntervalLiteral();
            case "current_date":
                Advance();
                return new CurrentValueExpr(t.Start, CurrentValueKind.CurrentDate);
            case "current_time":
                Advance();
                SkipTimePrecision();
                return new CurrentValueExpr(t.Start, CurrentValueKind.CurrentTime);
            case "current_timestamp":
                Advance();
                SkipTimePrecision();
                return new CurrentValueExpr(t.Start, CurrentValueKind.CurrentTimestamp);
            case "localtime":
                Advance();
                SkipTimePrecision();
                return new CurrentValueExpr(t.Start, CurrentValueKind.LocalTime);
            case "localtimestamp":
                Advance();
                SkipTimePrecision();
                return new CurrentValueExpr(t.Start, CurrentValueKind.LocalTimestamp);
            case "sysdate" when !call:
                Advance();
                return new CurrentValueExpr(t.Start, CurrentValueKind.SysDate);
            case "current_user" or "current_role":
                Advance();
                return new CurrentValueExpr(t.Start, CurrentValueKind.CurrentUser);
            case "session_user":
                Advance();
                return new CurrentValueExpr(t.Start, CurrentValueKind.SessionUser);
            case "user":
                Advance();
                return new CurrentValueExpr(t.Start, CurrentValueKind.User);
            case "current_schema" when !call:
                Advance();
                return new CurrentValueExpr(t.Start, CurrentValueKind.CurrentSchema);
            case "current_catalog":
                Advance();
                return new CurrentValueExpr(t.Start, CurrentValueKind.CurrentDatabase);
            case "extract" when call:
                return ParseExtract();
            case "substring" when call:
                return ParseSubstring();
            case "position" when call:
                return ParsePosition();
            case "trim" when call:
                return ParseTrim();
            case "overlay" when call:
                return ParseOverlay();
            case "convert" when call:
                return ParseConvert();
            case "approximate" when Peek().Kind == TokenKind.Identifier && Peek(2).IsSymbol("(")
                && Peek().Text is "count" or "percentile_disc":
                // Redshift's APPROXIMATE COUNT(DISTINCT x) / APPROXIMATE PERCENTILE_DISC: computed exactly here,
                // which is within any approximation error.
                Advance();
                return ParseNameOrCall();
        }
        if (IsTypeNameStart(t) && (Peek().Kind == TokenKind.String || t.Text is "double" or "character" or "timestamp" or "char"))
        {
            if (TryParseTypedLiteral(out Expr? literal))
            {
                return literal!;
            }
        }
        if (Keywords.IsReserved(t.Text))
        {
            throw Unexpected();
        }
        return ParseNameOrCall();
    }

    private List<Expr> ParseEmptyParentheses()
    {
        ExpectSymbol("(");
        ExpectSymbol(")");
        return [];
    }

    /// <summary><c>type 'text'</c>: a type name directly followed by a string constant.</summary>
    private bool TryParseTypedLiteral(out Expr? literal)
    {
        int saved = _pos;
        int position = Current.Start;
        literal = null;
        try
        {
            SqlType type = ParseType();
            if (Current.Kind == TokenKind.String)
            {
                literal = new TypedLiteral(position, type, Advance().Text);
                return true;
            }
        }
        catch (SqlException)
        {
            // not a type name after all (e.g. a column named "date")
        }
        _pos = saved;
        return false;
    }

    private IntervalLiteral ParseIntervalLiteral()
    {
        int position = ExpectWord("interval").Start;
        Token text = Current;
        string value = ParseStringConstant();
        ParseIntervalQualifier(out IntervalField? from, out IntervalField? to);
        if (!IntervalText.TryParse(value, from, to, out Interval interval))
        {
            throw new SqlException(SqlState.InvalidDatetimeFormat, $"invalid input syntax for type interval: \"{value}\"", text.Start + 1);
        }
        return new IntervalLiteral(position, interval, value);
    }

    private static IntervalField? IntervalFieldOf(Token t) => t.Kind != TokenKind.Identifier ? null : t.Text switch
    {
        "year" or "years" => IntervalField.Year,
        "month" or "months" => IntervalField.Month,
        "day" or "days" => IntervalField.Day,
        "hour" or "hours" => IntervalField.Hour,
        "minute" or "minutes" => IntervalField.Minute,
        "second" or "seconds" => IntervalField.Second,
        _ => null,
    };

    /// <summary><c>[field [TO field]]</c> after INTERVAL; SECOND may carry a precision.</summary>
    private void ParseIntervalQualifier(out IntervalField? from, out IntervalField? to)
    {
        from = IntervalFieldOf(Current);
        to = null;
        if (from is null)
        {
            return;
        }
        Advance();
        if (from == IntervalField.Second)
        {
            SkipTimePrecision();
        }
        if (IsWord("to") && IntervalFieldOf(Peek()) is { } end)
        {
            Advance();
            Advance();
            to = end;
            if (end == IntervalField.Second)
            {
                SkipTimePrecision();
            }
        }
    }

    /// <summary>A column reference or a function call, starting at a name.</summary>
    private Expr ParseNameOrCall()
    {
        Token first = Current;
        int position = first.Start;
        var parts = new List<string>(2) { Advance().Text };
        while (IsSymbol(".") && Peek().Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier)
        {
            Advance();
            parts.Add(Advance().Text);
        }
        if (IsSymbol(".") && Peek().IsSymbol("*"))
        {
            throw Unexpected(Peek());
        }
        if (IsSymbol("("))
        {
            if (parts.Count > 2)
            {
                throw new SqlException(SqlState.SyntaxError, $"improper qualified name (too many dotted names): {string.Join('.', parts)}", position + 1);
            }
            return ParseFunctionCall(position, parts.Count == 2 ? parts[0] : null, parts[^1]);
        }
        if (first.Kind == TokenKind.Identifier && Keywords.IsNameRestricted(first.Text))
        {
            throw Unexpected(first);
        }
        if (parts.Count > 4)
        {
            throw new SqlException(SqlState.SyntaxError, $"improper qualified name (too many dotted names): {string.Join('.', parts)}", position + 1);
        }
        return new ColumnRef(position, parts);
    }

    private Expr ParseCase()
    {
        int position = ExpectWord("case").Start;
        Expr? operand = IsWord("when") ? null : ParseExpression();
        var whens = new List<WhenClause>();
        while (IsWord("when"))
        {
            int whenPosition = Advance().Start;
            Expr condition = ParseExpression();
            ExpectWord("then");
            whens.Add(new WhenClause(whenPosition, condition, ParseExpression()));
        }
        if (whens.Count == 0)
        {
            throw Unexpected();
        }
        Expr? otherwise = AcceptWord("else") ? ParseExpression() : null;
        ExpectWord("end");
        return new CaseExpr(position, operand, whens, otherwise);
    }

    private Expr ParseCast()
    {
        int position = ExpectWord("cast").Start;
        ExpectSymbol("(");
        Expr operand = ParseExpression();
        ExpectWord("as");
        Expr cast = ParseCastTarget(position, operand);
        ExpectSymbol(")");
        return cast;
    }

    /// <summary>Redshift's CONVERT(type, expr).</summary>
    private Expr ParseConvert()
    {
        int position = Advance().Start;
        ExpectSymbol("(");
        SqlType type = ParseType();
        ExpectSymbol(",");
        Expr operand = ParseExpression();
        ExpectSymbol(")");
        return new CastExpr(position, operand, type);
    }
}
