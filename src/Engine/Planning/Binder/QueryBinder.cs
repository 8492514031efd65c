using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Optimizer;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// Binds queries (SELECT blocks, set operations, VALUES, WITH) to logical plans against one catalog version.
/// One instance per statement.
/// </summary>
internal sealed partial class QueryBinder
{
    private readonly HashSet<string> _viewsInExpansion = new(StringComparer.Ordinal);

    public QueryBinder(BinderContext context) => Context = context;

    public BinderContext Context { get; }

    /// <summary>Binds a top-level query (no enclosing scope).</summary>
    public BoundQuery BindStatementQuery(Query query) => BindQuery(query, null, CteEnvironment.Empty, pullCorrelation: false);

    /// <summary>Binds a subquery of an expression whose block has scope <paramref name="outer"/>; correlation predicates are pulled up.</summary>
    public BoundQuery BindSubquery(Query query, Scope outer, PlanHolder? outerPlan)
    {
        _outerPlans.Push(outerPlan);
        try
        {
            return BindQuery(query, outer, _currentCtes, pullCorrelation: true);
        }
        finally
        {
            _outerPlans.Pop();
        }
    }

    /// <summary>The plans of the enclosing blocks whose subqueries are being bound (innermost on top).</summary>
    private readonly Stack<PlanHolder?> _outerPlans = new();

    private CteEnvironment _currentCtes = CteEnvironment.Empty;

