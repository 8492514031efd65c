using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Parser;

namespace ActorWarehouse.Engine.Tests.Sql;

/// <summary>
/// Damaged input must end in an <see cref="SqlException"/> (or parse), never in another exception type:
/// every prefix of every TPC-H query and of a statement sampler, and single-token deletions.
/// </summary>
public sealed class ParserRobustnessTests
{
    private static readonly string[] Samples =
    [
        "create table if not exists s.t (a int identity(1,1) encode az64 distkey, b varchar(10) default 'x' not null, primary key (a)) diststyle key sortkey (a)",
        "copy t (a, b) from 'f.csv' with csv quote as '\"' delimiter ',' ignoreheader 1 null as '' maxerror 5 gzip",
        "copy t from stdin with (format csv, header, null '')",
        "insert into t (a, b) values (1, default), (2, E'x\\ny') ",
        "update t x set a = 1 from u where x.a = u.a",
        "delete from t using u where t.a = u.a",
        "with recursive r(n) as (select 1 union all select n + 1 from r) select * from r order by 1 limit 5 offset 1",
        "select sum(x) over (partition by a order by b rows between 1 preceding and current row), listagg(s, ',') within group (order by s) from t group by rollup (a, b)",
        "select case when a then 1 else 2 end, cast(a as numeric(10,2)), a::date, interval '1 day', extract(year from d), trim(both 'x' from s) from t",
        "select * from a left join (b cross join c) on a.x = b.x natural join d where a.y in (select 1) and exists (select 2)",
        "begin; set search_path to public; show all; reset all; analyze t; vacuum sort only t to 90 percent; commit",
        "create or replace view v (a) as select 1 with no schema binding",
        "explain verbose select top 3 * from t minus select * from u",
    ];

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (string sample in Samples)
        {
            data.Add(sample);
        }
        for (int i = 1; i <= 22; i++)
        {
            data.Add(File.ReadAllText(Path.Combine(SharedCorpus.TpchQueries, $"q{i:00}.sql")));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Every_prefix_parses_or_raises_a_sql_exception(string sql)
    {
        SqlParser.Parse(sql);
        for (int length = 0; length < sql.Length; length++)
        {
            AssertParsesOrRaisesSqlException(sql[..length]);
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Dropping_any_word_parses_or_raises_a_sql_exception(string sql)
    {
        string[] words = sql.Split(' ');
        for (int i = 0; i < words.Length; i++)
        {
            AssertParsesOrRaisesSqlException(string.Join(' ', words.Where((_, k) => k != i)));
        }
    }

    private static void AssertParsesOrRaisesSqlException(string sql)
    {
        try
        {
            SqlParser.Parse(sql);
        }
        catch (SqlException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name}: {e.Message}\n{sql}");
        }
    }

    [Theory]
    [InlineData("select {0}1{1}", "(", ")")]
    [InlineData("select {0}1", "- ", "")]
    [InlineData("select {0}true", "not ", "")]
    [InlineData("select * from {0}select 1{1} s", "(", ")")]
    [InlineData("select * from {0}t{1}", "(", ")")]
    [InlineData("select {0}select 1{1}", "(", ")")]
    [InlineData("select {0}(select 1) + 1{1}", "(", ")")]
    public void Nesting_beyond_the_limit_raises_program_limit_exceeded_instead_of_overflowing_the_stack(string template, string open, string close)
    {
        string Nest(int depth) => string.Format(
            System.Globalization.CultureInfo.InvariantCulture, template,
            string.Concat(Enumerable.Repeat(open, depth)), string.Concat(Enumerable.Repeat(close, depth)));

        SqlParser.Parse(Nest(100));
        var e = Assert.Throws<SqlException>(() => SqlParser.Parse(Nest(100_000)));
        Assert.Equal(SqlState.ProgramLimitExceeded, e.SqlState);
        Assert.Equal("stack depth limit exceeded", e.Message);
    }

    [Fact]
    public void Random_token_soup_parses_or_raises_a_sql_exception()
    {
        string[] vocabulary =
        [
            "select", "from", "where", "group", "by", "order", "having", "limit", "offset", "union", "all", "distinct",
            "join", "left", "on", "using", "as", "and", "or", "not", "in", "between", "like", "is", "null", "case",
            "when", "then", "else", "end", "cast", "interval", "'1 day'", "date", "'2020-01-01'", "(", ")", ",", ";",
            ".", "*", "+", "-", "/", "=", "<>", "::", "int", "t", "a", "b", "1", "2.5", "1e3", "$1", "exists",
            "with", "values", "over", "partition", "rows", "preceding", "create", "table", "insert", "into", "copy",
            "delete", "update", "set", "top", "extract", "trim", "substring", "position", "for", "\"Q\"", "E'x\\n'",
        ];
        var random = new Random(20261122);
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(1, 25);
            var sql = string.Join(' ', Enumerable.Range(0, length).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
            AssertParsesOrRaisesSqlException(sql);
        }
    }
}
