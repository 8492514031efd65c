using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

internal sealed partial class QueryBinder
{
    /// <summary>One select-list entry after '*' expansion.</summary>
    private sealed record SelectEntry(Expr Expr, string Name);

    /// <summary>
    /// Binds one SELECT block with the ORDER BY of its query: FROM, WHERE (with subquery joins), GROUP BY/aggregates,
    /// HAVING, windows, the select list, DISTINCT and ORDER BY (which may use input columns not in the list).
    /// With <paramref name="pullCorrelation"/>, WHERE conjuncts that reference the enclosing block are returned in
    /// <see cref="BoundQuery.Correlated"/> instead of being filtered here.
    /// </summary>
    private BoundQuery BindSelect(SelectQuery s, Scope? outer, CteEnvironment env, IReadOnlyList<OrderItem> orderBy, bool pullCorrelation,
        bool resolveUnknown = true, bool pullWhere = true)
    {
        var savedSelect = _currentSelect;
        _currentSelect = s;
        try
        {
            return BindSelectBlock(s, outer, env, orderBy, pullCorrelation, resolveUnknown, pullWhere);
        }
        finally
        {
            _currentSelect = savedSelect;
        }
    }

    private BoundQuery BindSelectBlock(SelectQuery s, Scope? outer, CteEnvironment env, IReadOnlyList<OrderItem> orderBy, bool pullCorrelation,
        bool resolveUnknown, bool pullWhere)
    {
        var (fromPlan, scope) = BindFrom(s.From, outer, env);
        var holder = new PlanHolder(fromPlan);

        // WHERE: top-level EXISTS/IN conjuncts become semi/anti joins; correlated conjuncts are pulled up.
        var correlated = new List<BoundExpr>();
        if (s.Where is not null)
        {
            var whereBinder = new ExpressionBinder(this, scope, holder, "WHERE");
            var local = new List<BoundExpr>();
            foreach (var conjunct in SplitAnd(s.Where))
            {
                var bound = conjunct switch
                {
                    ExistsExpr e => whereBinder.BindExists(e, negated: false, topLevel: true),
                    UnaryExpr { Operator: UnaryOperator.Not, Operand: ExistsExpr e } => whereBinder.BindExists(e, negated: true, topLevel: true),
                    InSubqueryExpr i => whereBinder.BindInSubquery(i, topLevel: true),
                    QuantifiedComparisonExpr q => whereBinder.BindQuantified(q, topLevel: true),
                    _ => whereBinder.BindCondition(conjunct),
                };
                foreach (var term in BoundExprs.Conjuncts(bound))
                {
                    if (term is BoundLiteral { Value: true }) continue;
                    if (pullCorrelation && pullWhere && BoundExprs.Any(term, x => x is BoundOuterRef)) correlated.Add(term);
                    else local.Add(term);
                }
            }
            if (local.Count > 0) holder.Plan = new LogicalFilter(holder.Plan, BoundExprs.And(local)!) { EstimatedRows = holder.Plan.EstimatedRows };
        }

        var entries = ExpandSelectList(s.Items, scope);
        bool hasAggregates = s.GroupBy.Count > 0 || s.Having is not null
            || entries.Any(e => AstWalker.Contains(e.Expr, AstWalker.IsAggregateCall))
            || orderBy.Any(o => AstWalker.Contains(o.Expr, AstWalker.IsAggregateCall));

        ExpressionBinder current = null!;
        var correlationOutputs = new List<BoundExpr>();
        bool aggregatedCorrelation = false;
        GroupingResult? grouping = null;
        if (hasAggregates)
        {
            grouping = BindGrouping(s, entries, orderBy, scope, holder, correlated);
            current = grouping.Binder;
            aggregatedCorrelation = correlated.Count > 0;
            correlationOutputs.AddRange(grouping.CorrelationKeys);
            if (s.Having is not null)
            {
                var having = new ExpressionBinder(this, current.Scope, holder, "HAVING") { Intercept = current.Intercept }.BindCondition(s.Having);
                holder.Plan = new LogicalFilter(holder.Plan, having) { EstimatedRows = holder.Plan.EstimatedRows };
            }
        }
        var map = new Dictionary<int, int>();
        if (!hasAggregates)
        {
            current = new ExpressionBinder(this, scope, holder, "SELECT");
            // Correlated conjuncts read inner columns: carry them out of the block after the visible columns.
            foreach (var term in correlated)
                foreach (var ordinal in BoundExprs.Columns(term).Order())
                    if (!map.ContainsKey(ordinal))
                    {
                        map[ordinal] = correlationOutputs.Count;
                        correlationOutputs.Add(new BoundColumnRef(ordinal, scope.Columns[ordinal].Type, scope.Columns[ordinal].Name));
                    }
            correlated = correlated.Select(t => BoundExprs.Rewrite(t, x => x is BoundColumnRef c ? c with { Ordinal = -1 - map[c.Ordinal] } : null)).ToList();
        }

        current = BindWindows(entries, orderBy, current, holder);

        // Select list.
        var selectExprs = new List<BoundExpr>();
        var names = new List<string>();
        foreach (var entry in entries)
        {
            selectExprs.Add(current.Bind(entry.Expr));
            names.Add(entry.Name);
        }
        // PostgreSQL resolves unknown-typed outputs (NULL, 'text') as text, except in set-operation branches where
        // the other branch decides.
        for (int i = 0; i < selectExprs.Count; i++)
            if (resolveUnknown && selectExprs[i].Type.Id == TypeId.Unknown) selectExprs[i] = Coercion.Cast(selectExprs[i], SqlType.Text);

        // A select expression that reads the enclosing row ((SELECT i + outer.i FROM t WHERE ...)) is evaluated after
        // the decorrelating join: the block outputs the inner columns it needs instead, and the caller computes it.
        BoundExpr?[]? deferred = null;
        int matchedColumn = -1;
        if (pullCorrelation && !hasAggregates && !s.Distinct && grouping is null)
        {
            for (int i = 0; i < selectExprs.Count; i++)
            {
                if (!BoundExprs.Any(selectExprs[i], x => x is BoundOuterRef)) continue;
                if (deferred is null)
                {
                    deferred = new BoundExpr?[selectExprs.Count];
                    matchedColumn = correlationOutputs.Count;
                    correlationOutputs.Add(BoundLiteral.Bool(true));
                }
                foreach (var ordinal in BoundExprs.Columns(selectExprs[i]).Order())
                    if (!map.ContainsKey(ordinal))
                    {
                        map[ordinal] = correlationOutputs.Count;
                        correlationOutputs.Add(new BoundColumnRef(ordinal, holder.Plan.Schema[ordinal].Type, holder.Plan.Schema[ordinal].Name));
                    }
                deferred[i] = BoundExprs.Rewrite(selectExprs[i], x => x is BoundColumnRef c ? c with { Ordinal = -1 - map[c.Ordinal] } : null);
                selectExprs[i] = BoundLiteral.Null(selectExprs[i].Type);
            }
        }

        // ORDER BY: output ordinals, output names, or expressions (hidden columns when not in the list).
        var hidden = new List<BoundExpr>();
        var sortKeys = new List<(int Column, OrderItem Item)>();
        foreach (var item in orderBy)
        {
            int column = ResolveOrderItem(item, entries, names, selectExprs, current, hidden, s.Distinct);
            sortKeys.Add((column, item));
        }

        int visible = selectExprs.Count;
        var outputs = new List<BoundExpr>(selectExprs);
        var outputNames = new List<string>(names);
        outputs.AddRange(correlationOutputs);
        outputNames.AddRange(correlationOutputs.Select((_, i) => $"?corr{i}?"));
        outputs.AddRange(hidden);
        outputNames.AddRange(hidden.Select((_, i) => $"?order{i}?"));
        LogicalPlan plan = new LogicalProject(holder.Plan, outputs, outputNames) { EstimatedRows = holder.Plan.EstimatedRows };
        if (s.Distinct) plan = new LogicalDistinct(plan) { EstimatedRows = plan.EstimatedRows };
        if (sortKeys.Count > 0)
        {
            var keys = sortKeys.Select(k =>
            {
                int ordinal = k.Column >= 0 ? k.Column : visible + correlationOutputs.Count + (-1 - k.Column);
                return MakeSortKey(new BoundColumnRef(ordinal, outputs[ordinal].Type, outputNames[ordinal]), k.Item);
            }).ToList();
            plan = new LogicalSort(plan, keys) { EstimatedRows = plan.EstimatedRows };
        }
        if (hidden.Count > 0)
        {
            int keep = visible + correlationOutputs.Count;
            plan = new LogicalProject(plan,
                Enumerable.Range(0, keep).Select(i => (BoundExpr)new BoundColumnRef(i, outputs[i].Type, outputNames[i])).ToList(),
                outputNames.Take(keep).ToList()) { EstimatedRows = plan.EstimatedRows };
        }

        // Correlated predicates now refer to this block's output: hidden correlation column k is output visible + k.
        var pulled = correlated.Select(t => BoundExprs.Rewrite(t, x => x is BoundColumnRef { Ordinal: < 0 } c ? c with { Ordinal = visible + (-1 - c.Ordinal) } : null)).ToList();
        BoundExpr? emptyValue = null;
        if (aggregatedCorrelation && grouping is not null && selectExprs.Count == 1)
            emptyValue = grouping.EmptyValueOf(selectExprs[0]);
        return new BoundQuery(plan, names)
        {
            Deferred = deferred?.Select(d => d is null ? null
                : BoundExprs.Rewrite(d, x => x is BoundColumnRef { Ordinal: < 0 } c ? c with { Ordinal = visible + (-1 - c.Ordinal) } : null)).ToList(),
            Correlated = pulled,
            MatchedColumn = matchedColumn < 0 ? -1 : visible + matchedColumn,
            AggregatedCorrelation = aggregatedCorrelation,
            EmptyValue = emptyValue,
        };
    }

