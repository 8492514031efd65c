using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Tests.Planner;

public sealed class SequenceTests
{
    private static string Scalar(Session session, string sql) => session.Execute(sql)[^1].Batches[0][0].GetBoxed(0)?.ToString() ?? "NULL";

    [Fact]
    public void Sequence_position_survives_reopening_a_persistent_warehouse()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aw-sequences-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var warehouse = Warehouse.Open(folder))
            using (var session = warehouse.OpenSession())
            {
                session.Execute("create sequence ids increment by 10 start with 100; create table t (a int); insert into t values (1), (2), (3)");
                session.Execute("select nextval('ids') from t");
                // Consumed inside a rolled-back transaction: still used up, as in PostgreSQL.
                session.Execute("begin; select nextval('ids'); rollback");
                Assert.Equal("130", Scalar(session, "select currval('ids')"));
            }
            using (var warehouse = Warehouse.Open(folder))
            using (var session = warehouse.OpenSession())
            {
                Assert.Equal(SqlState.ObjectNotInPrerequisiteState, Assert.Throws<SqlException>(() => session.Execute("select currval('ids')")).SqlState);
                Assert.Equal("140", Scalar(session, "select nextval('ids')"));
            }
            using (var warehouse = Warehouse.Open(folder))
            using (var session = warehouse.OpenSession())
            {
                Assert.Equal("150", Scalar(session, "select nextval('ids')"));
                session.Execute("drop sequence ids");
            }
            using (var warehouse = Warehouse.Open(folder))
            using (var session = warehouse.OpenSession())
            {
                Assert.Equal(SqlState.UndefinedTable, Assert.Throws<SqlException>(() => session.Execute("select nextval('ids')")).SqlState);
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Sequence_created_and_used_inside_a_transaction_keeps_its_position_after_commit()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aw-sequences-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var warehouse = Warehouse.Open(folder))
            using (var session = warehouse.OpenSession())
            {
                session.Execute("begin; create sequence s; select nextval('s'); select nextval('s'); commit");
            }
            using (var warehouse = Warehouse.Open(folder))
            using (var session = warehouse.OpenSession())
            {
                Assert.Equal("3", Scalar(session, "select nextval('s')"));
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Sessions_share_a_sequence_but_each_has_its_own_currval()
    {
        using var warehouse = Warehouse.OpenInMemory();
        using var first = warehouse.OpenSession();
        using var second = warehouse.OpenSession();
        first.Execute("create sequence s");
        Assert.Equal("1", Scalar(first, "select nextval('s')"));
        Assert.Equal("2", Scalar(second, "select nextval('s')"));
        Assert.Equal("1", Scalar(first, "select currval('s')"));
        Assert.Equal("2", Scalar(second, "select currval('s')"));
    }

    [Fact]
    public void Nextval_fills_a_large_insert_with_distinct_consecutive_values()
    {
        using var warehouse = Warehouse.OpenInMemory();
        using var session = warehouse.OpenSession();
        session.Execute("create sequence s; create table src (x int); insert into src select g from generate_series(1, 10000) g");
        session.Execute("create table dst (id bigint); insert into dst select nextval('s') from src");
        Assert.Equal("10000|1|10000", string.Join("|", Scalar(session, "select count(distinct id) from dst"),
            Scalar(session, "select min(id) from dst"), Scalar(session, "select max(id) from dst")));
    }
}
