using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Surface.SurfaceTestHelper;

namespace ActorWarehouse.Engine.Tests.Surface;

public sealed class PreparedStatementTests : IDisposable
{
    private readonly Warehouse _warehouse = Warehouse.OpenInMemory();
    private readonly Session _session;

    public PreparedStatementTests()
    {
        _session = _warehouse.OpenSession();
        _session.Execute("create table item (id int not null, name varchar(20), price decimal(10,2), added date)");
        _session.Execute("insert into item values (1, 'apple', 1.50, '2024-01-01'), (2, 'pear', 2.25, '2024-02-01'), (3, null, null, null)");
    }

    [Fact]
    public void ParseStatements_splits_a_simple_query_into_statements_with_their_own_text()
    {
        var statements = _session.ParseStatements("select 1; insert into item values (4, 'x', 1, null) ;  ; show search_path");
        Assert.Equal(["select 1", "insert into item values (4, 'x', 1, null)", "show search_path"], statements.Select(s => s.Sql));
        Assert.Equal(["SELECT", "INSERT", "SHOW"], statements.Select(s => s.CommandName));
        Assert.All(statements, s => Assert.Empty(s.ResultColumns));
    }

    [Fact]
    public void Statements_of_a_simple_query_run_in_order_and_later_ones_see_earlier_ones()
    {
        var statements = _session.ParseStatements("create table later (a int); insert into later values (7); select a from later");
        var results = statements.Select(s => _session.Execute(s, [], null, CancellationToken.None)).ToList();
        Assert.Equal(["CREATE TABLE", "INSERT 0 1", "SELECT 1"], results.Select(r => r.CommandTag));
        Assert.Equal(["7"], Rows(results[2]));
    }

    [Fact]
    public void A_syntax_error_in_ParseStatements_is_42601_with_a_position()
    {
        var e = Assert.Throws<SqlException>(() => _session.ParseStatements("select 1; selec 2"));
        Assert.Equal(SqlState.SyntaxError, e.SqlState);
        Assert.Equal(11, e.Position);
    }

    [Fact]
    public void An_empty_query_prepares_to_a_statement_with_no_command()
    {
        var prepared = _session.Prepare("  ", []);
        Assert.Equal("", prepared.CommandName);
        Assert.Equal("", _session.Execute(prepared, [], null, CancellationToken.None).CommandTag);
        Assert.Empty(_session.ParseStatements(" ; ;"));
    }

    [Fact]
    public void A_parameter_compared_with_a_column_takes_the_column_type()
    {
        var prepared = _session.Prepare("select name from item where id = $1 and price < $2", []);
        Assert.Equal([SqlType.Integer, SqlType.Decimal(10, 2)], prepared.ParameterTypes);
        Assert.Equal([("name", SqlType.Varchar(20))], prepared.ResultColumns.Select(c => (c.Name, c.Type)));
        var result = _session.Execute(prepared, [2, 300L], null, CancellationToken.None);
        Assert.Equal(["pear"], Rows(result));
    }

    [Fact]
    public void Parameter_types_follow_insert_targets_casts_arithmetic_functions_and_limit()
    {
        Assert.Equal([SqlType.Integer, SqlType.Varchar(20), SqlType.Decimal(10, 2), SqlType.Date],
            _session.Prepare("insert into item values ($1, $2, $3, $4)", []).ParameterTypes);
        Assert.Equal([SqlType.BigInt], _session.Prepare("select $1::bigint", []).ParameterTypes);
        Assert.Equal([SqlType.Integer], _session.Prepare("select id + $1 from item", []).ParameterTypes);
        Assert.Equal([SqlType.BigInt], _session.Prepare("select id from item limit $1", []).ParameterTypes);
        Assert.Equal([SqlType.Text], _session.Prepare("select upper($1)", []).ParameterTypes);
        Assert.Equal([SqlType.Text], _session.Prepare("select $1", []).ParameterTypes);
        Assert.Equal([SqlType.Varchar(20), SqlType.Integer], _session.Prepare("update item set name = $1 where id = $2", []).ParameterTypes);
        Assert.Equal([SqlType.Decimal(10, 2)], _session.Prepare("delete from item where price > $1", []).ParameterTypes);
    }

