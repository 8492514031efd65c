using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;
using JoinKind = ActorWarehouse.Engine.Planning.Logical.JoinKind;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// Subqueries are never run per row: each becomes a join onto the plan the expression is evaluated over
/// (<see cref="Holder"/>). Correlation predicates pulled out of the subquery's WHERE become join keys/residuals;
/// scalar aggregate subqueries are grouped by their correlation keys and left-joined (count bug handled).
/// </summary>
internal sealed partial class ExpressionBinder
{
    private PlanHolder RequireHolder(Node node) => Holder ?? throw new SqlException(SqlState.FeatureNotSupported,
        $"subqueries are not supported in {Clause}", node.Position + 1);

    private BoundQuery BindSubquery(Query query)
    {
        var bound = Queries.BindSubquery(query, Scope, Holder);
        foreach (var node in LogicalPlans.Nodes(bound.Plan))
            foreach (var e in LogicalPlans.Expressions(node))
                if (BoundExprs.Any(e, x => x is BoundOuterRef))
                    throw new SqlException(SqlState.FeatureNotSupported,
                        "this form of correlated subquery is not supported (correlation outside the subquery's WHERE conjuncts)", query.Position + 1);
        foreach (var c in bound.Correlated)
            if (BoundExprs.Any(c, x => x is BoundOuterRef { Depth: > 1 }))
                throw new SqlException(SqlState.FeatureNotSupported, "correlation to a query block more than one level out is not supported", query.Position + 1);
        return bound;
    }

    /// <summary>Splits correlation predicates into equi-keys (left expr over the holder, right expr over the subquery) and a residual over left ++ right.</summary>
    private static (List<BoundExpr> Left, List<BoundExpr> Right, List<BoundExpr> Residual) SplitCorrelation(BoundQuery q, int leftCount)
    {
        var left = new List<BoundExpr>();
        var right = new List<BoundExpr>();
        var residual = new List<BoundExpr>();
        foreach (var predicate in q.Correlated)
        {
            if (predicate is BoundFunctionCall { Name: "=", Arguments: [var a, var b] })
            {
                bool aOuter = OnlyOuter(a), bOuter = OnlyOuter(b), aInner = OnlyInner(a), bInner = OnlyInner(b);
                if (aOuter && bInner) { left.Add(ToLeft(a)); right.Add(b); continue; }
                if (bOuter && aInner) { left.Add(ToLeft(b)); right.Add(a); continue; }
            }
            residual.Add(BoundExprs.Rewrite(predicate, e => e switch
            {
                BoundOuterRef o => new BoundColumnRef(o.Ordinal, o.Type, o.Name),
                BoundColumnRef c => c with { Ordinal = c.Ordinal + leftCount },
                _ => null,
            }));
        }
        return (left, right, residual);

        static bool OnlyOuter(BoundExpr e) => BoundExprs.Any(e, x => x is BoundOuterRef) && !BoundExprs.Any(e, x => x is BoundColumnRef);
        static bool OnlyInner(BoundExpr e) => !BoundExprs.Any(e, x => x is BoundOuterRef);
        static BoundExpr ToLeft(BoundExpr e) => BoundExprs.Rewrite(e, x => x is BoundOuterRef o ? new BoundColumnRef(o.Ordinal, o.Type, o.Name) : null);
    }

