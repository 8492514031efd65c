using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Execution.Operators.Aggregate;
using ActorWarehouse.Engine.Execution.Operators.SetOperations;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Distribution;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Storage;
using ExecSortKey = ActorWarehouse.Engine.Execution.Operators.Sort.SortKey;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// Turns an optimized logical plan into physical nodes: expressions are compiled once, scans are cut into
/// morsels, joins choose their build side and data-movement step, sorts absorb a following LIMIT (top-N),
/// DISTINCT and UNION become hash aggregations. The result is immutable and may be cached and re-run.
/// </summary>
public static class PhysicalPlanner
{
    public static PhysicalPlan Plan(LogicalPlan plan, PhysicalPlanOptions? options = null) => new(new PhysicalPlanBuilder(options ?? PhysicalPlanOptions.Default).Build(plan));
}

/// <summary>Choices the physical planner leaves to its caller.</summary>
/// <param name="BroadcastRowLimit">Join inner sides estimated at or below this many rows are broadcast rather than redistributed.</param>
/// <param name="BroadcastSizeRatio">Inner sides this many times smaller than their outer side are broadcast whatever their size (0: never by ratio).</param>
/// <param name="Nodes">Nodes the plan runs on (<see cref="IExchangeFactory.Nodes"/>); decides whether a broadcast may carry rows a join outputs unmatched.</param>
public sealed record PhysicalPlanOptions(double BroadcastRowLimit = DistributionPlanner.BroadcastRowLimit, int Nodes = 1,
    double BroadcastSizeRatio = DistributionPlanner.BroadcastSizeRatio)
{
    public static readonly PhysicalPlanOptions Default = new();
}

internal sealed class PhysicalPlanBuilder(PhysicalPlanOptions options)
{
    public PhysicalNode Build(LogicalPlan plan) => plan switch
    {
        LogicalScan scan => BuildScan(scan),
        LogicalFilter filter => BuildFilter(filter),
        LogicalProject project => new PlanProject(Build(project.Input), ExpressionCompiler.CompileAll(project.Expressions), Names(project)),
        LogicalJoin join => BuildJoin(join),
        LogicalAggregate aggregate => BuildAggregate(aggregate),
        LogicalWindow window => BuildWindow(window),
        LogicalLimit { Input: LogicalSort sort } limit => BuildSort(sort, limit.Limit is { } l ? l + limit.Offset : null, limit),
        LogicalSort sort => BuildSort(sort, null, null),
        LogicalLimit limit => new PlanLimit(Build(limit.Input), limit.Limit, limit.Offset),
        LogicalDistinct distinct => BuildDistinct(Build(distinct.Input), Names(distinct), distinct.EstimatedRows),
        LogicalSetOperation set => BuildSetOperation(set),
        LogicalValues values => new PlanValues(values.Columns.Select(c => c.Type).ToArray(), Names(values),
            values.Rows.Select(r => (IReadOnlyList<CompiledExpression>)ExpressionCompiler.CompileAll(r)).ToList()),
        LogicalEmpty empty => new PlanEmpty(empty.Columns.Select(c => c.Type).ToArray(), Names(empty)),
        _ => throw SqlException.NotSupported($"plan node {plan.GetType().Name}"),
    };

    private static string[] Names(LogicalPlan plan) => plan.Schema.Select(c => c.Name).ToArray();

    private static double Rows(LogicalPlan plan, double fallback) => plan.EstimatedRows >= 0 ? plan.EstimatedRows : fallback;

    private PhysicalNode BuildFilter(LogicalFilter filter)
    {
        var input = Build(filter.Input);
        return new PlanFilter(input, ExpressionCompiler.Compile(filter.Predicate), filter.Predicate.ToString(), Rows(filter, input.EstimatedRows * 0.5));
    }

