using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Caching;
using ActorWarehouse.Engine.Planning.Physical;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Optimizer;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>Optimizer rules switched off for this session (by rule name), e.g. for plan comparisons in tests.</summary>
    public ISet<string> DisabledOptimizerRules { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    internal BinderContext BinderContextFor(Transaction transaction)
    {
        var searchPath = BinderContext.ParseSearchPath(Settings.SearchPath);
        var snapshot = new Lazy<SystemCatalog.CatalogSnapshot>(() => CatalogSnapshotFor(transaction, searchPath));
        return new(transaction.Working, Warehouse.Blocks, searchPath)
        {
            SystemRelations = (schema, name) => SystemRelationPlan(schema, name, searchPath, snapshot),
            CatalogFunctions = new SystemCatalog.CatalogFunctions(this, () => snapshot.Value),
            Execute = plan => RunPlan(plan, _statementToken),
            Sequences = SequenceBinderFor(transaction, searchPath),
            Parameters = _parameterValues,
            ParameterInference = _parameterInference,
            UserName = Identity.UserName,
            DatabaseName = Identity.DatabaseName,
        };
    }

    /// <summary>Cancellation of the statement being executed (for plans run during binding).</summary>
    private CancellationToken _statementToken;

    /// <summary>
    /// A SELECT outside a transaction block runs a compiled plan from <see cref="Warehouse.CompiledPlans"/> when one of
    /// its shape exists; otherwise it is bound for any parameter values, planned, cached and run. Statements whose
    /// binding reads volatile state, or that cannot be bound without their values (LIMIT $1), take the ordinary path.
    /// </summary>
    private QueryResult ExecuteSelect(SelectStatement select, string sql, Transaction transaction, CancellationToken ct)
    {
        if (_transaction is not null || _parameterInference is not null) return ExecuteQuery(select.Query, transaction, ct);
        var parameters = _parameterValues ?? [];
        var shape = new PlanShape(StatementText(sql, select), string.Join(",", parameters.Select(p => p.Type.ToString())), transaction.Working.Version,
            string.Join(";", Settings.All().Select(kv => kv.Key + "=" + kv.Value)), Identity.UserName, Identity.DatabaseName,
            string.Join(",", DisabledOptimizerRules.Order(StringComparer.OrdinalIgnoreCase)), Warehouse.PhysicalPlanning);
        if (!Warehouse.CompiledPlans.TryGet(shape, out var cached))
        {
            var purity = new BindPurity();
            BoundQuery bound;
            try
            {
                var context = purity.Observe(BinderContextFor(transaction)) with { Parameters = null, GenericParameters = parameters.Select(p => p.Type).ToArray() };
                bound = new QueryBinder(context).BindStatementQuery(select.Query);
            }
            catch (SqlException)
            {
                return ExecuteQuery(select.Query, transaction, ct);
            }
            if (purity.Impure) return ExecuteQuery(select.Query, transaction, ct);
            var optimized = PlanOptimizer.Optimize(bound.Plan, DisabledOptimizerRules);
            cached = new CachedPlan(PhysicalPlanner.Plan(optimized, Warehouse.PhysicalPlanning), ResultColumns(bound.Plan, bound.Names, unknownAsText: false));
            Warehouse.CompiledPlans.Add(shape, cached);
        }
        var batches = QueryExecution.Run(cached.Plan, NewFunctionContext(), Warehouse, parameters.Select(p => p.Value).ToArray(), ct);
        long rows = 0;
        foreach (var b in batches) rows += b.RowCount;
        return new QueryResult($"SELECT {rows}", cached.Columns, TrimHidden(batches, cached.Columns.Count), rows);
    }

    private QueryResult ExecuteQuery(Query query, Transaction transaction, CancellationToken ct)
    {
        var bound = new QueryBinder(BinderContextFor(transaction)).BindStatementQuery(query);
        var batches = RunPlan(bound.Plan, ct);
        long rows = 0;
        foreach (var b in batches) rows += b.RowCount;
        var schema = bound.Plan.Schema;
        var columns = ResultColumns(bound.Plan, bound.Names, unknownAsText: false);
        return new QueryResult($"SELECT {rows}", columns, TrimHidden(batches, columns.Count), rows);
    }

    /// <summary>The visible result columns, with the table column each one passes through (RowDescription's table OID and number).</summary>
    internal static List<ResultColumn> ResultColumns(LogicalPlan plan, IReadOnlyList<string> names, bool unknownAsText)
    {
        var schema = plan.Schema;
        var columns = new List<ResultColumn>(names.Count);
        for (int i = 0; i < names.Count; i++)
        {
            var type = unknownAsText && schema[i].Type.Id == TypeId.Unknown ? SqlType.Text : schema[i].Type;
            var origin = ColumnOrigins.Trace(plan, i);
            columns.Add(origin is { } o
                ? new ResultColumn(names[i], type) { TableOid = SystemCatalog.CatalogSnapshot.RelationOid(o.TableId), ColumnNumber = (short)o.ColumnNumber }
                : new ResultColumn(names[i], type));
        }
        return columns;
    }

    /// <summary>Drops trailing columns a plan may carry beyond the visible ones.</summary>
    private static IReadOnlyList<Batch> TrimHidden(IReadOnlyList<Batch> batches, int visible)
    {
        if (batches.Count == 0 || batches[0].ColumnCount == visible) return batches;
        return batches.Select(b => new Batch(b.Columns.Take(visible).ToList(), b.RowCount)).ToList();
    }

    /// <summary>Optimizes and runs a logical plan, returning all result batches.</summary>
    internal IReadOnlyList<Batch> RunPlan(LogicalPlan plan, CancellationToken ct)
    {
        var optimized = PlanOptimizer.Optimize(plan, DisabledOptimizerRules);
        return QueryExecution.Run(optimized, NewFunctionContext(), Warehouse, ct);
    }

    /// <summary>The physical plan a SELECT would run with now (tools and tests that inspect its fragments); nothing runs.</summary>
    internal Planning.Physical.PhysicalPlan PlanSelect(string sql)
    {
        if (Sql.Parser.SqlParser.ParseSingle(sql) is not SelectStatement select)
            throw new SqlException(SqlState.FeatureNotSupported, "only a SELECT can be planned");
        var transaction = _transaction ?? Warehouse.Transactions.Begin(isExplicit: false);
        var bound = new QueryBinder(BinderContextFor(transaction)).BindStatementQuery(select.Query);
        return Planning.Physical.PhysicalPlanner.Plan(PlanOptimizer.Optimize(bound.Plan, DisabledOptimizerRules), Warehouse.PhysicalPlanning);
    }

    internal FunctionContext NewFunctionContext()
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(Settings.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
        }
        long micros = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        return new FunctionContext(micros, zone, Random.Shared);
    }

    private QueryResult ExecuteExplain(ExplainStatement explain, Transaction transaction)
    {
        if (explain.Analyze)
            throw new SqlException(SqlState.FeatureNotSupported, "EXPLAIN ANALYZE is not supported", explain.Position + 1);
        var query = explain.Statement switch
        {
            SelectStatement s => s.Query,
            InsertStatement { Source: { } source } => source,
            CreateTableAsStatement c => c.Query,
            _ => throw new SqlException(SqlState.FeatureNotSupported, "EXPLAIN of this statement is not supported", explain.Position + 1),
        };
        var bound = new QueryBinder(BinderContextFor(transaction)).BindStatementQuery(query);
        var optimized = PlanOptimizer.Optimize(bound.Plan, DisabledOptimizerRules);
        var lines = explain.Verbose ? LogicalPlans.Render(optimized).TrimEnd('\n').Split('\n') : QueryExecution.Explain(optimized, Warehouse);
        var batch = new Batch([VectorBuilder.Build(SqlType.Text, lines.Cast<object?>().ToList())], lines.Count);
        return new QueryResult("EXPLAIN", [new ResultColumn("QUERY PLAN", SqlType.Text)], [batch], lines.Count);
    }
}
