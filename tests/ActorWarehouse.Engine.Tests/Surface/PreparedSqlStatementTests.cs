using ActorWarehouse.Engine.Errors;
using static ActorWarehouse.Engine.Tests.Surface.SurfaceTestHelper;

namespace ActorWarehouse.Engine.Tests.Surface;

public sealed class PreparedSqlStatementTests : IDisposable
{
    private readonly Warehouse _warehouse = Warehouse.OpenInMemory();
    private readonly Session _session;

    public PreparedSqlStatementTests()
    {
        _session = _warehouse.OpenSession();
        _session.Execute("create table item (id int not null, name varchar(20), price decimal(10,2))");
        _session.Execute("insert into item values (1, 'apple', 1.50), (2, 'pear', 2.25), (3, 'plum', null)");
    }

    [Fact]
    public void Prepare_answers_PREPARE_and_execute_answers_the_inner_statement_tag_and_rows()
    {
        var prepared = _session.Execute("prepare by_id (integer) as select name, price from item where id = $1")[0];
        Assert.Equal("PREPARE", prepared.CommandTag);
        var result = _session.Execute("execute by_id (2)")[0];
        Assert.Equal("SELECT 1", result.CommandTag);
        Assert.Equal(["name", "price"], result.Columns.Select(c => c.Name));
        Assert.Equal(["pear|2.25"], Rows(result));
    }

    [Fact]
    public void A_prepared_statement_runs_again_with_other_arguments()
    {
        _session.Execute("prepare cheaper (decimal(10,2)) as select id from item where price < $1 order by id");
        Assert.Equal(["1"], Rows(_session, "execute cheaper (2)"));
        Assert.Equal(["1", "2"], Rows(_session, "execute cheaper (10.5)"));
        Assert.Empty(Rows(_session, "execute cheaper (0)"));
    }

    [Fact]
    public void Parameter_types_are_inferred_when_not_declared_and_arguments_may_be_expressions()
    {
        _session.Execute("prepare pick as select name from item where id = $1");
        Assert.Equal(["plum"], Rows(_session, "execute pick (1 + 2)"));
        Assert.Equal(["apple"], Rows(_session, "execute pick ('1')"));
        Assert.Equal(["pear"], Rows(_session, "execute pick (cast('2' as bigint))"));
    }

    [Fact]
    public void A_null_argument_is_a_sql_null()
    {
        _session.Execute("prepare echo (varchar) as select coalesce($1, 'none')");
        Assert.Equal(["none"], Rows(_session, "execute echo (null)"));
        Assert.Equal(["x"], Rows(_session, "execute echo ('x')"));
    }

    [Fact]
    public void A_statement_without_parameters_executes_without_arguments()
    {
        _session.Execute("prepare total as select count(*) from item");
        Assert.Equal(["3"], Rows(_session, "execute total"));
    }

    [Fact]
    public void Insert_update_and_delete_run_through_execute_with_their_own_tags()
    {
        _session.Execute("prepare add_item (int, varchar, decimal(10,2)) as insert into item values ($1, $2, $3)");
        Assert.Equal("INSERT 0 1", _session.Execute("execute add_item (4, 'fig', 3.10)")[0].CommandTag);
        Assert.Equal("INSERT 0 1", _session.Execute("execute add_item (5, 'kiwi', null)")[0].CommandTag);
        _session.Execute("prepare rename (int, varchar) as update item set name = $2 where id = $1");
        Assert.Equal("UPDATE 1", _session.Execute("execute rename (4, 'date')")[0].CommandTag);
        _session.Execute("prepare remove (int) as delete from item where id = $1");
        Assert.Equal("DELETE 1", _session.Execute("execute remove (5)")[0].CommandTag);
        Assert.Equal(["4|date|3.10"], Rows(_session, "select id, name, price from item where id >= 4"));
    }

