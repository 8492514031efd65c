using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Planner;

/// <summary>Compiled SELECT plans are reused by shape, never over changed data, and never when binding read volatile state.</summary>
public sealed class CompiledPlanCacheTests : IDisposable
{
    private readonly SqlTestHelper _sql = new();

    public CompiledPlanCacheTests()
    {
        _sql.Run("create table t (a int, b varchar(10)) distkey (a)");
        _sql.Run("insert into t values (1, 'x'), (2, 'y'), (3, 'z'), (4, null)");
    }

    private Planning.Caching.CompiledPlanCache Cache => _sql.Warehouse.CompiledPlans;

    [Fact]
    public void The_same_select_runs_its_compiled_plan_again()
    {
        Assert.Equal("4", _sql.Scalar("select count(*) from t where b is not null or a > 3"));
        long misses = Cache.Misses, hits = Cache.Hits;
        Assert.Equal("4", _sql.Scalar("select count(*) from t where b is not null or a > 3"));
        Assert.Equal(hits + 1, Cache.Hits);
        Assert.Equal(misses, Cache.Misses);
    }

    [Fact]
    public void A_commit_means_a_new_plan_over_the_new_data()
    {
        Assert.Equal("10", _sql.Scalar("select sum(a) from t"));
        _sql.Run("insert into t values (10, 'w')");
        long hits = Cache.Hits;
        Assert.Equal("20", _sql.Scalar("select sum(a) from t"));
        Assert.Equal(hits, Cache.Hits);
    }

    [Fact]
    public void A_prepared_select_shares_one_plan_across_parameter_values()
    {
        var prepared = _sql.Session.Prepare("select count(*), min(b) from t where a > $1", [SqlType.Integer]);
        string Run(int value)
        {
            var result = _sql.Session.Execute(prepared, [value], null, CancellationToken.None);
            return $"{result.Batches[0][0].GetBoxed(0)}|{result.Batches[0][1].GetBoxed(0) ?? "NULL"}";
        }
        Assert.Equal("3|y", Run(1));
        long hits = Cache.Hits;
        Assert.Equal("1|NULL", Run(3));
        Assert.Equal("0|NULL", Run(4));
        Assert.Equal("4|x", Run(0));
        Assert.Equal(hits + 3, Cache.Hits);
    }

    [Fact]
    public void Statements_needing_their_values_while_binding_still_run()
    {
        var prepared = _sql.Session.Prepare("select a from t order by a limit $1", [SqlType.BigInt]);
        Assert.Equal(2, _sql.Session.Execute(prepared, [2L], null, CancellationToken.None).RowsAffected);
        Assert.Equal(3, _sql.Session.Execute(prepared, [3L], null, CancellationToken.None).RowsAffected);
    }

    [Theory]
    [InlineData("select nextval('s')")]
    [InlineData("select count(*) from pg_catalog.pg_stat_activity")]
    [InlineData("with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select sum(n) from r")]
    [InlineData("select current_database(), version()")]
    public void Selects_whose_binding_reads_volatile_state_are_not_cached(string sql)
    {
        _sql.Run("create sequence s");
        int before = Cache.Count;
        _sql.Rows(sql);
        _sql.Rows(sql);
        Assert.Equal(before, Cache.Count);
    }

    [Fact]
    public void Sequences_keep_advancing()
    {
        _sql.Run("create sequence s");
        Assert.Equal("1", _sql.Scalar("select nextval('s')"));
        Assert.Equal("2", _sql.Scalar("select nextval('s')"));
    }

    [Fact]
    public void A_transaction_block_sees_its_own_writes()
    {
        Assert.Equal("4", _sql.Scalar("select count(*) from t"));
        _sql.Run("begin");
        _sql.Run("insert into t values (5, 'v')");
        Assert.Equal("5", _sql.Scalar("select count(*) from t"));
        _sql.Run("rollback");
        Assert.Equal("4", _sql.Scalar("select count(*) from t"));
    }

    [Fact]
    public void Settings_that_change_binding_change_the_shape()
    {
        _sql.Run("create schema other");
        _sql.Run("create table other.t (a int)");
        Assert.Equal("4", _sql.Scalar("select count(*) from t"));
        _sql.Run("set search_path to other");
        Assert.Equal("0", _sql.Scalar("select count(*) from t"));
    }

    [Fact]
    public void The_cache_keeps_at_most_its_capacity()
    {
        var cache = new Planning.Caching.CompiledPlanCache(capacity: 2);
        var plan = new Planning.Caching.CachedPlan(_sql.Session.PlanSelect("select 1"), []);
        for (int i = 0; i < 5; i++)
            cache.Add(new Planning.Caching.PlanShape($"select {i}", "", 1, "", "u", "d", "", Planning.Physical.PhysicalPlanOptions.Default), plan);
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet(new Planning.Caching.PlanShape("select 4", "", 1, "", "u", "d", "", Planning.Physical.PhysicalPlanOptions.Default), out _));
        Assert.False(cache.TryGet(new Planning.Caching.PlanShape("select 0", "", 1, "", "u", "d", "", Planning.Physical.PhysicalPlanOptions.Default), out _));
    }

    public void Dispose() => _sql.Dispose();
}
