using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Optimizer;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

internal sealed partial class QueryBinder
{
    /// <summary>
    /// The outcome of GROUP BY binding: a binder for post-aggregation expressions (select list, HAVING, ORDER BY)
    /// that maps aggregate calls and group-key expressions to the aggregate's output columns.
    /// </summary>
    private sealed record GroupingResult(ExpressionBinder Binder, List<BoundExpr> CorrelationKeys, Func<BoundExpr, BoundExpr?> EmptyValueOf);

    private GroupingResult BindGrouping(SelectQuery s, List<SelectEntry> entries, IReadOnlyList<OrderItem> orderBy, Scope scope,
        PlanHolder holder, List<BoundExpr> correlated)
    {
        var pre = new ExpressionBinder(this, scope, holder, "GROUP BY");
        var keys = new List<BoundExpr>();
        var keyNames = new List<string>();
        var keyIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        int AddKey(BoundExpr e, string name)
        {
            if (e.Type.Id == TypeId.Unknown) e = Coercion.Cast(e, SqlType.Text);
            var key = BoundExprs.Key(e);
            if (keyIndex.TryGetValue(key, out var existing)) return existing;
            keys.Add(e);
            keyNames.Add(name);
            keyIndex[key] = keys.Count - 1;
            return keys.Count - 1;
        }

        List<int> BindKeyList(Expr e)
        {
            if (e is RowExpr row) return row.Items.SelectMany(BindKeyList).ToList();
            var resolved = ResolveGroupExpr(e, entries, scope);
            if (AstWalker.Contains(resolved, AstWalker.IsAggregateCall))
                throw new SqlException(SqlState.GroupingError, "aggregate functions are not allowed in GROUP BY", e.Position + 1);
            return [AddKey(pre.Bind(resolved), resolved is ColumnRef c ? c.Name : OutputNames.Derive(resolved))];
        }

        List<List<int>> SetsOf(GroupingElement element) => element switch
        {
            ExprGrouping g => [BindKeyList(g.Expr)],
            EmptyGrouping => [[]],
            RollupGrouping r => Rollup(r.Elements.Select(items => items.SelectMany(BindKeyList).ToList()).ToList()),
            CubeGrouping c => Cube(c.Elements.Select(items => items.SelectMany(BindKeyList).ToList()).ToList()),
            GroupingSetsGrouping g => g.Sets.SelectMany(SetsOf).ToList(),
            _ => throw new SqlException(SqlState.FeatureNotSupported, "grouping element", element.Position + 1),
        };

        var sets = new List<List<int>> { new() };
        bool plain = true;
        foreach (var element in s.GroupBy)
        {
            if (element is not (ExprGrouping or EmptyGrouping)) plain = false;
            var elementSets = SetsOf(element);
            sets = sets.SelectMany(a => elementSets.Select(b => a.Concat(b).Distinct().ToList())).ToList();
        }

        // Correlated scalar aggregate: the correlation keys become grouping keys, joined back by the caller.
        var correlationKeys = new List<BoundExpr>();
        if (correlated.Count > 0)
        {
            if (s.GroupBy.Count > 0)
                throw new SqlException(SqlState.FeatureNotSupported, "correlated subqueries with GROUP BY are not supported", s.Position + 1);
            if (!correlated.All(IsEquiCorrelation)) JoinCorrelationDomain(holder, correlated, s.Position);
            for (int i = 0; i < correlated.Count; i++)
            {
                if (correlated[i] is not BoundFunctionCall { Name: "=", Arguments: [var a, var b] } eq)
                    throw new SqlException(SqlState.FeatureNotSupported, "correlated aggregate subqueries need equality correlation predicates", s.Position + 1);
                bool aOuter = !BoundExprs.Any(a, x => x is BoundColumnRef), bOuter = !BoundExprs.Any(b, x => x is BoundColumnRef);
                bool aInner = !BoundExprs.Any(a, x => x is BoundOuterRef), bInner = !BoundExprs.Any(b, x => x is BoundOuterRef);
                BoundExpr outerSide, innerSide;
                if (aOuter && bInner) (outerSide, innerSide) = (a, b);
                else if (bOuter && aInner) (outerSide, innerSide) = (b, a);
                else throw new SqlException(SqlState.FeatureNotSupported, "correlated aggregate subqueries need equality correlation predicates", s.Position + 1);
                int k = AddKey(innerSide, $"?corr{i}?");
                correlationKeys.Add(new BoundColumnRef(k, innerSide.Type, keyNames[k]));
                var marker = new BoundColumnRef(-1 - (correlationKeys.Count - 1), innerSide.Type, "");
                correlated[i] = eq with { Arguments = ReferenceEquals(outerSide, a) ? [a, marker] : [marker, b] };
            }
        }

        // Aggregates of this level, bound over the input.
        var argBinder = new ExpressionBinder(this, scope, holder, "aggregate arguments");
        var aggregates = new List<AggregateCall>();
        var aggregateNames = new List<string>();
        var aggregateIndex = new Dictionary<FunctionCall, int>(ReferenceEqualityComparer.Instance);
        var aggregateKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new List<FunctionCall>();
        foreach (var e in entries) AstWalker.CollectAggregates(e.Expr, nodes);
        if (s.Having is not null) AstWalker.CollectAggregates(s.Having, nodes);
        foreach (var o in orderBy) AstWalker.CollectAggregates(o.Expr, nodes);
        foreach (var node in nodes)
        {
            var call = BindAggregateCall(node, argBinder);
            var key = AggregateKey(call);
            if (!aggregateKeys.TryGetValue(key, out var index))
            {
                aggregates.Add(call);
                aggregateNames.Add(node.Name);
                index = aggregates.Count - 1;
                aggregateKeys[key] = index;
            }
            aggregateIndex[node] = index;
        }

        var groupingSets = plain ? null : sets.Select(x => (IReadOnlyList<int>)x).ToList();
        var input = holder.Plan;
        holder.Plan = new LogicalAggregate(input, keys, keyNames, aggregates, aggregateNames, groupingSets)
        {
            EstimatedRows = keys.Count == 0 ? 1 : Math.Max(1, input.EstimatedRows / 10),
        };
        int k0 = keys.Count;

        var postColumns = new List<ScopeColumn>();
        for (int i = 0; i < keys.Count; i++)
            postColumns.Add(keys[i] is BoundColumnRef c && c.Ordinal < scope.Columns.Count ? scope.Columns[c.Ordinal] with { Type = c.Type }
                : new ScopeColumn(null, keyNames[i], keys[i].Type) { HiddenFromStar = true, HiddenFromUnqualified = true });
        foreach (var a in aggregates)
            postColumns.Add(new ScopeColumn(null, a.Name, a.Type) { HiddenFromStar = true, HiddenFromUnqualified = true });
        if (groupingSets is not null)
            postColumns.Add(new ScopeColumn(null, "grouping_set", SqlType.Integer) { HiddenFromStar = true, HiddenFromUnqualified = true });
        var postScope = new Scope(postColumns, scope.Outer);

        BoundExpr? Intercept(Expr e)
        {
            if (e is FunctionCall fc && aggregateIndex.TryGetValue(fc, out var a))
                return new BoundColumnRef(k0 + a, aggregates[a].Type, aggregateNames[a]);
            if (e is FunctionCall { Name: "grouping", Over: null } g)
                return BindGroupingFunction(g);
            if (AstWalker.Contains(e, x => AstWalker.IsAggregateCall(x) || AstWalker.IsWindowCall(x)) || AstWalker.ContainsSubquery(e))
                return null;
            if (!AstWalker.Contains(e, x => x is ColumnRef)) return null;
            var bound = pre.Bind(e);
            if (keyIndex.TryGetValue(BoundExprs.Key(bound), out var key))
                return new BoundColumnRef(key, keys[key].Type, keyNames[key]);
            if (!BoundExprs.Any(bound, x => x is BoundColumnRef)) return null;
            if (e is ColumnRef column)
                throw new SqlException(SqlState.GroupingError,
                    $"column \"{column}\" must appear in the GROUP BY clause or be used in an aggregate function", e.Position + 1);
            return null;
        }

        BoundExpr BindGroupingFunction(FunctionCall g)
        {
            var positions = new List<int>();
            foreach (var arg in g.Arguments)
            {
                var bound = pre.Bind(arg);
                if (!keyIndex.TryGetValue(BoundExprs.Key(bound), out var key))
                    throw new SqlException(SqlState.GroupingError, "arguments to GROUPING must be grouping expressions of the associated query level", arg.Position + 1);
                positions.Add(key);
            }
            if (groupingSets is null) return new BoundLiteral(0, SqlType.Integer);
            var setColumn = new BoundColumnRef(k0 + aggregates.Count, SqlType.Integer, "grouping_set");
            var whens = new List<BoundWhen>();
            for (int j = 0; j < groupingSets.Count; j++)
            {
                int bits = 0;
                for (int p = 0; p < positions.Count; p++)
                    if (!groupingSets[j].Contains(positions[p])) bits |= 1 << (positions.Count - 1 - p);
                whens.Add(new BoundWhen(ExpressionBinder.Call("=", [setColumn, new BoundLiteral(j, SqlType.Integer)], g.Position),
                    new BoundLiteral(bits, SqlType.Integer)));
            }
            return new BoundCase(whens, new BoundLiteral(0, SqlType.Integer), SqlType.Integer);
        }

        BoundExpr? EmptyValueOf(BoundExpr select)
        {
            bool usesKey = false;
            var substituted = BoundExprs.Rewrite(select, x =>
            {
                if (x is not BoundColumnRef c) return null;
                if (c.Ordinal < k0 || c.Ordinal >= k0 + aggregates.Count) { usesKey = true; return null; }
                var call = aggregates[c.Ordinal - k0];
                return call.Name == "count" ? Coercion.Cast(new BoundLiteral(0L, SqlType.BigInt), call.Type) : BoundLiteral.Null(call.Type);
            });
            if (usesKey) return null;
            var folded = ConstantEvaluator.TryFold(substituted);
            return folded is { Value: not null } ? folded : null;
        }

        var binder = new ExpressionBinder(this, postScope, holder, "SELECT") { Intercept = Intercept };
        return new GroupingResult(binder, correlationKeys, EmptyValueOf);
    }

