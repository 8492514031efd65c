using ActorWarehouse.Engine.Planning.Bound;

namespace ActorWarehouse.Engine.Planning.Logical;

/// <summary>Walks over plan trees: every expression a node holds, and text rendering for tests and debugging.</summary>
public static class LogicalPlans
{
    /// <summary>The expressions held directly by <paramref name="node"/> (not its children's).</summary>
    public static IEnumerable<BoundExpr> Expressions(LogicalPlan node)
    {
        switch (node)
        {
            case LogicalScan s when s.Filter is not null: yield return s.Filter; break;
            case LogicalFilter f: yield return f.Predicate; break;
            case LogicalProject p: foreach (var e in p.Expressions) yield return e; break;
            case LogicalJoin j:
                foreach (var e in j.LeftKeys) yield return e;
                foreach (var e in j.RightKeys) yield return e;
                if (j.Residual is not null) yield return j.Residual;
                break;
            case LogicalAggregate a:
                foreach (var e in a.GroupKeys) yield return e;
                foreach (var call in a.Aggregates)
                {
                    foreach (var e in call.Arguments) yield return e;
                    if (call.Filter is not null) yield return call.Filter;
                    foreach (var k in call.OrderBy) yield return k.Expression;
                }
                break;
            case LogicalWindow w:
                foreach (var call in w.Functions)
                {
                    foreach (var e in call.Arguments) yield return e;
                    foreach (var e in call.PartitionBy) yield return e;
                    foreach (var k in call.OrderBy) yield return k.Expression;
                }
                break;
            case LogicalSort s: foreach (var k in s.Keys) yield return k.Expression; break;
            case LogicalValues v: foreach (var row in v.Rows) foreach (var e in row) yield return e; break;
        }
    }

    /// <summary>All nodes of the tree, parents before children.</summary>
    public static IEnumerable<LogicalPlan> Nodes(LogicalPlan root)
    {
        yield return root;
        foreach (var child in root.Children)
            foreach (var n in Nodes(child))
                yield return n;
    }

    /// <summary>An indented one-node-per-line rendering (used by planner tests).</summary>
    public static string Render(LogicalPlan root)
    {
        var sb = new System.Text.StringBuilder();
        Append(root, 0);
        return sb.ToString();

        void Append(LogicalPlan node, int depth)
        {
            sb.Append(' ', depth * 2).Append(Describe(node)).Append('\n');
            foreach (var child in node.Children) Append(child, depth + 1);
        }
    }

    /// <summary>One line describing a node without its children.</summary>
    public static string Describe(LogicalPlan node) => node switch
    {
        LogicalScan s => $"Scan {s.Table.QualifiedName} [{string.Join(", ", s.ColumnOrdinals.Select(o => s.Table.Definition.Columns[o].Name))}]"
            + (s.Filter is null ? "" : $" filter={s.Filter}"),
        LogicalFilter f => $"Filter {f.Predicate}",
        LogicalProject p => $"Project {string.Join(", ", p.Expressions)}",
        LogicalJoin j => $"Join {j.Kind}" + (j.LeftKeys.Count == 0 ? "" : " keys=" + string.Join(", ", j.LeftKeys.Select((k, i) => $"{k}={j.RightKeys[i]}")))
            + (j.Residual is null ? "" : $" residual={j.Residual}"),
        LogicalAggregate a => $"Aggregate keys=[{string.Join(", ", a.GroupKeys)}] aggs=[{string.Join(", ", a.Aggregates)}]"
            + (a.GroupingSets is null ? "" : $" sets={a.GroupingSets.Count}"),
        LogicalWindow w => $"Window {string.Join(", ", w.Functions)}",
        LogicalSort s => $"Sort {string.Join(", ", s.Keys)}",
        LogicalLimit l => $"Limit {l.Limit?.ToString() ?? "ALL"} offset {l.Offset}",
        LogicalDistinct => "Distinct",
        LogicalSetOperation s => $"{s.Kind}{(s.All ? " All" : "")}",
        LogicalValues v => $"Values rows={v.Rows.Count}",
        LogicalEmpty => "Empty",
        _ => node.GetType().Name,
    };
}
