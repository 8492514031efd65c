using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;

namespace ActorWarehouse.Engine.Planning.Optimizer.Rules;

/// <summary>
/// Removes columns nobody reads: scans read only the columns used above them (fewer blocks decoded), projections
/// and aggregates drop unused outputs, and every expression is renumbered to the pruned inputs.
/// </summary>
public sealed class ProjectionPruning : IOptimizerRule
{
    public string Name => "projection_pruning";

    public LogicalPlan Apply(LogicalPlan plan)
    {
        var all = Enumerable.Range(0, plan.Schema.Count).ToHashSet();
        var (pruned, map) = Prune(plan, all);
        // The root keeps every column in order.
        bool identity = pruned.Schema.Count == plan.Schema.Count && map.All(kv => kv.Key == kv.Value);
        if (identity) return pruned;
        var exprs = plan.Schema.Select((c, i) => (BoundExpr)new BoundColumnRef(map[i], c.Type, c.Name)).ToList();
        return new LogicalProject(pruned, exprs, plan.Schema.Select(c => c.Name).ToList()) { EstimatedRows = pruned.EstimatedRows };
    }

    /// <summary>Returns the pruned plan and, for every required old ordinal, its new ordinal.</summary>
    private static (LogicalPlan Plan, Dictionary<int, int> Map) Prune(LogicalPlan plan, HashSet<int> required)
    {
        switch (plan)
        {
            case LogicalScan s:
            {
                var needed = new SortedSet<int>(required);
                if (s.Filter is not null) needed.UnionWith(BoundExprs.Columns(s.Filter));
                if (needed.Count == 0) needed.Add(NarrowestColumn(s));
                var keep = needed.ToList();
                var map = keep.Select((old, i) => (old, i)).ToDictionary(x => x.old, x => x.i);
                var filter = s.Filter is null ? null : BoundExprs.Remap(s.Filter, map);
                return (s with { ColumnOrdinals = keep.Select(o => s.ColumnOrdinals[o]).ToList(), Filter = filter }, map);
            }
            case LogicalFilter f:
            {
                var needed = new HashSet<int>(required);
                needed.UnionWith(BoundExprs.Columns(f.Predicate));
                var (input, map) = Prune(f.Input, needed);
                return (f with { Input = input, Predicate = BoundExprs.Remap(f.Predicate, map) }, map);
            }
            case LogicalProject p:
            {
                var keep = required.Order().ToList();
                if (keep.Count == 0) keep.Add(0);
                var needed = new HashSet<int>();
                foreach (var k in keep) needed.UnionWith(BoundExprs.Columns(p.Expressions[k]));
                var (input, inputMap) = Prune(p.Input, needed);
                var exprs = keep.Select(k => BoundExprs.Remap(p.Expressions[k], inputMap)).ToList();
                var map = keep.Select((old, i) => (old, i)).ToDictionary(x => x.old, x => x.i);
                // A projection that now just passes its input through is dropped.
                if (exprs.Count == input.Schema.Count && exprs.Select((e, i) => e is BoundColumnRef c && c.Ordinal == i).All(x => x)
                    && keep.Select(k => p.Names[k]).SequenceEqual(input.Schema.Select(c => c.Name)))
                    return (input, map);
                return (p with { Input = input, Expressions = exprs, Names = keep.Select(k => p.Names[k]).ToList() }, map);
            }
            case LogicalJoin j:
                return PruneJoin(j, required);
            case LogicalAggregate a:
            {
                int k = a.GroupKeys.Count;
                var keepAggs = Enumerable.Range(0, a.Aggregates.Count).Where(i => required.Contains(k + i)).ToList();
                var needed = new HashSet<int>();
                foreach (var key in a.GroupKeys) needed.UnionWith(BoundExprs.Columns(key));
                foreach (var i in keepAggs)
                {
                    var call = a.Aggregates[i];
                    foreach (var arg in call.Arguments) needed.UnionWith(BoundExprs.Columns(arg));
                    if (call.Filter is not null) needed.UnionWith(BoundExprs.Columns(call.Filter));
                    foreach (var o in call.OrderBy) needed.UnionWith(BoundExprs.Columns(o.Expression));
                }
                var (input, inputMap) = Prune(a.Input, needed);
                var keys = a.GroupKeys.Select(e => BoundExprs.Remap(e, inputMap)).ToList();
                var aggs = keepAggs.Select(i => a.Aggregates[i] with
                {
                    Arguments = a.Aggregates[i].Arguments.Select(e => BoundExprs.Remap(e, inputMap)).ToList(),
                    Filter = a.Aggregates[i].Filter is { } f ? BoundExprs.Remap(f, inputMap) : null,
                    OrderBy = a.Aggregates[i].OrderBy.Select(o => o with { Expression = BoundExprs.Remap(o.Expression, inputMap) }).ToList(),
                }).ToList();
                var map = new Dictionary<int, int>();
                for (int i = 0; i < k; i++) map[i] = i;
                for (int i = 0; i < keepAggs.Count; i++) map[k + keepAggs[i]] = k + i;
                if (a.GroupingSets is not null) map[k + a.Aggregates.Count] = k + keepAggs.Count;
                return (a with
                {
                    Input = input,
                    GroupKeys = keys,
                    Aggregates = aggs,
                    AggregateNames = keepAggs.Select(i => a.AggregateNames[i]).ToList(),
                }, map);
            }
            case LogicalWindow w:
            {
                int inputCount = w.Input.Schema.Count;
                var needed = new HashSet<int>(required.Where(o => o < inputCount));
                foreach (var call in w.Functions)
                {
                    foreach (var e in call.Arguments) needed.UnionWith(BoundExprs.Columns(e));
                    foreach (var e in call.PartitionBy) needed.UnionWith(BoundExprs.Columns(e));
                    foreach (var o in call.OrderBy) needed.UnionWith(BoundExprs.Columns(o.Expression));
                }
                var (input, inputMap) = Prune(w.Input, needed);
                var calls = w.Functions.Select(c => c with
                {
                    Arguments = c.Arguments.Select(e => BoundExprs.Remap(e, inputMap)).ToList(),
                    PartitionBy = c.PartitionBy.Select(e => BoundExprs.Remap(e, inputMap)).ToList(),
                    OrderBy = c.OrderBy.Select(o => o with { Expression = BoundExprs.Remap(o.Expression, inputMap) }).ToList(),
                }).ToList();
                var map = new Dictionary<int, int>(inputMap);
                int newInputCount = input.Schema.Count;
                for (int i = 0; i < w.Functions.Count; i++) map[inputCount + i] = newInputCount + i;
                return (w with { Input = input, Functions = calls }, map);
            }
            case LogicalSort s:
            {
                var needed = new HashSet<int>(required);
                foreach (var key in s.Keys) needed.UnionWith(BoundExprs.Columns(key.Expression));
                var (input, map) = Prune(s.Input, needed);
                return (s with { Input = input, Keys = s.Keys.Select(key => key with { Expression = BoundExprs.Remap(key.Expression, map) }).ToList() }, map);
            }
            case LogicalLimit l:
            {
                var (input, map) = Prune(l.Input, required);
                return (l with { Input = input }, map);
            }
            default:
            {
                // Distinct, set operations, values: every column matters to the result.
                var children = plan.Children.Select(c =>
                {
                    var all = Enumerable.Range(0, c.Schema.Count).ToHashSet();
                    var (pruned, map) = Prune(c, all);
                    return Restore(pruned, map, c.Schema);
                }).ToList();
                var node = children.Count == 0 ? plan : plan.WithChildren(children);
                return (node, Enumerable.Range(0, plan.Schema.Count).ToDictionary(i => i, i => i));
            }
        }
    }

