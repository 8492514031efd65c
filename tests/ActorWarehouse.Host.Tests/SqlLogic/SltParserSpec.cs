using ActorWarehouse.Host.SqlLogic;

namespace ActorWarehouse.Host.Tests.SqlLogic;

public sealed class SltParserSpec
{
    [Fact]
    public void A_query_record_has_types_sort_mode_label_sql_and_expected_lines()
    {
        var records = SltParser.Parse("query IT rowsort label-7\nSELECT a,\n b FROM t\n----\n1\nx\n");
        var query = Assert.IsType<SltQuery>(Assert.Single(records));
        Assert.Equal("IT", query.Types);
        Assert.Equal(SltSortMode.RowSort, query.SortMode);
        Assert.Equal("label-7", query.Label);
        Assert.Equal("SELECT a,\n b FROM t", query.Sql);
        Assert.Equal(["1", "x"], query.ExpectedLines);
        Assert.Equal(1, query.Line);
    }

    [Fact]
    public void Comment_lines_are_dropped_without_ending_the_record()
    {
        var records = SltParser.Parse("statement ok\n# a comment\nCREATE TABLE t(a INT)\n\n\nstatement error\nSELECT\n");
        Assert.Equal(2, records.Count);
        Assert.Equal("CREATE TABLE t(a INT)", Assert.IsType<SltStatement>(records[0]).Sql);
        var error = Assert.IsType<SltStatement>(records[1]);
        Assert.Equal(SltStatementExpectation.Error, error.Expectation);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void Conditions_prefix_a_record_and_only_their_first_two_words_count()
    {
        var records = SltParser.Parse("skipif mysql # not compatible\nonlyif postgresql\nquery I nosort\nSELECT 1\n----\n1\n");
        var query = Assert.IsType<SltQuery>(Assert.Single(records));
        Assert.Equal([new SltCondition(false, "mysql"), new SltCondition(true, "postgresql")], query.Conditions);
        Assert.Equal(3, query.Line);
        Assert.False(query.IsExcludedFor("postgresql"));
        Assert.True(query.IsExcludedFor("mysql"));
    }

    [Fact]
    public void Control_records_are_recognised()
    {
        var records = SltParser.Parse("hash-threshold 0\n\nrequire no_alternative_verify\n\nhalt\n");
        Assert.Equal(0, Assert.IsType<SltHashThreshold>(records[0]).Threshold);
        Assert.Equal(["require", "no_alternative_verify"], Assert.IsType<SltControl>(records[1]).Words);
        Assert.IsType<SltHalt>(records[2]);
    }

    [Fact]
    public void A_statement_error_may_name_a_sqlstate_and_carry_a_message_after_the_separator()
    {
        var records = SltParser.Parse("statement error 22012\nSELECT 1/0\n----\ndivision by zero\n");
        var statement = Assert.IsType<SltStatement>(Assert.Single(records));
        Assert.Equal("22012", statement.ExpectedSqlState);
        Assert.Equal("division by zero", statement.ExpectedMessage);
        Assert.Equal("SELECT 1/0", statement.Sql);
    }

    [Fact]
    public void Carriage_returns_are_tolerated()
    {
        var records = SltParser.Parse("query I\r\nSELECT 1\r\n----\r\n1\r\n");
        Assert.Equal(["1"], Assert.IsType<SltQuery>(Assert.Single(records)).ExpectedLines);
    }

    [Fact]
    public void Labels_keep_only_their_first_twenty_characters()
    {
        var records = SltParser.Parse("query I nosort abcdefghijklmnopqrstuvwxyz\nSELECT 1\n");
        Assert.Equal("abcdefghijklmnopqrst", Assert.IsType<SltQuery>(Assert.Single(records)).Label);
    }
}