    private static bool IsEquiCorrelation(BoundExpr predicate)
    {
        if (predicate is not BoundFunctionCall { Name: "=", Arguments: [var a, var b] }) return false;
        bool aOuter = !BoundExprs.Any(a, x => x is BoundColumnRef), bOuter = !BoundExprs.Any(b, x => x is BoundColumnRef);
        bool aInner = !BoundExprs.Any(a, x => x is BoundOuterRef), bInner = !BoundExprs.Any(b, x => x is BoundOuterRef);
        return (aOuter && bInner) || (bOuter && aInner);
    }

    /// <summary>
    /// Non-equality correlation of a scalar aggregate (<c>(SELECT count(*) FROM t x WHERE x.b &lt; t1.b)</c>): the distinct
    /// values of the referenced outer columns (the "domain") are joined into the subquery's input under the correlation
    /// predicates, and become grouping keys. The correlation left for the caller is plain equality with the domain
    /// columns, so the result is left-joined back like an equi-correlated aggregate.
    /// </summary>
    private void JoinCorrelationDomain(PlanHolder holder, List<BoundExpr> correlated, int position)
    {
        var outerPlan = _outerPlans.Count > 0 ? _outerPlans.Peek() : null;
        if (outerPlan is null)
            throw new SqlException(SqlState.FeatureNotSupported, "this correlated aggregate subquery is not supported", position + 1);
        var outerOrdinals = new SortedSet<int>();
        foreach (var predicate in correlated)
            foreach (var node in Descendants(predicate))
                if (node is BoundOuterRef { Depth: 1 } o) outerOrdinals.Add(o.Ordinal);
                else if (node is BoundOuterRef) throw new SqlException(SqlState.FeatureNotSupported, "correlation to a query block more than one level out is not supported", position + 1);
        var ordinals = outerOrdinals.ToList();
        var outerSchema = outerPlan.Plan.Schema;
        var domainExprs = ordinals.Select(o => (BoundExpr)new BoundColumnRef(o, outerSchema[o].Type, outerSchema[o].Name)).ToList();
        var domainNames = ordinals.Select(o => outerSchema[o].Name).ToList();
        LogicalPlan domain = new LogicalDistinct(new LogicalProject(outerPlan.Plan, domainExprs, domainNames) { EstimatedRows = outerPlan.Plan.EstimatedRows })
        {
            EstimatedRows = outerPlan.Plan.EstimatedRows,
        };
        int innerCount = holder.Plan.Schema.Count;
        var condition = correlated.Select(p => BoundExprs.Rewrite(p, x => x is BoundOuterRef o
            ? new BoundColumnRef(innerCount + ordinals.IndexOf(o.Ordinal), o.Type, o.Name) : null)).ToList();
        var (lk, rk, residual) = JoinConditions.Split(BoundExprs.And(condition), innerCount);
        holder.Plan = new LogicalJoin(Logical.JoinKind.Inner, holder.Plan, domain, lk, rk, BoundExprs.And(residual))
        {
            EstimatedRows = Math.Max(holder.Plan.EstimatedRows, 1) * Math.Max(domain.EstimatedRows, 1),
        };
        correlated.Clear();
        for (int j = 0; j < ordinals.Count; j++)
        {
            var type = outerSchema[ordinals[j]].Type;
            correlated.Add(ExpressionBinder.Call("=", [new BoundOuterRef(1, ordinals[j], type, domainNames[j]), new BoundColumnRef(innerCount + j, type, domainNames[j])], position));
        }
    }