    private BoundExpr BindScalarSubquery(ScalarSubqueryExpr s)
    {
        // (SELECT expr) without FROM, WHERE, grouping or limits is just expr (it may reference this block's columns).
        if (s.Subquery is { With: null, OrderBy.Count: 0, Limit: null, Offset: null, Body: SelectQuery { From.Count: 0, Where: null, GroupBy.Count: 0, Having: null, Distinct: false, Items: [ExprSelectItem item] } }
            && !AstWalker.Contains(item.Expr, x => AstWalker.IsAggregateCall(x) || AstWalker.IsWindowCall(x)))
        {
            var inner = Bind(item.Expr);
            return inner.Type.Id == TypeId.Unknown ? Coercion.Cast(inner, SqlType.Text) : inner;
        }
        var holder = RequireHolder(s);
        var q = BindSubquery(s.Subquery);
        if (q.VisibleCount != 1)
            throw new SqlException(SqlState.SyntaxError, "subquery must return only one column", s.Position + 1);
        int leftCount = holder.Plan.Schema.Count;
        var (lk, rk, residual) = SplitCorrelation(q, leftCount);
        var valueType = q.Plan.Schema[0].Type;
        var value = new BoundColumnRef(leftCount, valueType, q.Names[0]);
        if (q.AggregatedCorrelation)
        {
            if (residual.Count > 0)
                throw new SqlException(SqlState.FeatureNotSupported, "correlated aggregate subqueries need equality correlation predicates", s.Position + 1);
            holder.Plan = new LogicalJoin(JoinKind.Left, holder.Plan, q.Plan, lk, rk, null);
            if (q.EmptyValue is null) return value;
            // No group for this row's keys: the subquery's value over an empty input (count(*) = 0, not NULL).
            var keyColumn = ((BoundColumnRef)rk[0]).Ordinal + leftCount;
            var marker = new BoundColumnRef(keyColumn, q.Plan.Schema[keyColumn - leftCount].Type, "");
            return new BoundCase([new BoundWhen(new BoundIsNull(marker, false), Coercion.Cast(q.EmptyValue, valueType))], value, valueType);
        }
        holder.Plan = new LogicalJoin(JoinKind.Single, holder.Plan, q.Plan, lk, rk, BoundExprs.And(residual));
        if (q.Deferred?[0] is { } deferred)
        {
            // No matching row leaves the right side NULL: the subquery's value is then NULL too.
            var computed = BoundExprs.Rewrite(deferred, x => x switch
            {
                BoundOuterRef o => new BoundColumnRef(o.Ordinal, o.Type, o.Name),
                BoundColumnRef c => c with { Ordinal = c.Ordinal + leftCount },
                _ => null,
            });
            var matched = new BoundColumnRef(leftCount + q.MatchedColumn, SqlType.Boolean, "");
            return new BoundCase([new BoundWhen(new BoundIsNull(matched, false), BoundLiteral.Null(valueType))], computed, valueType);
        }
        return value;
    }

    /// <summary>EXISTS: a semi/anti join when it is a top-level WHERE conjunct, else a mark join.</summary>
    public BoundExpr BindExists(ExistsExpr s, bool negated, bool topLevel)
    {
        var holder = RequireHolder(s);
        var q = BindSubquery(s.Subquery);
        int leftCount = holder.Plan.Schema.Count;
        var (lk, rk, residual) = SplitCorrelation(q, leftCount);
        if (topLevel)
        {
            holder.Plan = new LogicalJoin(negated ? JoinKind.Anti : JoinKind.Semi, holder.Plan, q.Plan, lk, rk, BoundExprs.And(residual));
            return BoundLiteral.Bool(true);
        }
        holder.Plan = new LogicalJoin(JoinKind.Mark, holder.Plan, q.Plan, lk, rk, BoundExprs.And(residual)) { MarkName = "exists" };
        // EXISTS is never NULL: the mark is NULL only through NULL comparisons, which for EXISTS mean "no match".
        BoundExpr mark = new BoundIsDistinctFrom(new BoundColumnRef(leftCount, SqlType.Boolean, "exists"), BoundLiteral.Bool(true), Negated: true);
        return negated ? Not(mark) : mark;
    }

    public BoundExpr BindInSubquery(InSubqueryExpr s, bool topLevel)
    {
        var holder = RequireHolder(s);
        var operands = s.Operand is RowExpr row ? row.Items.Select(Bind).ToList() : [Bind(s.Operand)];
        var q = BindSubquery(s.Subquery);
        RejectDeferred(q, s);
        if (q.VisibleCount != operands.Count)
            throw new SqlException(SqlState.SyntaxError,
                q.VisibleCount > operands.Count ? "subquery has too many columns" : "subquery has too few columns", s.Position + 1);
        int leftCount = holder.Plan.Schema.Count;
        var (lk, rk, residual) = SplitCorrelation(q, leftCount);
        var inLeft = new List<BoundExpr>();
        var inRight = new List<BoundExpr>();
        for (int i = 0; i < operands.Count; i++)
        {
            var rightType = q.Plan.Schema[i].Type;
            var type = Coercion.CommonType([operands[i].Type, rightType], "IN", s.Position);
            inLeft.Add(Coercion.Cast(operands[i], type));
            inRight.Add(Coercion.Cast(new BoundColumnRef(i, rightType, q.Names[i]), type));
        }
        bool simple = lk.Count == 0 && residual.Count == 0 && operands.Count == 1;
        if (topLevel && !s.Negated)
        {
            holder.Plan = new LogicalJoin(JoinKind.Semi, holder.Plan, q.Plan, [.. inLeft, .. lk], [.. inRight, .. rk], BoundExprs.And(residual));
            return BoundLiteral.Bool(true);
        }
        if (topLevel && simple)
        {
            holder.Plan = new LogicalJoin(JoinKind.NullAwareAnti, holder.Plan, q.Plan, inLeft, inRight, null);
            return BoundLiteral.Bool(true);
        }
        holder.Plan = new LogicalJoin(JoinKind.Mark, holder.Plan, q.Plan, [.. inLeft, .. lk], [.. inRight, .. rk], BoundExprs.And(residual)) { MarkName = "in" };
        BoundExpr mark = new BoundColumnRef(leftCount, SqlType.Boolean, "in");
        return s.Negated ? Not(mark) : mark;
    }

