using ActorWarehouse.Engine.Errors;

namespace ActorWarehouse.Engine.Tests.Planner;

public sealed class TransactionTests
{
    [Fact]
    public void Rollback_discards_the_transactions_changes()
    {
        using var db = new SqlTestHelper();
        db.Run("create table t (a int); insert into t values (1)");
        db.Run("begin; insert into t values (2); delete from t where a = 1");
        Assert.Equal(["2"], db.Rows("select a from t"));
        db.Run("rollback");
        Assert.Equal(["1"], db.Rows("select a from t"));
    }

    [Fact]
    public void Other_sessions_see_changes_only_after_commit()
    {
        using var db = new SqlTestHelper();
        using var other = db.Warehouse.OpenSession();
        db.Run("create table t (a int); begin; insert into t values (1)");
        Assert.Equal("SELECT 0", other.Execute("select * from t")[0].CommandTag);
        db.Run("commit");
        Assert.Equal("SELECT 1", other.Execute("select * from t")[0].CommandTag);
    }

    [Fact]
    public void Concurrent_writers_of_one_table_abort_the_later_committer_with_40001()
    {
        using var db = new SqlTestHelper();
        using var other = db.Warehouse.OpenSession();
        db.Run("create table t (a int)");
        db.Run("begin; insert into t values (1)");
        other.Execute("begin; insert into t values (2)");
        db.Run("commit");
        var error = Assert.Throws<SqlException>(() => other.Execute("commit"));
        Assert.Equal(SqlState.SerializationFailure, error.SqlState);
        Assert.Equal(["1"], db.Rows("select a from t"));
    }

    [Fact]
    public void Writers_of_different_tables_both_commit()
    {
        using var db = new SqlTestHelper();
        using var other = db.Warehouse.OpenSession();
        db.Run("create table t (a int); create table u (a int)");
        db.Run("begin; insert into t values (1)");
        other.Execute("begin; insert into u values (2)");
        db.Run("commit");
        other.Execute("commit");
        Assert.Equal(["1|2"], db.Rows("select (select a from t), (select a from u)"));
    }

    [Fact]
    public void A_failed_statement_aborts_the_transaction_until_rollback()
    {
        using var db = new SqlTestHelper();
        db.Run("create table t (a int); begin; insert into t values (1)");
        db.Error("select nope from t");
        Assert.Equal(SqlState.InFailedSqlTransaction, db.Error("select 1").SqlState);
        Assert.Equal("ROLLBACK", db.Run("commit")[0].CommandTag);
        Assert.Empty(db.Rows("select a from t"));
    }

    [Fact]
    public void Persistent_warehouse_keeps_committed_data_across_reopen()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aw-planner-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var warehouse = Warehouse.Open(folder))
            using (var session = warehouse.OpenSession())
            {
                session.Execute("create table t (a int, b varchar(5)) sortkey(a); insert into t values (2, 'b'), (1, 'a'); create view v as select b from t");
                session.Execute("begin; insert into t values (3, 'c')");
            }
            using (var warehouse = Warehouse.Open(folder))
            using (var session = warehouse.OpenSession())
            {
                var result = session.Execute("select count(*), min(a), max(a) from t")[0];
                Assert.Equal(2L, result.Batches[0][0].GetBoxed(0));
                Assert.Equal("SELECT 2", session.Execute("select * from v")[0].CommandTag);
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Temporary_tables_are_dropped_when_their_session_ends()
    {
        using var db = new SqlTestHelper();
        using (var session = db.Warehouse.OpenSession())
        {
            session.Execute("create temp table scratch (a int); insert into scratch values (1)");
            Assert.Equal("SELECT 1", session.Execute("select * from scratch")[0].CommandTag);
        }
        Assert.Equal(SqlState.UndefinedTable, db.Error("select * from scratch").SqlState);
    }
}
