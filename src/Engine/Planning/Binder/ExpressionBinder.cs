using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>The plan an expression is evaluated over; subqueries in the expression are joined onto it (decorrelation).</summary>
internal sealed class PlanHolder(Logical.LogicalPlan plan)
{
    public Logical.LogicalPlan Plan { get; set; } = plan;
}

/// <summary>
/// Binds syntax-tree expressions against a <see cref="Scope"/>: names to column ordinals, operators and functions
/// through the FunctionRegistry, implicit casts made explicit, subqueries turned into joins on <see cref="Holder"/>.
/// </summary>
internal sealed partial class ExpressionBinder
{
    public ExpressionBinder(QueryBinder queries, Scope scope, PlanHolder? holder, string clause)
    {
        Queries = queries;
        Scope = scope;
        Holder = holder;
        Clause = clause;
    }

    public QueryBinder Queries { get; }

    public Scope Scope { get; }

    /// <summary>Where subqueries are joined; null where subqueries are not allowed.</summary>
    public PlanHolder? Holder { get; }

    /// <summary>The clause being bound, for messages ("WHERE", "JOIN conditions", ...).</summary>
    public string Clause { get; }

    /// <summary>Consulted first for every node; a non-null result replaces binding (aggregate/window/group-key mapping).</summary>
    public Func<Expr, BoundExpr?>? Intercept { get; init; }

    public BoundExpr Bind(Expr expr)
    {
        if (Intercept?.Invoke(expr) is { } intercepted) return intercepted;
        return expr switch
        {
            NullLiteral => BoundLiteral.Null(SqlType.Unknown),
            BooleanLiteral b => BoundLiteral.Bool(b.Value),
            IntegerLiteral i => i.Type.Id == TypeId.Integer ? new BoundLiteral((int)i.Value, SqlType.Integer) : new BoundLiteral(i.Value, SqlType.BigInt),
            NumericLiteral n => BindNumeric(n),
            FloatLiteral f => new BoundLiteral(f.Value, SqlType.Double),
            StringLiteral s => new BoundLiteral(s.Value, SqlType.Unknown),
            TypedLiteral t => Coercion.Cast(new BoundLiteral(t.Text, SqlType.Unknown), t.Type, isExplicit: true),
            IntervalLiteral iv => new BoundLiteral(iv.Value, SqlType.Interval),
            ParameterRef p => BindParameter(p),
            DefaultValueExpr d => throw new SqlException(SqlState.SyntaxError, "DEFAULT is not allowed in this context", d.Position + 1),
            ColumnRef c => BindColumn(c),
            UnaryExpr u => BindUnary(u),
            BinaryExpr b => BindBinary(b),
            IsNullExpr n => BindIsNull(n),
            IsTruthExpr t => BindTruth(t),
            IsDistinctFromExpr d => BindDistinct(d),
            BetweenExpr b => BindBetween(b),
            InListExpr i => BindInList(i),
            LikeExpr l => BindLike(l),
            CaseExpr c => BindCase(c),
            CastExpr { Operand: CatalogCastExpr { Type: >= CatalogType.RegClass and <= CatalogType.RegRole } inner } c when c.Type.IsString =>
                Coercion.Cast(BindRegName(inner), c.Type, isExplicit: true),
            CastExpr c => Coercion.Cast(Bind(c.Operand), c.Type, isExplicit: true),
            CatalogCastExpr c => BindCatalogCast(c),
            ArraySubqueryExpr a => BindArraySubquery(a),
            ArrayConstructorExpr a => BindArrayConstructor(a),
            ArrayComparisonExpr a => BindArrayComparison(a),
            ArraySubscriptExpr a => BindArraySubscript(a),
            FieldSelectExpr f => BindFieldSelect(f),
            AtTimeZoneExpr a => Call("timezone", [Bind(a.Zone), Bind(a.Operand)], a.Position),
            ExtractExpr e => BindExtract(e),
            CurrentValueExpr c => BindCurrentValue(c),
            FunctionCall f => BindFunction(f),
            InSubqueryExpr s => BindInSubquery(s, topLevel: false),
            ExistsExpr s => BindExists(s, negated: false, topLevel: false),
            ScalarSubqueryExpr s => BindScalarSubquery(s),
            QuantifiedComparisonExpr q => BindQuantified(q, topLevel: false),
            RowExpr r => throw new SqlException(SqlState.FeatureNotSupported, "row expressions are not supported here", r.Position + 1),
            _ => throw new SqlException(SqlState.FeatureNotSupported, $"expression {expr.GetType().Name} is not supported", expr.Position + 1),
        };
    }