    private static IEnumerable<Expr> SplitAnd(Expr e) =>
        e is BinaryExpr { Operator: BinaryOperator.And } b ? SplitAnd(b.Left).Concat(SplitAnd(b.Right)) : [e];

    /// <summary>'*' and 't.*' become one column reference per visible column.</summary>
    private static List<SelectEntry> ExpandSelectList(IReadOnlyList<SelectItem> items, Scope scope)
    {
        var entries = new List<SelectEntry>();
        foreach (var item in items)
        {
            switch (item)
            {
                case ExprSelectItem e:
                    entries.Add(new SelectEntry(e.Expr, e.Alias ?? OutputNames.Derive(e.Expr)));
                    break;
                case StarSelectItem { Qualifier: null } star:
                    var all = scope.Columns.Where(c => !c.HiddenFromStar).ToList();
                    if (all.Count == 0 && scope.Columns.Count == 0)
                        throw new SqlException(SqlState.SyntaxError, "SELECT * with no tables specified is not valid", star.Position + 1);
                    foreach (var c in all) entries.Add(new SelectEntry(StarReference(c, star.Position), c.Name));
                    break;
                case StarSelectItem star:
                    var table = star.Qualifier![^1];
                    var schema = star.Qualifier.Count >= 2 ? star.Qualifier[^2] : null;
                    var matching = scope.Columns.Where(c => c.Table == table && (schema is null || c.Schema == schema)).ToList();
                    if (matching.Count == 0)
                        throw new SqlException(SqlState.UndefinedTable, $"missing FROM-clause entry for table \"{table}\"", star.Position + 1);
                    foreach (var c in matching) entries.Add(new SelectEntry(StarReference(c, star.Position), c.Name));
                    break;
            }
        }
        return entries;
    }