    private PhysicalNode BuildScan(LogicalScan scan)
    {
        var filter = scan.Filter is null ? null : ExpressionCompiler.Compile(scan.Filter);
        var zone = scan.Filter is null ? null : ZonePredicates.From(scan.Filter, scan.ColumnOrdinals);
        double rows = Rows(scan, scan.Table.RowCount * (scan.Filter is null ? 1 : 0.5));
        return new PlanScan(scan.Table, scan.ColumnOrdinals, Names(scan), filter, scan.Filter?.ToString() ?? "", zone, scan.Alias, rows);
    }

    private PhysicalNode BuildJoin(LogicalJoin join)
    {
        var left = Build(join.Left);
        var right = Build(join.Right);
        var kind = join.Kind;
        var condition = string.Join(" AND ", join.LeftKeys.Select((k, i) => $"(\"outer\".{k} = \"inner\".{join.RightKeys[i]})"));
        double rows = Rows(join, join.LeftKeys.Count == 0 && join.Residual is null
            ? left.EstimatedRows * right.EstimatedRows
            : Math.Max(left.EstimatedRows, right.EstimatedRows));
        return new PlanHashJoin(left, right, kind,
            ExpressionCompiler.CompileAll(join.LeftKeys), ExpressionCompiler.CompileAll(join.RightKeys),
            join.Residual is null ? null : ExpressionCompiler.Compile(join.Residual),
            Names(join), rows, condition, join.Residual?.ToString() ?? "",
            join.LeftKeys.Select(k => k is BoundColumnRef c ? c.Ordinal : -1).ToArray(),
            join.RightKeys.Select(k => k is BoundColumnRef c ? c.Ordinal : -1).ToArray(), options);
    }

    private PhysicalNode BuildAggregate(LogicalAggregate aggregate)
    {
        var input = Build(aggregate.Input);
        var specs = aggregate.Aggregates.Select((call, i) => new AggregateSpec(
            aggregate.AggregateNames[i], call.Type, call.Function.Create,
            ExpressionCompiler.CompileAll(call.Arguments),
            call.Filter is null ? null : ExpressionCompiler.Compile(call.Filter),
            Distinct: call.Distinct && !call.Function.IsDistinct)
        {
            OrderExpressions = call.OrderBy.Select(k => ExpressionCompiler.Compile(k.Expression)).ToArray(),
            OrderKeys = call.OrderBy.Select((k, j) => new ExecSortKey(j, k.Descending, k.NullsFirst)).ToArray(),
        }).ToArray();
        var sets = aggregate.GroupingSets ?? AggregatePlan.SingleSet(aggregate.GroupKeys.Count);
        var plan = new AggregatePlan(input.OutputTypes, ExpressionCompiler.CompileAll(aggregate.GroupKeys),
            aggregate.GroupKeys.Select(k => k.Type).ToArray(), sets, specs, aggregate.GroupingSets is not null);
        double rows = Rows(aggregate, aggregate.GroupKeys.Count == 0 ? 1 : Math.Max(1, input.EstimatedRows * 0.1));
        return new PlanAggregate(input, plan, Names(aggregate), rows);
    }

    private PhysicalNode BuildDistinct(PhysicalNode input, IReadOnlyList<string> names, double estimatedRows)
    {
        var keys = input.OutputTypes.Select((t, i) => (CompiledExpression)new ColumnExpression(i, t)).ToArray();
        var plan = new AggregatePlan(input.OutputTypes, keys, input.OutputTypes, AggregatePlan.SingleSet(keys.Length), [], false);
        return new PlanAggregate(input, plan, names, estimatedRows >= 0 ? estimatedRows : input.EstimatedRows, "Unique");
    }

    private PhysicalNode BuildSetOperation(LogicalSetOperation set)
    {
        var left = Build(set.Left);
        var right = Build(set.Right);
        return set.Kind switch
        {
            SetOperationKind.Union when set.All => new PlanAppend([left, right]),
            SetOperationKind.Union => BuildDistinct(new PlanAppend([left, right]), Names(set), set.EstimatedRows),
            SetOperationKind.Intersect => new PlanSetOperation(left, right, SetOperation.Intersect, set.All),
            _ => new PlanSetOperation(left, right, SetOperation.Except, set.All),
        };
    }

