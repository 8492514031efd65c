using ActorWarehouse.Engine.Errors;
using static ActorWarehouse.Engine.Tests.Surface.SurfaceTestHelper;

namespace ActorWarehouse.Engine.Tests.Surface;

/// <summary>PostgreSQL's implicit transaction block around a multi-statement simple query (or an extended batch up to Sync).</summary>
public sealed class ImplicitTransactionTests : IDisposable
{
    private readonly Warehouse _warehouse = Warehouse.OpenInMemory();
    private readonly Session _session;
    private readonly Session _observer;

    public ImplicitTransactionTests()
    {
        _session = _warehouse.OpenSession();
        _observer = _warehouse.OpenSession();
        _session.Execute("create table t (a int)");
    }

    /// <summary>Runs a simple query the way the wire server does: one implicit block, stop at the first error.</summary>
    private Exception? RunSimpleQuery(string sql)
    {
        _session.BeginImplicitTransaction();
        try
        {
            foreach (var statement in _session.ParseStatements(sql)) _session.Execute(statement, [], null, CancellationToken.None);
        }
        catch (SqlException e)
        {
            _session.EndImplicitTransaction(success: false);
            return e;
        }
        _session.EndImplicitTransaction(success: true);
        return null;
    }

    [Fact]
    public void An_error_in_a_later_statement_undoes_the_earlier_ones()
    {
        Assert.NotNull(RunSimpleQuery("insert into t values (1); create table u (b int); select 1/0"));
        Assert.Equal(["0"], Rows(_observer, "select count(*) from t"));
        Assert.ThrowsAny<SqlException>(() => _observer.Execute("select * from u"));
        Assert.False(_session.InTransaction);
    }

    [Fact]
    public void A_successful_block_commits_once_at_its_end()
    {
        _session.BeginImplicitTransaction();
        foreach (var statement in _session.ParseStatements("insert into t values (1); insert into t values (2)"))
            _session.Execute(statement, [], null, CancellationToken.None);
        Assert.Equal(["0"], Rows(_observer, "select count(*) from t"));
        _session.EndImplicitTransaction(success: true);
        Assert.Equal(["2"], Rows(_observer, "select count(*) from t"));
    }

    [Fact]
    public void Begin_inside_the_block_leaves_an_explicit_transaction_open_with_the_earlier_work()
    {
        Assert.Null(RunSimpleQuery("insert into t values (1); begin; insert into t values (2)"));
        Assert.True(_session.InTransaction);
        Assert.Equal(["0"], Rows(_observer, "select count(*) from t"));
        _session.Execute("commit");
        Assert.Equal(["2"], Rows(_observer, "select count(*) from t"));
    }

    [Fact]
    public void Commit_inside_the_block_ends_it()
    {
        Assert.NotNull(RunSimpleQuery("insert into t values (1); commit; select 1/0"));
        Assert.Equal(["1"], Rows(_observer, "select count(*) from t"));
    }

    [Fact]
    public void Inside_an_explicit_transaction_the_block_changes_nothing()
    {
        _session.Execute("begin");
        Assert.Null(RunSimpleQuery("insert into t values (1)"));
        Assert.True(_session.InTransaction);
        _session.Execute("rollback");
        Assert.Equal(["0"], Rows(_observer, "select count(*) from t"));
    }

    public void Dispose()
    {
        _observer.Dispose();
        _session.Dispose();
        _warehouse.Dispose();
    }
}