    public BoundQuery BindQuery(Query query, Scope? outer, CteEnvironment env, bool pullCorrelation)
    {
        var saved = _currentCtes;
        try
        {
            if (query.With is { } with)
            {
                // Each CTE sees the ones before it (and itself only under RECURSIVE), never the ones after it.
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var cte in with.Ctes)
                {
                    if (!names.Add(cte.Name))
                        throw new SqlException(SqlState.DuplicateAlias, $"WITH query name \"{cte.Name}\" specified more than once", cte.Position + 1);
                    var definedIn = env;
                    env = new CteEnvironment(definedIn);
                    if (with.Recursive && AstReferences.Mentions(cte.Query, "", cte.Name)) BindRecursiveCte(cte, env);
                    else env.Add(cte, definedIn);
                }
            }
            _currentCtes = env;
            bool hasLimit = query.Limit is not null || query.Offset is not null;
            BoundQuery result;
            if (query.Body is SelectQuery select)
            {
                result = BindSelect(select, outer, env, query.OrderBy, pullCorrelation, pullWhere: !hasLimit);
            }
            else
            {
                result = BindQueryExpr(query.Body, outer, env);
                if (query.OrderBy.Count > 0) result = result with { Plan = SortByOutput(result, query.OrderBy) };
            }
            if (hasLimit)
            {
                long? limit = query.Limit is null ? null : EvaluateCount(query.Limit, "LIMIT");
                long offset = query.Offset is null ? 0 : EvaluateCount(query.Offset, "OFFSET") ?? 0;
                result = result with { Plan = new LogicalLimit(result.Plan, limit, offset) };
            }
            return result;
        }
        finally
        {
            _currentCtes = saved;
        }
    }

    /// <summary>LIMIT/OFFSET values: constant, non-negative (NULL means no limit).</summary>
    private long? EvaluateCount(Expr expr, string clause)
    {
        var binder = new ExpressionBinder(this, Scope.Empty(null), null, clause);
        var bound = Coercion.Cast(binder.Bind(expr), SqlType.BigInt);
        if (bound is InferredParameter) return null; // preparing: the value comes at execution
        var folded = ConstantEvaluator.TryFold(bound)
            ?? throw new SqlException(SqlState.FeatureNotSupported, $"{clause} must be a constant", expr.Position + 1);
        if (folded.Value is null) return null;
        var value = Convert.ToInt64(folded.Value, System.Globalization.CultureInfo.InvariantCulture);
        if (value < 0)
            throw new SqlException(clause == "LIMIT" ? SqlState.InvalidRowCountInLimit : SqlState.InvalidRowCountInOffset,
                $"{clause} must not be negative", expr.Position + 1);
        return value;
    }

    /// <summary>A query body other than a plain SELECT block (which needs the enclosing ORDER BY).</summary>
    private BoundQuery BindQueryExpr(QueryExpr body, Scope? outer, CteEnvironment env, bool setOperationBranch = false) => body switch
    {
        SelectQuery s => BindSelect(s, outer, env, [], pullCorrelation: false, resolveUnknown: !setOperationBranch),
        Query q => BindQuery(q, outer, env, pullCorrelation: false),
        ValuesQuery v => BindValues(v, outer),
        SetOperationQuery s => BindSetOperation(s, outer, env),
        _ => throw new SqlException(SqlState.FeatureNotSupported, $"{body.GetType().Name} is not supported", body.Position + 1),
    };

    private BoundQuery BindValues(ValuesQuery values, Scope? outer)
    {
        var binder = new ExpressionBinder(this, Scope.Empty(outer), null, "VALUES");
        var rows = values.Rows.Select(r => r.Select(binder.Bind).ToList()).ToList();
        int width = rows[0].Count;
        foreach (var row in rows)
            if (row.Count != width)
                throw new SqlException(SqlState.SyntaxError, "VALUES lists must all be the same length", values.Position + 1);
        var columns = new List<LogicalColumn>();
        for (int c = 0; c < width; c++)
        {
            var type = Coercion.CommonType(rows.Select(r => r[c].Type), "VALUES", values.Position);
            columns.Add(new LogicalColumn($"column{c + 1}", type));
        }
        var cast = rows.Select(r => (IReadOnlyList<BoundExpr>)r.Select((e, c) => Coercion.Cast(e, columns[c].Type)).ToList()).ToList();
        return new BoundQuery(new LogicalValues(columns, cast) { EstimatedRows = rows.Count }, columns.Select(c => c.Name).ToList());
    }

    private BoundQuery BindSetOperation(SetOperationQuery s, Scope? outer, CteEnvironment env)
    {
        var left = BindQueryExpr(s.Left, outer, env, setOperationBranch: true);
        var right = BindQueryExpr(s.Right, outer, env, setOperationBranch: true);
        var name = s.Operator.ToString().ToUpperInvariant();
        if (left.VisibleCount != right.VisibleCount)
            throw new SqlException(SqlState.SyntaxError, $"each {name} query must have the same number of columns", s.Position + 1);
        var types = new List<SqlType>();
        for (int i = 0; i < left.VisibleCount; i++)
            types.Add(Coercion.CommonType([left.Plan.Schema[i].Type, right.Plan.Schema[i].Type], name, s.Position));
        var kind = s.Operator switch
        {
            SetOperator.Union => SetOperationKind.Union,
            SetOperator.Intersect => SetOperationKind.Intersect,
            _ => SetOperationKind.Except,
        };
        var plan = new LogicalSetOperation(kind, s.All, CastOutputs(left, types), CastOutputs(right, types))
        {
            EstimatedRows = Math.Max(left.Plan.EstimatedRows, 0) + Math.Max(right.Plan.EstimatedRows, 0),
        };
        return new BoundQuery(plan, left.Names);
    }

    /// <summary>Projects a query's visible columns, cast to <paramref name="types"/> where they differ.</summary>
    internal static LogicalPlan CastOutputs(BoundQuery query, IReadOnlyList<SqlType> types)
    {
        // Unknown-typed outputs (NULL, 'text' in a set-operation branch) are converted inside their projection, so
        // no operator ever sees a value of unknown type.
        if (query.Plan is LogicalProject project && project.Expressions.Any(e => e.Type.Id == TypeId.Unknown))
            query = query with { Plan = project with { Expressions = project.Expressions.Select((e, i) => i < types.Count && e.Type.Id == TypeId.Unknown ? Coercion.Cast(e, types[i]) : e).ToList() } };
        else if (query.Plan is LogicalDistinct { Input: LogicalProject inner } distinct && inner.Expressions.Any(e => e.Type.Id == TypeId.Unknown))
            query = query with { Plan = distinct with { Input = inner with { Expressions = inner.Expressions.Select((e, i) => i < types.Count && e.Type.Id == TypeId.Unknown ? Coercion.Cast(e, types[i]) : e).ToList() } } };
        var schema = query.Plan.Schema;
        bool same = schema.Count == types.Count;
        for (int i = 0; same && i < types.Count; i++) same = schema[i].Type == types[i];
        if (same) return query.Plan;
        var exprs = new List<BoundExpr>();
        for (int i = 0; i < types.Count; i++)
            exprs.Add(Coercion.Cast(new BoundColumnRef(i, schema[i].Type, schema[i].Name), types[i]));
        return new LogicalProject(query.Plan, exprs, query.Names.Take(types.Count).ToList()) { EstimatedRows = query.Plan.EstimatedRows };
    }

    /// <summary>ORDER BY over a set operation's output: output ordinals, output names, or expressions over the output columns.</summary>
    private LogicalPlan SortByOutput(BoundQuery query, IReadOnlyList<OrderItem> items)
    {
        var scope = new Scope(query.Names.Select((n, i) => new ScopeColumn(null, n, query.Plan.Schema[i].Type)).ToList());
        var binder = new ExpressionBinder(this, scope, null, "ORDER BY");
        var keys = new List<SortKey>();
        foreach (var item in items)
        {
            BoundExpr expr;
            if (item.Expr is IntegerLiteral ordinal)
            {
                if (ordinal.Value < 1 || ordinal.Value > query.VisibleCount)
                    throw new SqlException(SqlState.InvalidColumnReference, $"ORDER BY position {ordinal.Value} is not in select list", item.Expr.Position + 1);
                int o = (int)ordinal.Value - 1;
                expr = new BoundColumnRef(o, query.Plan.Schema[o].Type, query.Names[o]);
            }
            else if (item.Expr is ColumnRef { Parts.Count: 1 })
            {
                expr = binder.Bind(item.Expr);
            }
            else
            {
                throw new SqlException(SqlState.FeatureNotSupported, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause", item.Expr.Position + 1,
                    "Only result column names can be used, not expressions or functions.");
            }
            keys.Add(MakeSortKey(expr, item));
        }
        return new LogicalSort(query.Plan, keys) { EstimatedRows = query.Plan.EstimatedRows };
    }

    internal static SortKey MakeSortKey(BoundExpr expr, OrderItem item) =>
        new(expr, item.Descending, item.NullsFirst ?? item.Descending);
}