    /// <summary>ORDER BY [LIMIT]: sort keys that are not plain columns are computed into extra columns, dropped after the sort.</summary>
    private PhysicalNode BuildSort(LogicalSort sort, long? topN, LogicalLimit? limit)
    {
        var input = Build(sort.Input);
        int width = input.OutputTypes.Count;
        var extra = new List<CompiledExpression>();
        var keys = new List<ExecSortKey>();
        foreach (var key in sort.Keys)
        {
            int column;
            if (key.Expression is BoundColumnRef c)
            {
                column = c.Ordinal;
            }
            else
            {
                column = width + extra.Count;
                extra.Add(ExpressionCompiler.Compile(key.Expression));
            }
            keys.Add(new ExecSortKey(column, key.Descending, key.NullsFirst));
        }
        var texts = sort.Keys.Select(k => k.Expression.ToString() + (k.Descending ? " DESC" : "")).ToArray();
        PhysicalNode sorted;
        if (extra.Count == 0)
        {
            sorted = new PlanSort(input, keys, texts, topN);
        }
        else
        {
            var passThrough = input.OutputTypes.Select((t, i) => (CompiledExpression)new ColumnExpression(i, t));
            var widened = new PlanProject(input, passThrough.Concat(extra).ToArray(), [.. input.OutputNames, .. extra.Select((_, i) => $"?sort{i}")]);
            var inner = new PlanSort(widened, keys, texts, topN);
            sorted = new PlanProject(inner, input.OutputTypes.Select((t, i) => (CompiledExpression)new ColumnExpression(i, t)).ToArray(), input.OutputNames);
        }
        return limit is null ? sorted : new PlanLimit(sorted, limit.Limit, limit.Offset);
    }

    private PhysicalNode BuildWindow(LogicalWindow window) => PlanWindow.Create(Build(window.Input), window, Names(window));
}

/// <summary>Extracts the zone-map-checkable conjuncts (<c>column op constant</c>, IS [NOT] NULL) of a scan filter.</summary>
internal static class ZonePredicates
{
    public static ZonePredicate? From(BoundExpr filter, IReadOnlyList<int> tableOrdinals)
    {
        var terms = new List<ZoneTerm>();
        foreach (var term in BoundExprs.Conjuncts(filter))
        {
            switch (term)
            {
                case BoundFunctionCall { Arguments: [BoundColumnRef c, BoundLiteral l] } f when l.Type == c.Type && Op(f.Name) is { } op:
                    terms.Add(new ZoneTerm(tableOrdinals[c.Ordinal], op, l.Value));
                    break;
                case BoundFunctionCall { Arguments: [BoundLiteral l, BoundColumnRef c] } f when l.Type == c.Type && Op(f.Name) is { } op:
                    terms.Add(new ZoneTerm(tableOrdinals[c.Ordinal], Flip(op), l.Value));
                    break;
                case BoundIsNull { Input: BoundColumnRef c } n:
                    terms.Add(new ZoneTerm(tableOrdinals[c.Ordinal], n.Negated ? ZoneOp.IsNotNull : ZoneOp.IsNull));
                    break;
            }
        }
        return terms.Count == 0 ? null : new ZonePredicate(terms);
    }

    private static ZoneOp? Op(string name) => name switch
    {
        "=" => ZoneOp.Equal,
        "<>" => ZoneOp.NotEqual,
        "<" => ZoneOp.Less,
        "<=" => ZoneOp.LessOrEqual,
        ">" => ZoneOp.Greater,
        ">=" => ZoneOp.GreaterOrEqual,
        _ => null,
    };

    private static ZoneOp Flip(ZoneOp op) => op switch
    {
        ZoneOp.Less => ZoneOp.Greater,
        ZoneOp.LessOrEqual => ZoneOp.GreaterOrEqual,
        ZoneOp.Greater => ZoneOp.Less,
        ZoneOp.GreaterOrEqual => ZoneOp.LessOrEqual,
        _ => op,
    };
}
