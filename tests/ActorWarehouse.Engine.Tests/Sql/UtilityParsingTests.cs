using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class UtilityParsingTests
{
    [Theory]
    [InlineData("begin", TransactionAction.Begin)]
    [InlineData("BEGIN TRANSACTION", TransactionAction.Begin)]
    [InlineData("begin work", TransactionAction.Begin)]
    [InlineData("start transaction", TransactionAction.Begin)]
    [InlineData("commit", TransactionAction.Commit)]
    [InlineData("commit work", TransactionAction.Commit)]
    [InlineData("end", TransactionAction.Commit)]
    [InlineData("end transaction", TransactionAction.Commit)]
    [InlineData("rollback", TransactionAction.Rollback)]
    [InlineData("abort", TransactionAction.Rollback)]
    public void Transaction_verbs_map_to_actions(string sql, TransactionAction action)
    {
        Assert.Equal(action, Statement<TransactionStatement>(sql).Action);
    }

    [Fact]
    public void Begin_records_isolation_level_and_access_mode()
    {
        var begin = Statement<TransactionStatement>("begin isolation level read committed read only");
        Assert.Equal("read committed", begin.IsolationLevel);
        Assert.True(begin.ReadOnly);
        Assert.Equal("serializable", Statement<TransactionStatement>("start transaction isolation level serializable").IsolationLevel);
        Assert.Equal("0A000", Error("rollback to savepoint a").SqlState);
    }

    [Fact]
    public void Set_forms_are_normalized()
    {
        var set = Statement<SetStatement>("SET search_path TO public, \"$user\"");
        Assert.Equal("search_path", set.Name);
        Assert.Equal(["public", "$user"], set.Values);
        Assert.False(set.Local);

        var equals = Statement<SetStatement>("set session statement_timeout = 5000");
        Assert.Equal(["5000"], equals.Values);

        var local = Statement<SetStatement>("set local datestyle to 'ISO, MDY'");
        Assert.True(local.Local);
        Assert.Equal(["ISO, MDY"], local.Values);

        var zone = Statement<SetStatement>("set time zone 'UTC'");
        Assert.Equal("timezone", zone.Name);
        Assert.Equal(["UTC"], zone.Values);

        Assert.True(Statement<SetStatement>("set time zone default").ToDefault);
        Assert.True(Statement<SetStatement>("set enable_result_cache_for_session to default").ToDefault);
        Assert.Equal(["-5"], Statement<SetStatement>("set extra_float_digits = -5").Values);
        Assert.Equal("transaction_isolation", Statement<SetStatement>("set transaction isolation level serializable").Name);
        var readOnly = Statement<SetStatement>("set transaction read only");
        Assert.Equal(("transaction_read_only", "on"), (readOnly.Name, readOnly.Values[0]));
        var characteristics = Statement<SetStatement>("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
        Assert.Equal(("default_transaction_isolation", "read committed"), (characteristics.Name, characteristics.Values[0]));
    }

    [Fact]
    public void Show_and_reset_forms()
    {
        Assert.Equal("search_path", Statement<ShowStatement>("show search_path").Name);
        Assert.Equal("all", Statement<ShowStatement>("show all").Name);
        Assert.Equal("timezone", Statement<ShowStatement>("show time zone").Name);
        Assert.Equal("transaction_isolation", Statement<ShowStatement>("show transaction isolation level").Name);
        Assert.Equal("query_group", Statement<ResetStatement>("reset query_group").Name);
        Assert.Null(Statement<ResetStatement>("reset all").Name);
    }

    [Fact]
    public void Explain_wraps_a_statement()
    {
        var explain = Statement<ExplainStatement>("explain verbose select * from t");
        Assert.True(explain.Verbose);
        Assert.False(explain.Analyze);
        Assert.IsType<SelectStatement>(explain.Statement);
        Assert.True(Statement<ExplainStatement>("explain (analyze, costs off) select 1").Analyze);
        Assert.IsType<InsertStatement>(Statement<ExplainStatement>("explain insert into t select 1").Statement);
        Assert.Equal("42601", Error("explain commit").SqlState);
    }

    [Fact]
    public void Analyze_and_vacuum_forms()
    {
        var analyze = Statement<AnalyzeStatement>("analyze s.t (a, b) predicate columns");
        Assert.Equal("t", analyze.Table!.Name);
        Assert.Equal(["a", "b"], analyze.Columns!);
        Assert.Null(Statement<AnalyzeStatement>("analyze").Table);
        Assert.True(Statement<AnalyzeStatement>("analyze compression t comprows 1000").Compression);

        var vacuum = Statement<VacuumStatement>("vacuum sort only t to 75 percent boost");
        Assert.Equal(VacuumMode.SortOnly, vacuum.Mode);
        Assert.Equal("t", vacuum.Table!.Name);
        Assert.Equal(75, vacuum.ThresholdPercent);
        Assert.True(vacuum.Boost);
        Assert.Equal(VacuumMode.Full, Statement<VacuumStatement>("vacuum").Mode);
        Assert.Equal(VacuumMode.DeleteOnly, Statement<VacuumStatement>("vacuum delete only").Mode);
        Assert.Equal(VacuumMode.Reindex, Statement<VacuumStatement>("vacuum reindex t").Mode);
        Assert.Equal("t", Statement<VacuumStatement>("vacuum (full, analyze) t").Table!.Name);
    }

    [Fact]
    public void Several_statement_kinds_parse_in_one_script()
    {
        var statements = SqlParser.Parse("""
            begin;
            create table t (a int);
            insert into t values (1);
            select * from t;
            commit;
            """);
        Assert.Equal(5, statements.Count);
        Assert.IsType<CreateTableStatement>(statements[1]);
    }
}