    private static IEnumerable<BoundExpr> Descendants(BoundExpr e)
    {
        yield return e;
        foreach (var c in e.Children)
            foreach (var d in Descendants(c))
                yield return d;
    }

    /// <summary>GROUP BY item: a select-list position, an output name that is not an input column, or an input expression.</summary>
    private static Expr ResolveGroupExpr(Expr e, List<SelectEntry> entries, Scope scope)
    {
        if (e is StringLiteral or NumericLiteral or FloatLiteral or BooleanLiteral)
            throw new SqlException(SqlState.SyntaxError, "non-integer constant in GROUP BY", e.Position + 1);
        if (e is IntegerLiteral n)
        {
            if (n.Value < 1 || n.Value > entries.Count)
                throw new SqlException(SqlState.InvalidColumnReference, $"GROUP BY position {n.Value} is not in select list", e.Position + 1);
            return entries[(int)n.Value - 1].Expr;
        }
        if (e is ColumnRef { Parts.Count: 1 } c && scope.Find(c.Parts, c.Position) < 0)
        {
            var matches = entries.Where(x => x.Name == c.Name).ToList();
            if (matches.Count >= 1) return matches[0].Expr;
        }
        return e;
    }

    private static List<List<int>> Rollup(List<List<int>> elements)
    {
        var sets = new List<List<int>>();
        for (int n = elements.Count; n >= 0; n--) sets.Add(elements.Take(n).SelectMany(x => x).Distinct().ToList());
        return sets;
    }