    [Fact]
    public void Declared_parameter_types_win_over_inference()
    {
        var prepared = _session.Prepare("select $1 = id from item where id = 1", [SqlType.BigInt]);
        Assert.Equal([SqlType.BigInt], prepared.ParameterTypes);
        Assert.Equal(["t"], Rows(_session.Execute(prepared, [1L], null, CancellationToken.None)));
    }

    [Fact]
    public void A_prepared_statement_runs_many_times_with_different_values()
    {
        var insert = _session.Prepare("insert into item (id, name) values ($1, $2)", []);
        for (int i = 10; i < 15; i++)
            Assert.Equal("INSERT 0 1", _session.Execute(insert, [i, "n" + i], null, CancellationToken.None).CommandTag);
        var count = _session.Prepare("select count(*) from item where id >= $1", []);
        Assert.Equal(["5"], Rows(_session.Execute(count, [10], null, CancellationToken.None)));
        Assert.Equal(["2"], Rows(_session.Execute(count, [13], null, CancellationToken.None)));
    }

    [Fact]
    public void A_null_parameter_is_sql_null()
    {
        var result = Run(_session, "select count(*) from item where name = $1", [null]);
        Assert.Equal(["0"], Rows(result));
        Assert.Equal(["t"], Rows(Run(_session, "select $1::int is null", [null])));
    }

    [Fact]
    public void The_wrong_number_of_parameter_values_is_a_protocol_violation()
    {
        var prepared = _session.Prepare("select $1::int", []);
        var e = Assert.Throws<SqlException>(() => _session.Execute(prepared, [], null, CancellationToken.None));
        Assert.Equal(SqlState.ProtocolViolation, e.SqlState);
    }

    [Fact]
    public void Prepare_refuses_several_statements()
    {
        var e = Assert.Throws<SqlException>(() => _session.Prepare("select 1; select 2", []));
        Assert.Equal(SqlState.SyntaxError, e.SqlState);
    }

    [Fact]
    public void A_statement_prepared_before_a_catalog_change_is_bound_again()
    {
        var prepared = _session.Prepare("select count(*) from item", []);
        _session.Execute("create table other (x int)");
        Assert.Equal(["3"], Rows(_session.Execute(prepared, [], null, CancellationToken.None)));
        var star = _session.Prepare("select * from other", []);
        _session.Execute("alter table other add column y int");
        var e = Assert.Throws<SqlException>(() => _session.Execute(star, [], null, CancellationToken.None));
        Assert.Equal(SqlState.FeatureNotSupported, e.SqlState);
        Assert.Equal("cached plan must not change result type", e.Message);
    }

    [Fact]
    public void Result_columns_name_the_table_column_they_come_from()
    {
        var prepared = _session.Prepare("select i.name, i.price * 2 as doubled, o.id from item i join item o on o.id = i.id order by 1", []);
        var oid = int.Parse(Rows(_session, "select 'item'::regclass::oid").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([(oid, (short)2), (0, (short)0), (oid, (short)1)], prepared.ResultColumns.Select(c => (c.TableOid, c.ColumnNumber)));
        var executed = _session.Execute(prepared, [], null, CancellationToken.None);
        Assert.Equal(prepared.ResultColumns, executed.Columns);
    }

    [Fact]
    public void Describing_a_statement_does_not_run_it()
    {
        var prepared = _session.Prepare("insert into item (id) values ($1)", []);
        Assert.Empty(prepared.ResultColumns);
        Assert.Equal(["3"], Rows(_session, "select count(*) from item"));
    }

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }
}