    [Fact]
    public void Prepare_and_execute_work_in_one_simple_query_like_psycopg2_sends_them()
    {
        var results = _session.Execute("prepare clients_py_plan (integer) as select $1 * 2 as doubled; execute clients_py_plan (21)");
        Assert.Equal(["PREPARE", "SELECT 1"], results.Select(r => r.CommandTag));
        Assert.Equal(["42"], Rows(results[1]));
        Assert.Equal(["14"], Rows(_session, "execute clients_py_plan (7)"));
    }

    [Fact]
    public void Preparing_a_name_twice_is_42P05()
    {
        _session.Execute("prepare twice as select 1");
        var e = Assert.Throws<SqlException>(() => _session.Execute("prepare twice as select 2"));
        Assert.Equal("42P05", e.SqlState);
        Assert.Equal("prepared statement \"twice\" already exists", e.Message);
    }

    [Fact]
    public void Executing_or_deallocating_an_unknown_name_is_26000()
    {
        var execute = Assert.Throws<SqlException>(() => _session.Execute("execute nothing (1)"));
        Assert.Equal("26000", execute.SqlState);
        Assert.Equal("prepared statement \"nothing\" does not exist", execute.Message);
        Assert.Equal("26000", Assert.Throws<SqlException>(() => _session.Execute("deallocate nothing")).SqlState);
    }

    [Fact]
    public void A_wrong_argument_count_is_42601_with_the_expected_count_in_the_detail()
    {
        _session.Execute("prepare two (int, int) as select $1 + $2");
        var e = Assert.Throws<SqlException>(() => _session.Execute("execute two (1)"));
        Assert.Equal(SqlState.SyntaxError, e.SqlState);
        Assert.Equal("wrong number of parameters for prepared statement \"two\"", e.Message);
        Assert.Equal("Expected 2 parameters but got 1.", e.Detail);
        Assert.Equal(SqlState.SyntaxError, Assert.Throws<SqlException>(() => _session.Execute("execute two (1, 2, 3)")).SqlState);
    }

    [Fact]
    public void An_argument_that_does_not_convert_to_the_parameter_type_fails_with_the_cast_error()
    {
        _session.Execute("prepare num (int) as select $1");
        var e = Assert.Throws<SqlException>(() => _session.Execute("execute num ('abc')"));
        Assert.Equal("22P02", e.SqlState);
    }

    [Fact]
    public void Deallocate_removes_one_name_and_deallocate_all_removes_every_name()
    {
        _session.Execute("prepare a1 as select 1; prepare a2 as select 2; prepare a3 as select 3");
        Assert.Equal("DEALLOCATE", _session.Execute("deallocate a1")[0].CommandTag);
        Assert.Equal("26000", Assert.Throws<SqlException>(() => _session.Execute("execute a1")).SqlState);
        Assert.Equal(["2"], Rows(_session, "execute a2"));
        Assert.Equal("DEALLOCATE", _session.Execute("deallocate prepare a2")[0].CommandTag);
        Assert.Equal("DEALLOCATE ALL", _session.Execute("deallocate all")[0].CommandTag);
        Assert.Equal("26000", Assert.Throws<SqlException>(() => _session.Execute("execute a3")).SqlState);
        Assert.Equal("PREPARE", _session.Execute("prepare a3 as select 33")[0].CommandTag);
    }

    [Fact]
    public void Prepared_names_belong_to_their_session()
    {
        _session.Execute("prepare mine as select 1");
        using var other = _warehouse.OpenSession();
        Assert.Equal("26000", Assert.Throws<SqlException>(() => other.Execute("execute mine")).SqlState);
        Assert.Equal("PREPARE", other.Execute("prepare mine as select 2")[0].CommandTag);
        Assert.Equal(["1"], Rows(_session, "execute mine"));
    }

    [Fact]
    public void A_prepared_statement_survives_the_rollback_of_its_transaction_and_sees_later_rows()
    {
        _session.Execute("begin; prepare count_items as select count(*) from item; rollback");
        _session.Execute("insert into item values (9, 'lime', 1)");
        Assert.Equal(["4"], Rows(_session, "execute count_items"));
    }

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }
}
