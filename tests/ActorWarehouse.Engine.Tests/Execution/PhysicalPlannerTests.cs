using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Physical;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Execution.TestData;

namespace ActorWarehouse.Engine.Tests.Execution;

public sealed class PhysicalPlannerTests
{
    /// <summary>A stored table (id int, grp text, amount int) with rows i = 0..rows-1, distributed as asked.</summary>
    internal static TableSnapshot Table(string name, int rows, DistStyle style, int distKey = -1, int slices = 2)
    {
        var columns = new List<ColumnDefinition>
        {
            new("id", SqlType.Integer), new("grp", SqlType.Text), new("amount", SqlType.Integer),
        };
        var definition = new TableDefinition(1, "public", name, columns, style, distKey, [], slices);
        var store = new InMemoryBlockStore();
        var layout = definition.ToLayout();
        var writer = new TableWriter(store, layout, TableManifest.Empty(layout));
        for (int start = 0; start < rows; start += 4096)
        {
            int count = Math.Min(4096, rows - start);
            var ids = Enumerable.Range(start, count).Select(i => (int?)i).ToArray();
            writer.Append(Batch(Ints(ids), Texts(ids.Select(i => (string?)$"g{i % 3}").ToArray()), Ints(ids.Select(i => (int?)(i % 10)).ToArray())));
        }
        return new TableSnapshot(definition, writer.Commit(), store);
    }

    private static LogicalScan Scan(TableSnapshot table, BoundExpr? filter = null) =>
        new(table, [0, 1, 2], filter) { EstimatedRows = table.RowCount };

    private static BoundExpr Col(int ordinal, SqlType type) => new BoundColumnRef(ordinal, type, $"c{ordinal}");

    private static BoundExpr Call(string op, BoundExpr a, BoundExpr b) =>
        new BoundFunctionCall(op, FunctionRegistry.ResolveScalar(op, [a.Type, b.Type]), [a, b]);