    private static ColumnRef StarReference(ScopeColumn c, int position) =>
        new(position, c.Table is null ? [c.Name] : c.Schema is not null ? [c.Schema, c.Table, c.Name] : [c.Table, c.Name]);

    /// <summary>
    /// Resolves one ORDER BY item to an output column (its ordinal) or a new hidden column (returned as -1 - index).
    /// PostgreSQL rules: an integer is a select-list position; a bare name matching an output column name is that
    /// column; anything else is an expression over the input, matched against the select list first.
    /// </summary>
    private static int ResolveOrderItem(OrderItem item, List<SelectEntry> entries, List<string> names, List<BoundExpr> selectExprs,
        ExpressionBinder binder, List<BoundExpr> hidden, bool distinct)
    {
        if (item.Expr is StringLiteral or NumericLiteral or FloatLiteral or BooleanLiteral or NullLiteral)
            throw new SqlException(SqlState.SyntaxError, "non-integer constant in ORDER BY", item.Expr.Position + 1);
        if (item.Expr is IntegerLiteral ordinal)
        {
            if (ordinal.Value < 1 || ordinal.Value > entries.Count)
                throw new SqlException(SqlState.InvalidColumnReference, $"ORDER BY position {ordinal.Value} is not in select list", item.Expr.Position + 1);
            return (int)ordinal.Value - 1;
        }
        if (item.Expr is ColumnRef { Parts.Count: 1 } name)
        {
            int found = -1;
            for (int i = 0; i < names.Count; i++)
            {
                if (names[i] != name.Name) continue;
                if (found >= 0 && BoundExprs.Key(selectExprs[found]) != BoundExprs.Key(selectExprs[i]))
                    throw new SqlException(SqlState.AmbiguousColumn, $"ORDER BY \"{name.Name}\" is ambiguous", item.Expr.Position + 1);
                if (found < 0) found = i;
            }
            if (found >= 0) return found;
        }
        var bound = binder.Bind(item.Expr);
        var key = BoundExprs.Key(bound);
        for (int i = 0; i < selectExprs.Count; i++)
            if (BoundExprs.Key(selectExprs[i]) == key) return i;
        if (distinct)
            throw new SqlException(SqlState.InvalidColumnReference, "for SELECT DISTINCT, ORDER BY expressions must appear in select list", item.Expr.Position + 1);
        for (int i = 0; i < hidden.Count; i++)
            if (BoundExprs.Key(hidden[i]) == key) return -1 - i;
        hidden.Add(bound.Type.Id == TypeId.Unknown ? Coercion.Cast(bound, SqlType.Text) : bound);
        return -hidden.Count;
    }
}