    private BoundExpr BindParameter(ParameterRef p)
    {
        var context = Queries.Context;
        if (context.Parameters is { } values && p.Index >= 1 && p.Index <= values.Count)
        {
            var (type, value) = values[p.Index - 1];
            return new BoundLiteral(value, type);
        }
        if (context.GenericParameters is { } types && p.Index >= 1 && p.Index <= types.Count) return new BoundParameter(p.Index, types[p.Index - 1]);
        if (context.ParameterInference is { } collector) return new InferredParameter(p.Index, collector.TypeOf(p.Index, p.Position), collector);
        throw new SqlException(SqlState.UndefinedParameter, $"there is no parameter ${p.Index}", p.Position + 1);
    }

    /// <summary>Binds a condition (boolean result; unknown literals become boolean).</summary>
    public BoundExpr BindCondition(Expr expr) => Coercion.ToCondition(Bind(expr), Clause, expr.Position);

    private static BoundLiteral BindNumeric(NumericLiteral n)
    {
        var type = n.Type;
        if (type.Precision > SqlType.MaxDecimalPrecision)
            throw new SqlException(SqlState.NumericValueOutOfRange, "numeric field overflow", n.Position + 1,
                $"A field with precision {type.Precision} exceeds the maximum precision {SqlType.MaxDecimalPrecision}.");
        var digits = n.Text.Replace(".", "", StringComparison.Ordinal);
        var value = Int128.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return type.IsWideDecimal ? new BoundLiteral(value, type) : new BoundLiteral((long)value, type);
    }

    private BoundExpr BindColumn(ColumnRef c)
    {
        var (depth, ordinal) = Scope.Resolve(c.Parts, c.Position);
        var scope = Scope;
        for (int i = 0; i < depth; i++) scope = scope.Outer!;
        var column = scope.Columns[ordinal];
        if (depth == 0) return new BoundColumnRef(ordinal, column.Type, column.Name);
        return new BoundOuterRef(depth, ordinal, column.Type, column.Name);
    }

    private BoundExpr BindUnary(UnaryExpr u)
    {
        switch (u.Operator)
        {
            case UnaryOperator.Plus:
                return Bind(u.Operand);
            case UnaryOperator.Not:
                return Not(BindCondition(u.Operand));
            default:
                var operand = Bind(u.Operand);
                if (operand is BoundLiteral { Value: not null } lit)
                {
                    switch (lit.Value)
                    {
                        case int i when i != int.MinValue: return new BoundLiteral(-i, lit.Type);
                        case long l when lit.Type.Id == TypeId.BigInt && l == -(long)int.MinValue: return new BoundLiteral(int.MinValue, SqlType.Integer);
                        case long l when l != long.MinValue: return new BoundLiteral(-l, lit.Type);
                        case Int128 w: return new BoundLiteral(-w, lit.Type);
                        case double d: return new BoundLiteral(-d, lit.Type);
                    }
                }
                return Call("neg", [operand], u.Position);
        }
    }

    public static BoundExpr Not(BoundExpr e) => e switch
    {
        BoundNot n => n.Input,
        BoundLiteral { Value: bool b } => BoundLiteral.Bool(!b),
        _ => new BoundNot(e),
    };

    private BoundExpr BindBinary(BinaryExpr b)
    {
        if (b.Operator is BinaryOperator.And or BinaryOperator.Or)
        {
            var left = Coercion.ToCondition(Bind(b.Left), b.Operator == BinaryOperator.And ? "AND" : "OR", b.Left.Position);
            var right = Coercion.ToCondition(Bind(b.Right), b.Operator == BinaryOperator.And ? "AND" : "OR", b.Right.Position);
            return b.Operator == BinaryOperator.And
                ? new BoundAnd([.. Flatten<BoundAnd>(left), .. Flatten<BoundAnd>(right)])
                : new BoundOr([.. Flatten<BoundOr>(left), .. Flatten<BoundOr>(right)]);
        }
        if (b.Operator.IsComparison() && (b.Left is RowExpr || b.Right is RowExpr))
            return BindRowComparison(b);
        return Operator(b.Operator.Symbol(), Bind(b.Left), Bind(b.Right), b.Position);
    }