    private static List<string> Run(LogicalPlan plan, int workers = 2)
    {
        var physical = PhysicalPlanner.Plan(plan);
        var batches = physical.Execute(Context(workers));
        return batches.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(r =>
            string.Join("|", b.Columns.Select(c => Convert.ToString(c.GetBoxed(r), System.Globalization.CultureInfo.InvariantCulture) ?? "NULL")))).ToList();
    }

    [Fact]
    public void Group_by_with_order_by_over_a_stored_table()
    {
        var table = Table("t", 10_000, DistStyle.Even);
        var count = FunctionRegistry.ResolveAggregate("count", [], false);
        var sum = FunctionRegistry.ResolveAggregate("sum", [SqlType.Integer], false);
        var aggregate = new LogicalAggregate(Scan(table), [Col(1, SqlType.Text)], ["grp"],
            [new AggregateCall("count", count, [], false, null, []), new AggregateCall("sum", sum, [Col(2, SqlType.Integer)], false, null, [])],
            ["count", "sum"], null);
        var sorted = new LogicalSort(aggregate, [new Planning.Logical.SortKey(Col(0, SqlType.Text), true, true)]);
        var rows = Run(sorted);
        // ids 0..9999: grp g{i%3}; amount i%10
        var expected = Enumerable.Range(0, 3).Reverse().Select(g =>
        {
            var ids = Enumerable.Range(0, 10_000).Where(i => i % 3 == g).ToList();
            return $"g{g}|{ids.Count}|{ids.Sum(i => i % 10)}";
        }).ToList();
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Scan_filter_is_applied_and_limit_stops_early()
    {
        var table = Table("t", 50_000, DistStyle.Even);
        var filter = Call(">=", Col(0, SqlType.Integer), new BoundLiteral(49_990, SqlType.Integer));
        var plan = new LogicalLimit(new LogicalSort(Scan(table, filter), [new Planning.Logical.SortKey(Col(0, SqlType.Integer), false, false)]), 3, 1);
        Assert.Equal(["49991|g2|1", "49992|g0|2", "49993|g1|3"], Run(plan));
    }

    [Fact]
    public void Join_of_two_key_distributed_tables_is_dist_none_and_correct()
    {
        var orders = Table("orders", 20_000, DistStyle.Key, distKey: 0);
        var items = Table("items", 5_000, DistStyle.Key, distKey: 0);
        var join = new LogicalJoin(Planning.Logical.JoinKind.Inner, Scan(orders), Scan(items), [Col(0, SqlType.Integer)], [Col(0, SqlType.Integer)], null)
        { EstimatedRows = 5_000 };
        var count = FunctionRegistry.ResolveAggregate("count", [], false);
        var plan = new LogicalAggregate(join, [], [], [new AggregateCall("count", count, [], false, null, [])], ["count"], null);
        Assert.Equal(["5000"], Run(plan));
        var physical = PhysicalPlanner.Plan(plan);
        var text = string.Join("\n", physical.Explain());
        Assert.Contains("XN Hash Join DS_DIST_NONE", text, StringComparison.Ordinal);
        Assert.Contains("XN Seq Scan on orders", text, StringComparison.Ordinal);
        Assert.Contains("XN Aggregate", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_against_an_even_small_table_broadcasts_the_inner_side()
    {
        var big = Table("big", 20_000, DistStyle.Even);
        var small = Table("small", 100, DistStyle.Even);
        var join = new LogicalJoin(Planning.Logical.JoinKind.Left, Scan(big), Scan(small), [Col(0, SqlType.Integer)], [Col(0, SqlType.Integer)], null);
        var physical = PhysicalPlanner.Plan(join);
        var lines = physical.Explain();
        Assert.StartsWith("XN Hash Left Join DS_BCAST_INNER  (cost=", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Hash Cond: (\"outer\".c0 = \"inner\".c0)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  ->  XN Seq Scan on big", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  ->  XN Hash", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("        ->  XN Seq Scan on small", StringComparison.Ordinal));
        Assert.Equal(20_000, physical.Execute(Context()).Sum(b => b.RowCount));
    }

    [Fact]
    public void Explain_of_a_sorted_query_shows_merge_network_sort()
    {
        var table = Table("t", 100, DistStyle.Even);
        var plan = new LogicalSort(Scan(table), [new Planning.Logical.SortKey(Col(2, SqlType.Integer), false, false)]);
        var lines = PhysicalPlanner.Plan(plan).Explain();
        Assert.StartsWith("XN Merge  (cost=", lines[0], StringComparison.Ordinal);
        Assert.Equal("  Merge Key: c2", lines[1]);
        Assert.StartsWith("  ->  XN Network", lines[2], StringComparison.Ordinal);
        Assert.Equal("        Send to leader", lines[3]);
        Assert.StartsWith("        ->  XN Sort", lines[4], StringComparison.Ordinal);
        Assert.Matches(@"rows=100 width=40\)$", lines[0]);
        var result = ExplainFormatter.ToResult(PhysicalPlanner.Plan(plan));
        Assert.Equal("QUERY PLAN", result.Columns[0].Name);
        Assert.Equal(lines.Count, result.Batches[0].RowCount);
    }

    [Fact]
    public void Union_removes_duplicates_and_intersect_all_keeps_counts()
    {
        var values = new LogicalValues([new LogicalColumn("x", SqlType.Integer)],
            [[new BoundLiteral(1, SqlType.Integer)], [new BoundLiteral(1, SqlType.Integer)], [BoundLiteral.Null(SqlType.Integer)]]);
        Assert.Equal(2, Run(new LogicalSetOperation(SetOperationKind.Union, false, values, values)).Count);
        Assert.Equal(6, Run(new LogicalSetOperation(SetOperationKind.Union, true, values, values)).Count);
        Assert.Equal(3, Run(new LogicalSetOperation(SetOperationKind.Intersect, true, values, values)).Count);
        Assert.Empty(Run(new LogicalSetOperation(SetOperationKind.Except, false, values, values)));
    }

    [Fact]
    public void Zone_maps_skip_row_groups_that_cannot_match()
    {
        var table = Table("t", 300_000, DistStyle.Even, slices: 1);
        var filter = Call("<", Col(0, SqlType.Integer), new BoundLiteral(10, SqlType.Integer));
        var root = PhysicalPlanner.Plan(Scan(table, filter)).Root;
        var scan = root is PlanGather g ? (PlanScan)g.Input : (PlanScan)root;
        Assert.NotNull(scan.ZonePredicate);
        Assert.Equal(10, Run(Scan(table, filter)).Count);
    }
}
