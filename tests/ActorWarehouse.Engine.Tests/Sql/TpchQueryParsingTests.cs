using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Sql;

public sealed class TpchQueryParsingTests
{
    public static TheoryData<int> QueryNumbers()
    {
        var data = new TheoryData<int>();
        for (int i = 1; i <= 22; i++)
        {
            data.Add(i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(QueryNumbers))]
    public void Each_tpch_query_parses_into_one_select_statement(int number)
    {
        string path = Path.Combine(SharedCorpus.TpchQueries, $"q{number:00}.sql");
        string sql = File.ReadAllText(path);

        var statements = SqlParser.Parse(sql);

        var statement = Assert.Single(statements);
        Assert.IsType<SelectStatement>(statement);
        Assert.Equal(sql.TrimEnd().TrimEnd(';').TrimEnd().Length - statement.Position, statement.Length);
    }

    [Fact]
    public void Q1_date_minus_interval_keeps_its_typed_operands()
    {
        string sql = File.ReadAllText(Path.Combine(SharedCorpus.TpchQueries, "q01.sql"));

        var select = (SelectQuery)((SelectStatement)SqlParser.Parse(sql)[0]).Query.Body;

        var where = Assert.IsType<BinaryExpr>(select.Where);
        Assert.Equal(BinaryOperator.LessOrEqual, where.Operator);
        var minus = Assert.IsType<BinaryExpr>(where.Right);
        Assert.Equal(BinaryOperator.Subtract, minus.Operator);
        var date = Assert.IsType<TypedLiteral>(minus.Left);
        Assert.Equal("1998-12-01", date.Text);
        var interval = Assert.IsType<IntervalLiteral>(minus.Right);
        Assert.Equal(new Interval(0, 90, 0), interval.Value);
        Assert.Equal(2, select.GroupBy.Count);
        Assert.Equal(10, select.Items.Count);
    }

    [Fact]
    public void Q15_parses_its_common_table_expression_with_a_column_list()
    {
        string sql = File.ReadAllText(Path.Combine(SharedCorpus.TpchQueries, "q15.sql"));

        var query = ((SelectStatement)SqlParser.Parse(sql)[0]).Query;

        var cte = Assert.Single(query.With!.Ctes);
        Assert.Equal("revenue0", cte.Name);
        Assert.Equal(["supplier_no", "total_revenue"], cte.Columns!);
    }
}