    private static IEnumerable<BoundExpr> Flatten<T>(BoundExpr e) where T : BoundExpr => e switch
    {
        BoundAnd a when typeof(T) == typeof(BoundAnd) => a.Terms,
        BoundOr o when typeof(T) == typeof(BoundOr) => o.Terms,
        _ => [e],
    };

    private BoundExpr BindRowComparison(BinaryExpr b)
    {
        if (b.Left is not RowExpr left || b.Right is not RowExpr right || left.Items.Count != right.Items.Count)
            throw new SqlException(SqlState.SyntaxError, "unequal number of entries in row expressions", b.Position + 1);
        var terms = new List<BoundExpr>();
        var op = b.Operator == BinaryOperator.NotEqual ? "<>" : "=";
        if (b.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual))
            throw new SqlException(SqlState.FeatureNotSupported, "row comparison with ordering operators is not supported", b.Position + 1);
        for (int i = 0; i < left.Items.Count; i++) terms.Add(Operator(op, Bind(left.Items[i]), Bind(right.Items[i]), b.Position));
        return op == "=" ? new BoundAnd(terms) : new BoundOr(terms);
    }

    /// <summary>Resolves a binary operator; an unknown-typed literal side takes the other side's type (PostgreSQL).</summary>
    public BoundExpr Operator(string symbol, BoundExpr left, BoundExpr right, int position)
    {
        bool comparison = symbol is "=" or "<>" or "<" or "<=" or ">" or ">=";
        if (comparison)
        {
            if (left.Type.Id == TypeId.Unknown && right.Type.Id != TypeId.Unknown) left = Coercion.Cast(left, right.Type);
            else if (right.Type.Id == TypeId.Unknown && left.Type.Id != TypeId.Unknown) right = Coercion.Cast(right, left.Type);
            // Array elements are carried as text (arrays exist only in their text form): they take the other side's type.
            else if (IsArrayElement(left) && !right.Type.IsString && right.Type.Id != TypeId.Unknown) left = Coercion.Cast(left, right.Type, isExplicit: true);
            else if (IsArrayElement(right) && !left.Type.IsString && left.Type.Id != TypeId.Unknown) right = Coercion.Cast(right, left.Type, isExplicit: true);
        }
        return Call(symbol, [left, right], position);
    }

    /// <summary>Resolves a scalar function/operator and casts the arguments to its parameter types.</summary>
    public static BoundExpr Call(string name, IReadOnlyList<BoundExpr> args, int position)
    {
        ResolvedFunction resolved;
        try
        {
            resolved = FunctionRegistry.ResolveScalar(name, args.Select(a => a.Type).ToList());
        }
        catch (SqlException e) when (e.Position is null)
        {
            throw new SqlException(e.SqlState, e.Message, position + 1, e.Detail, e.Hint ?? (e.SqlState == SqlState.UndefinedFunction
                ? "No function matches the given name and argument types. You might need to add explicit type casts." : null));
        }
        var cast = new BoundExpr[args.Count];
        for (int i = 0; i < args.Count; i++)
            cast[i] = i < resolved.ParameterTypes.Count ? Coercion.Cast(args[i], resolved.ParameterTypes[i]) : args[i];
        return new BoundFunctionCall(name, resolved, cast);
    }

    private BoundExpr BindIsNull(IsNullExpr n)
    {
        if (n.Operand is RowExpr row)
        {
            var terms = row.Items.Select(i => (BoundExpr)new BoundIsNull(Bind(i), n.Negated)).ToList();
            return new BoundAnd(terms);
        }
        return new BoundIsNull(Bind(n.Operand), n.Negated);
    }

    private BoundExpr BindTruth(IsTruthExpr t)
    {
        var operand = Coercion.ToCondition(Bind(t.Operand), "IS " + t.Value.ToString().ToUpperInvariant(), t.Position);
        return t.Value switch
        {
            TruthValue.Unknown => new BoundIsNull(operand, t.Negated),
            // x IS TRUE  ≡  x IS NOT DISTINCT FROM true (never NULL)
            _ => new BoundIsDistinctFrom(operand, BoundLiteral.Bool(t.Value == TruthValue.True), Negated: !t.Negated),
        };
    }

    private BoundExpr BindDistinct(IsDistinctFromExpr d)
    {
        var left = Bind(d.Left);
        var right = Bind(d.Right);
        var type = Coercion.CommonType([left.Type, right.Type], "IS DISTINCT FROM", d.Position);
        return new BoundIsDistinctFrom(Coercion.Cast(left, type), Coercion.Cast(right, type), d.Negated);
    }

    private BoundExpr BindBetween(BetweenExpr b)
    {
        BoundExpr Range(Expr low, Expr high) => new BoundAnd([
            Operator(">=", Bind(b.Operand), Bind(low), b.Position),
            Operator("<=", Bind(b.Operand), Bind(high), b.Position)]);
        BoundExpr result = Range(b.Low, b.High);
        if (b.Symmetric) result = new BoundOr([result, Range(b.High, b.Low)]);
        return b.Negated ? Not(result) : result;
    }

    private BoundExpr BindInList(InListExpr i)
    {
        if (i.Operand is RowExpr)
            throw new SqlException(SqlState.FeatureNotSupported, "row IN lists are not supported", i.Position + 1);
        var operand = Bind(i.Operand);
        var items = i.Items.Select(Bind).ToList();
        var type = Coercion.CommonType([operand.Type, .. items.Select(x => x.Type)], "IN", i.Position);
        return new BoundInList(Coercion.Cast(operand, type), items.Select(x => Coercion.Cast(x, type)).ToList(), i.Negated);
    }

    private BoundExpr BindLike(LikeExpr l)
    {
        var name = l.Kind switch { LikeKind.Like => "like", LikeKind.ILike => "ilike", _ => "similar_to" };
        var args = new List<BoundExpr> { Bind(l.Operand), Bind(l.Pattern) };
        if (l.Escape is not null) args.Add(Bind(l.Escape));
        var call = Call(name, args, l.Position);
        return l.Negated ? Not(call) : call;
    }

    private BoundExpr BindCase(CaseExpr c)
    {
        BoundExpr? operand = c.Operand is null ? null : Bind(c.Operand);
        var conditions = new List<BoundExpr>();
        var results = new List<BoundExpr>();
        foreach (var when in c.Whens)
        {
            conditions.Add(operand is null
                ? Coercion.ToCondition(Bind(when.Condition), "CASE/WHEN", when.Condition.Position)
                : Operator("=", operand, Bind(when.Condition), when.Position));
            results.Add(Bind(when.Result));
        }
        var elseExpr = c.Else is null ? BoundLiteral.Null(SqlType.Unknown) : Bind(c.Else);
        var type = Coercion.CommonType([.. results.Select(r => r.Type), elseExpr.Type], "CASE", c.Position);
        return new BoundCase(
            conditions.Select((cond, k) => new BoundWhen(cond, Coercion.Cast(results[k], type))).ToList(),
            Coercion.Cast(elseExpr, type), type);
    }

    private BoundExpr BindExtract(ExtractExpr e)
    {
        var field = new BoundLiteral(e.Field, SqlType.Unknown);
        var source = Bind(e.Source);
        try
        {
            return Call("extract", [field, source], e.Position);
        }
        catch (SqlException ex) when (ex.SqlState == SqlState.UndefinedFunction)
        {
            return Call("date_part", [field, source], e.Position);
        }
    }

    private BoundExpr BindCurrentValue(CurrentValueExpr c) => c.Kind switch
    {
        CurrentValueKind.CurrentDate => Call("current_date", [], c.Position),
        CurrentValueKind.CurrentTimestamp => Call("now", [], c.Position),
        CurrentValueKind.LocalTimestamp => Call("localtimestamp", [], c.Position),
        CurrentValueKind.SysDate => Call("sysdate", [], c.Position),
        CurrentValueKind.CurrentTime or CurrentValueKind.LocalTime =>
            throw new SqlException(SqlState.FeatureNotSupported, "the TIME type is not supported", c.Position + 1),
        CurrentValueKind.CurrentSchema => new BoundLiteral(Queries.Context.CurrentSchema, SqlType.Text),
        CurrentValueKind.CurrentDatabase => new BoundLiteral(Queries.Context.DatabaseName, SqlType.Text),
        _ => new BoundLiteral(Queries.Context.UserName, SqlType.Text),
    };
}