    private static (LogicalPlan, Dictionary<int, int>) PruneJoin(LogicalJoin j, HashSet<int> required)
    {
        int leftCount = j.Left.Schema.Count;
        var leftNeeded = new HashSet<int>(required.Where(o => o < leftCount));
        var rightNeeded = new HashSet<int>();
        bool rightVisible = j.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Right or JoinKind.Full or JoinKind.Single;
        if (rightVisible) rightNeeded.UnionWith(required.Where(o => o >= leftCount).Select(o => o - leftCount));
        foreach (var k in j.LeftKeys) leftNeeded.UnionWith(BoundExprs.Columns(k));
        foreach (var k in j.RightKeys) rightNeeded.UnionWith(BoundExprs.Columns(k));
        if (j.Residual is not null)
            foreach (var o in BoundExprs.Columns(j.Residual))
                if (o < leftCount) leftNeeded.Add(o);
                else rightNeeded.Add(o - leftCount);
        var (left, leftMap) = Prune(j.Left, leftNeeded);
        var (right, rightMap) = Prune(j.Right, rightNeeded);
        int newLeftCount = left.Schema.Count;
        var combined = new Dictionary<int, int>();
        foreach (var (o, n) in leftMap) combined[o] = n;
        foreach (var (o, n) in rightMap) combined[o + leftCount] = n + newLeftCount;
        var join = j with
        {
            Left = left,
            Right = right,
            LeftKeys = j.LeftKeys.Select(e => BoundExprs.Remap(e, leftMap)).ToList(),
            RightKeys = j.RightKeys.Select(e => BoundExprs.Remap(e, rightMap)).ToList(),
            Residual = j.Residual is null ? null : BoundExprs.Remap(j.Residual, combined),
        };
        var map = new Dictionary<int, int>();
        foreach (var (o, n) in leftMap) map[o] = n;
        if (rightVisible)
            foreach (var (o, n) in rightMap) map[o + leftCount] = n + newLeftCount;
        if (j.Kind == JoinKind.Mark) map[leftCount] = newLeftCount;
        return (join, map);
    }

    /// <summary>Projects a pruned child back to exactly its original columns (for parents that need all of them).</summary>
    private static LogicalPlan Restore(LogicalPlan pruned, Dictionary<int, int> map, IReadOnlyList<LogicalColumn> schema)
    {
        bool identity = pruned.Schema.Count == schema.Count && Enumerable.Range(0, schema.Count).All(i => map[i] == i);
        if (identity) return pruned;
        var exprs = schema.Select((c, i) => (BoundExpr)new BoundColumnRef(map[i], c.Type, c.Name)).ToList();
        return new LogicalProject(pruned, exprs, schema.Select(c => c.Name).ToList()) { EstimatedRows = pruned.EstimatedRows };
    }

    private static int NarrowestColumn(LogicalScan s)
    {
        int best = 0, bestWidth = int.MaxValue;
        for (int i = 0; i < s.ColumnOrdinals.Count; i++)
        {
            var type = s.Table.Definition.Columns[s.ColumnOrdinals[i]].Type;
            int width = type.IsString ? 16 : type.Id is Types.TypeId.Boolean ? 1 : type.Id is Types.TypeId.SmallInt ? 2 : type.IsWideDecimal ? 16 : 8;
            if (width < bestWidth) (best, bestWidth) = (i, width);
        }
        return best;
    }
}
