using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Optimizer;
using ActorWarehouse.Engine.Sql.Ast;
using JoinKind = ActorWarehouse.Engine.Planning.Logical.JoinKind;
using ActorWarehouse.Engine.Sql.Parser;

namespace ActorWarehouse.Engine.Tests.Planner;

/// <summary>Decorrelation and optimizer rules, checked on the logical plans they produce.</summary>
public sealed class PlanShapeTests : IDisposable
{
    private readonly SqlTestHelper _db = new();

    public PlanShapeTests()
    {
        _db.Run("create table t (a int, b int); create table u (a int, c int); create table big (a int)");
        _db.Run("insert into big select x from generate_series(1, 500) as g(x); insert into t values (1, 1); insert into u values (1, 1)");
    }

    private LogicalPlan Bind(string sql)
    {
        var statement = (SelectStatement)SqlParser.Parse(sql)[0];
        var context = new BinderContext(_db.Warehouse.Transactions.Current, _db.Warehouse.Blocks, ["public"]);
        return new QueryBinder(context).BindStatementQuery(statement.Query).Plan;
    }

    private static List<LogicalJoin> Joins(LogicalPlan plan) => LogicalPlans.Nodes(plan).OfType<LogicalJoin>().ToList();

    [Fact]
    public void Exists_becomes_a_semi_join_with_the_correlation_as_key()
    {
        var join = Assert.Single(Joins(Bind("select a from t where exists (select 1 from u where u.a = t.a)")));
        Assert.Equal(JoinKind.Semi, join.Kind);
        Assert.Single(join.LeftKeys);
    }

    [Fact]
    public void Not_in_becomes_a_null_aware_anti_join()
    {
        var join = Assert.Single(Joins(Bind("select a from t where a not in (select a from u)")));
        Assert.Equal(JoinKind.NullAwareAnti, join.Kind);
    }

    [Fact]
    public void In_inside_an_or_becomes_a_mark_join()
    {
        var join = Assert.Single(Joins(Bind("select a from t where a in (select a from u) or b = 2")));
        Assert.Equal(JoinKind.Mark, join.Kind);
    }

    [Fact]
    public void Correlated_aggregate_is_grouped_by_the_correlation_key_and_left_joined()
    {
        var plan = Bind("select a from t where b > (select sum(c) from u where u.a = t.a)");
        var join = Assert.Single(Joins(plan));
        Assert.Equal(JoinKind.Left, join.Kind);
        var aggregate = Assert.Single(LogicalPlans.Nodes(join.Right).OfType<LogicalAggregate>());
        Assert.Single(aggregate.GroupKeys);
    }

    [Fact]
    public void Uncorrelated_scalar_subquery_is_a_single_join_without_keys()
    {
        var join = Assert.Single(Joins(Bind("select a from t where b = (select max(c) from u)")));
        Assert.Equal(JoinKind.Single, join.Kind);
        Assert.Empty(join.LeftKeys);
    }

    [Fact]
    public void Comma_join_predicates_become_hash_join_keys_and_filters_reach_the_scans()
    {
        var plan = PlanOptimizer.Optimize(Bind("select t.b from t, u where t.a = u.a and u.c = 1"));
        var join = Assert.Single(Joins(plan));
        Assert.Single(join.LeftKeys);
        Assert.Null(join.Residual);
        Assert.Contains(LogicalPlans.Nodes(plan).OfType<LogicalScan>(), s => s.Filter is not null);
        Assert.DoesNotContain(LogicalPlans.Nodes(plan), n => n is LogicalFilter);
    }

    [Fact]
    public void Join_reordering_joins_the_small_inputs_first_and_streams_the_largest_last()
    {
        _db.Run("create table mid (a int, c int); insert into mid select x, x from generate_series(1, 100) as g(x)");
        // Greedy from the largest input would join big with mid first (100 rows); joining mid with u first keeps 1.
        var plan = PlanOptimizer.Optimize(Bind("select 1 from big, mid, u where big.a = mid.a and mid.c = u.c"));
        var joins = Joins(plan);
        Assert.Equal(2, joins.Count);
        var top = joins[0];
        Assert.Contains(top.Children, c => c is LogicalScan { Table.QualifiedName: "public.big" });
        Assert.DoesNotContain(LogicalPlans.Nodes(joins[1]), n => n is LogicalScan { Table.QualifiedName: "public.big" });
        Assert.All(joins, j => Assert.NotEmpty(j.LeftKeys));
    }

    [Fact]
    public void Or_of_per_table_conditions_adds_a_filter_on_each_table()
    {
        var plan = PlanOptimizer.Optimize(Bind("select 1 from t, u where t.a = u.a and ((t.b = 1 and u.c = 2) or (t.b = 3 and u.c = 4))"));
        var scans = LogicalPlans.Nodes(plan).OfType<LogicalScan>().ToList();
        Assert.Equal(2, scans.Count);
        Assert.All(scans, s => Assert.NotNull(s.Filter));
        Assert.NotNull(Assert.Single(Joins(plan)).Residual);
    }

    [Fact]
    public void Projection_pruning_reads_only_used_columns()
    {
        var plan = PlanOptimizer.Optimize(Bind("select b from t where a = 1"));
        var scan = Assert.Single(LogicalPlans.Nodes(plan).OfType<LogicalScan>());
        Assert.Equal(2, scan.ColumnOrdinals.Count);
        plan = PlanOptimizer.Optimize(Bind("select count(*) from t"));
        Assert.Single(Assert.Single(LogicalPlans.Nodes(plan).OfType<LogicalScan>()).ColumnOrdinals);
    }

    [Fact]
    public void Common_conjuncts_of_or_branches_are_factored_into_join_keys()
    {
        var plan = PlanOptimizer.Optimize(Bind("select 1 from t, u where (t.a = u.a and t.b = 1) or (t.a = u.a and u.c = 2)"));
        Assert.Single(Assert.Single(Joins(plan)).LeftKeys);
    }

    [Fact]
    public void Constant_false_filter_becomes_an_empty_relation()
    {
        var plan = PlanOptimizer.Optimize(Bind("select a from t where 1 = 2"));
        Assert.Contains(LogicalPlans.Nodes(plan), n => n is LogicalEmpty);
    }

    public void Dispose() => _db.Dispose();
}