    private static List<List<int>> Cube(List<List<int>> elements)
    {
        var sets = new List<List<int>>();
        int count = elements.Count;
        for (int mask = (1 << count) - 1; mask >= 0; mask--)
        {
            var set = new List<int>();
            for (int i = 0; i < count; i++)
                if ((mask & (1 << (count - 1 - i))) != 0) set.AddRange(elements[i]);
            sets.Add(set.Distinct().ToList());
        }
        return sets;
    }

    private static AggregateCall BindAggregateCall(FunctionCall f, ExpressionBinder binder)
    {
        foreach (var argument in f.Arguments)
            if (AstWalker.Contains(argument, AstWalker.IsWindowCall))
                throw new SqlException(SqlState.GroupingError, "aggregate function calls cannot contain window function calls", argument.Position + 1);
        var args = f.Star ? new List<BoundExpr>() : f.Arguments.Select(binder.Bind).ToList();
        ResolvedAggregate resolved;
        try
        {
            resolved = FunctionRegistry.ResolveAggregate(f.Name, args.Select(a => a.Type).ToList(), f.Distinct);
        }
        catch (SqlException) when (args.Any(a => a.Type.Id == TypeId.Unknown))
        {
            // Unknown literals the overloads could not place (LISTAGG(x, ',')) are text, as in PostgreSQL.
            for (int i = 0; i < args.Count; i++)
                if (args[i].Type.Id == TypeId.Unknown) args[i] = Coercion.Cast(args[i], SqlType.Text);
            try
            {
                resolved = FunctionRegistry.ResolveAggregate(f.Name, args.Select(a => a.Type).ToList(), f.Distinct);
            }
            catch (SqlException) when (f.Name is "listagg" && args.Count > 0 && !args[0].Type.IsString)
            {
                args[0] = Coercion.Cast(args[0], SqlType.Text, isExplicit: true);
                resolved = FunctionRegistry.ResolveAggregate(f.Name, args.Select(a => a.Type).ToList(), f.Distinct);
            }
        }
        catch (SqlException) when (f.Name is "listagg" && args.Count > 0 && !args[0].Type.IsString)
        {
            // Redshift's LISTAGG takes any expression and concatenates its text form.
            args[0] = Coercion.Cast(args[0], SqlType.Text, isExplicit: true);
            resolved = FunctionRegistry.ResolveAggregate(f.Name, args.Select(a => a.Type).ToList(), f.Distinct);
        }
        catch (SqlException e) when (e.Position is null)
        {
            throw new SqlException(e.SqlState, e.Message, f.Position + 1, e.Detail, e.Hint);
        }
        var cast = args.Select((a, i) => i < resolved.ParameterTypes.Count ? Coercion.Cast(a, resolved.ParameterTypes[i]) : a).ToList();
        var filter = f.Filter is null ? null : binder.BindCondition(f.Filter);
        var order = (f.ArgumentOrderBy is { Count: > 0 } ? f.ArgumentOrderBy : f.WithinGroup ?? [])
            .Select(o => MakeSortKey(binder.Bind(o.Expr), o)).ToList();
        return new AggregateCall(f.Name, resolved, cast, f.Distinct, filter, order);
    }

    private static string AggregateKey(AggregateCall call) =>
        $"{call.Name}|{call.Distinct}|{string.Join(",", call.Arguments.Select(BoundExprs.Key))}|{(call.Filter is null ? "" : BoundExprs.Key(call.Filter))}|"
        + string.Join(",", call.OrderBy.Select(k => BoundExprs.Key(k.Expression) + k.Descending + k.NullsFirst));
}
