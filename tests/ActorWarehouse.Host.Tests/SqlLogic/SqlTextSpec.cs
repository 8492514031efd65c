using ActorWarehouse.Host.SqlLogic;

namespace ActorWarehouse.Host.Tests.SqlLogic;

public sealed class SqlTextSpec
{
    [Theory]
    [InlineData("SELECT a FROM t ORDER BY a", true)]
    [InlineData("SELECT a FROM t order\n  by 1 LIMIT 3", true)]
    [InlineData("SELECT row_number() OVER (ORDER BY a) FROM t", false)]
    [InlineData("SELECT * FROM (SELECT a FROM t ORDER BY a) s", false)]
    [InlineData("SELECT 'ORDER BY' FROM t", false)]
    [InlineData("SELECT a FROM t -- ORDER BY a", false)]
    [InlineData("SELECT a AS \"order\" FROM t", false)]
    public void Top_level_order_by_is_found_outside_parentheses_strings_and_comments(string sql, bool expected) =>
        Assert.Equal(expected, SqlText.HasTopLevelOrderBy(sql));
}
