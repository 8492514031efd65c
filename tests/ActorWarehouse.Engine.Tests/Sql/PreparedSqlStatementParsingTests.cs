using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Types;
using static ActorWarehouse.Engine.Tests.Sql.ParseHelpers;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class PreparedSqlStatementParsingTests
{
    [Fact]
    public void Prepare_keeps_its_name_types_and_the_inner_statement_with_its_own_text()
    {
        const string sql = "PREPARE Plan1 (integer, varchar(5)) AS select a from t where a = $1 and b = $2";
        var prepare = Statement<PrepareStatement>(sql);
        Assert.Equal("plan1", prepare.Name);
        Assert.Equal([SqlType.Integer, SqlType.Varchar(5)], prepare.ParameterTypes);
        var inner = Assert.IsType<SelectStatement>(prepare.Statement);
        Assert.Equal("select a from t where a = $1 and b = $2", sql.Substring(inner.Position, inner.Length));
    }

    [Fact]
    public void Prepare_without_types_accepts_insert_update_delete_and_values()
    {
        Assert.Empty(Statement<PrepareStatement>("prepare p as insert into t values ($1)").ParameterTypes);
        Assert.IsType<UpdateStatement>(Statement<PrepareStatement>("prepare p as update t set a = $1").Statement);
        Assert.IsType<DeleteStatement>(Statement<PrepareStatement>("prepare p as delete from t where a = $1").Statement);
        Assert.IsType<SelectStatement>(Statement<PrepareStatement>("prepare p as values (1)").Statement);
    }

    [Fact]
    public void Prepare_of_a_non_query_statement_is_a_syntax_error()
    {
        Assert.Equal(SqlState.SyntaxError, Error("prepare p as create table t (a int)").SqlState);
        Assert.Equal(SqlState.SyntaxError, Error("prepare p select 1").SqlState);
    }

    [Fact]
    public void Execute_takes_expressions_as_arguments()
    {
        var execute = Statement<ExecutePreparedStatement>("execute p (1, 'x'::varchar, 2 + 3)");
        Assert.Equal("p", execute.Name);
        Assert.Equal(3, execute.Arguments.Count);
        Assert.IsType<BinaryExpr>(execute.Arguments[2]);
        Assert.Empty(Statement<ExecutePreparedStatement>("execute p").Arguments);
    }

    [Fact]
    public void Deallocate_takes_a_name_or_all_with_optional_prepare()
    {
        Assert.Equal("p", Statement<DeallocateStatement>("deallocate p").Name);
        Assert.Equal("p", Statement<DeallocateStatement>("deallocate prepare p").Name);
        Assert.Null(Statement<DeallocateStatement>("deallocate all").Name);
        Assert.Null(Statement<DeallocateStatement>("DEALLOCATE PREPARE ALL").Name);
    }
}