    /// <summary>x op ANY (S) is a mark join on "x op s"; x op ALL (S) is NOT (x negated-op ANY (S)) under three-valued logic.</summary>
    public BoundExpr BindQuantified(QuantifiedComparisonExpr q, bool topLevel)
    {
        if (q.Operator == BinaryOperator.Equal && q.Quantifier == Quantifier.Any)
            return BindInSubquery(new InSubqueryExpr(q.Position, q.Left, q.Subquery, false), topLevel);
        if (q.Operator == BinaryOperator.NotEqual && q.Quantifier == Quantifier.All)
            return BindInSubquery(new InSubqueryExpr(q.Position, q.Left, q.Subquery, true), topLevel);
        if (!q.Operator.IsComparison())
            throw new SqlException(SqlState.FeatureNotSupported, "ANY/ALL need a comparison operator", q.Position + 1);
        var holder = RequireHolder(q);
        var left = Bind(q.Left);
        var sub = BindSubquery(q.Subquery);
        RejectDeferred(sub, q);
        if (sub.VisibleCount != 1)
            throw new SqlException(SqlState.SyntaxError, "subquery has too many columns", q.Position + 1);
        int leftCount = holder.Plan.Schema.Count;
        var (lk, rk, residual) = SplitCorrelation(sub, leftCount);
        var symbol = q.Operator.Symbol();
        if (q.Quantifier == Quantifier.All) symbol = Negate(symbol);
        var right = new BoundColumnRef(leftCount, sub.Plan.Schema[0].Type, sub.Names[0]);
        var comparison = Operator(symbol, left, right, q.Position);
        if (topLevel && q.Quantifier == Quantifier.Any)
        {
            holder.Plan = new LogicalJoin(JoinKind.Semi, holder.Plan, sub.Plan, lk, rk, BoundExprs.And([comparison, .. residual]));
            return BoundLiteral.Bool(true);
        }
        // Two existence marks keep the three-valued result exact: some comparison TRUE → TRUE; else some comparison
        // NULL → NULL; else FALSE (also for an empty subquery).
        holder.Plan = new LogicalJoin(JoinKind.Mark, holder.Plan, sub.Plan, lk, rk, BoundExprs.And([comparison, .. residual])) { MarkName = "any" };
        var sawTrue = new BoundColumnRef(leftCount, SqlType.Boolean, "any");
        int nullMarkOrdinal = holder.Plan.Schema.Count;
        var nullComparison = new BoundIsNull(BoundExprs.Shift(comparison, 0), Negated: false);
        holder.Plan = new LogicalJoin(JoinKind.Mark, holder.Plan, sub.Plan, lk.ToList(), rk.ToList(),
            BoundExprs.And([ShiftRight(nullComparison, leftCount, 1), .. residual.Select(r => ShiftRight(r, leftCount, 1))])) { MarkName = "any_null" };
        var sawNull = new BoundColumnRef(nullMarkOrdinal, SqlType.Boolean, "any_null");
        BoundExpr any = new BoundCase([
            new BoundWhen(new BoundIsDistinctFrom(sawTrue, BoundLiteral.Bool(true), Negated: true), BoundLiteral.Bool(true)),
            new BoundWhen(new BoundIsDistinctFrom(sawNull, BoundLiteral.Bool(true), Negated: true), BoundLiteral.Null(SqlType.Boolean))],
            BoundLiteral.Bool(false), SqlType.Boolean);
        return q.Quantifier == Quantifier.All ? Not(any) : any;
    }

    private static void RejectDeferred(BoundQuery q, Node node)
    {
        if (q.Deferred is not null && q.Deferred.Any(d => d is not null))
            throw new SqlException(SqlState.FeatureNotSupported, "IN/ANY/ALL subqueries whose select list reads the outer query are not supported", node.Position + 1);
    }

    /// <summary>Moves right-side column references (ordinal ≥ <paramref name="leftCount"/>) by <paramref name="by"/>: the left input grew.</summary>
    private static BoundExpr ShiftRight(BoundExpr e, int leftCount, int by) =>
        BoundExprs.Rewrite(e, x => x is BoundColumnRef c && c.Ordinal >= leftCount ? c with { Ordinal = c.Ordinal + by } : null);

    private static string Negate(string symbol) => symbol switch
    {
        "=" => "<>",
        "<>" => "=",
        "<" => ">=",
        "<=" => ">",
        ">" => "<=",
        ">=" => "<",
        _ => symbol,
    };
}
