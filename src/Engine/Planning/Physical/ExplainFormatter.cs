using System.Globalization;
using System.Text;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Physical;

/// <summary>
/// Redshift-style EXPLAIN text: one line per operator prefixed "XN", PostgreSQL's indentation ("->" per
/// child), <c>(cost=startup..total rows=N width=W)</c>, join data-movement labels (DS_DIST_NONE,
/// DS_BCAST_INNER, ...), and indented detail lines (Filter, Hash Cond, Sort Key). A final sort appears as
/// XN Merge over XN Network (Send to leader) over XN Sort, as on a cluster.
/// </summary>
public static class ExplainFormatter
{
    public const string ColumnName = "QUERY PLAN";

    public static IReadOnlyList<string> Format(PhysicalPlan plan)
    {
        var lines = new List<string>();
        Visit(plan.Root, 0, lines);
        return lines;
    }

    /// <summary>The plan as a one-column result ("QUERY PLAN", text), one row per line.</summary>
    public static QueryResult ToResult(PhysicalPlan plan)
    {
        var lines = Format(plan);
        var values = lines.ToArray();
        var column = StringVector.FromStrings(SqlType.Text, values);
        return new QueryResult($"EXPLAIN", [new ResultColumn(ColumnName, SqlType.Text)], [new Batch([column], values.Length)], values.Length);
    }

    private static void Visit(PhysicalNode node, int depth, List<string> lines)
    {
        switch (node)
        {
            case PlanExchange exchange:
                Visit(exchange.Input, depth, lines);
                return;
            case PlanProject project:
                Visit(project.Input, depth, lines);
                return;
            case PlanSort sort:
                string keys = string.Join(", ", sort.KeyTexts);
                Line(node, "Merge", depth, lines, [$"Merge Key: {keys}"]);
                Line(node, "Network", depth + 1, lines, ["Send to leader"]);
                Line(node, sort.ExplainLabel, depth + 2, lines, sort.ExplainDetails);
                Visit(sort.Input, depth + 3, lines);
                return;
            case PlanHashJoin join:
                Line(node, node.ExplainLabel, depth, lines, node.ExplainDetails);
                Visit(join.Probe, depth + 1, lines);
                if (join.IsNestedLoop)
                {
                    Visit(join.Build, depth + 1, lines);
                }
                else
                {
                    Line(join.Build, "Hash", depth + 1, lines, []);
                    Visit(join.Build, depth + 2, lines);
                }
                return;
            default:
                Line(node, node.ExplainLabel, depth, lines, node.ExplainDetails);
                foreach (var child in node.Children) Visit(child, depth + 1, lines);
                return;
        }
    }

    private static void Line(PhysicalNode node, string label, int depth, List<string> lines, IEnumerable<string> details)
    {
        var text = new StringBuilder();
        if (depth > 0) text.Append(' ', 6 * (depth - 1) + 2).Append("->  ");
        text.Append("XN ").Append(label).Append("  (cost=")
            .Append(Cost(node.StartupCost)).Append("..").Append(Cost(Math.Max(node.StartupCost, node.TotalCost)))
            .Append(" rows=").Append(((long)Math.Round(node.EstimatedRows)).ToString(CultureInfo.InvariantCulture))
            .Append(" width=").Append(node.Width.ToString(CultureInfo.InvariantCulture)).Append(')');
        lines.Add(text.ToString());
        string indent = new(' ', depth == 0 ? 2 : 6 * depth + 2);
        foreach (var detail in details) lines.Add(indent + detail);
    }

    private static string Cost(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
