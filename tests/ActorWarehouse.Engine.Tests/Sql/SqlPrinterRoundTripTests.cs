using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using ActorWarehouse.Engine.Sql.Printing;
using Xunit.Abstractions;

namespace ActorWarehouse.Engine.Tests.Sql;

/// <summary>
/// Printing a parsed query and parsing the text again gives the same tree (compared through its printed
/// form, which is fully parenthesized so any precedence slip shows).
/// </summary>
public sealed class SqlPrinterRoundTripTests(ITestOutputHelper output)
{
    private static string RoundTrip(Query query)
    {
        string printed = SqlPrinter.Print(query);
        var again = Assert.IsType<SelectStatement>(Assert.Single(SqlParser.Parse(printed)));
        return SqlPrinter.Print(again.Query);
    }

    private static Query ParseQuery(string sql) => Assert.IsType<SelectStatement>(SqlParser.ParseSingle(sql)).Query;

    [Theory]
    [InlineData("select a + b * c - d / e % f ^ g from t")]
    [InlineData("select not a and b or c is not null and d between 1 and 2 from t")]
    [InlineData("select -2147483648, -9223372036854775808, 1.50, .5, 1e5, 2.5e-3, 'it''s', E'a\\tb', true, null, $1")]
    [InlineData("select date '2020-01-01', timestamp with time zone '2020-01-01 00:00:00+00', interval '90' day, interval '1 year 2 mons 3 days 04:05:06.5'")]
    [InlineData("select cast(a as numeric(10,2)), a::varchar, a::char, a::bpchar, a::varchar(5), a::double precision, a::real, a::timestamptz")]
    [InlineData("select case a when 1 then 'x' else 'y' end, case when b then 1 end, coalesce(a, b), extract(epoch from ts), ts at time zone 'UTC'")]
    [InlineData("select count(*), count(distinct a), sum(a) filter (where b > 0), listagg(s, ',') within group (order by s desc nulls last), string_agg(s, ',' order by s)")]
    [InlineData("select rank() over w, sum(a) over (partition by b order by c rows between 1 preceding and unbounded following), first_value(a ignore nulls) over (w range between current row and current row) from t window w as (order by d)")]
    [InlineData("select * from a join b on a.x = b.x left join c using (y) natural full join d cross join e, (select 1) s (n), lateral (select 2) l, generate_series(1, 3) g (i), (a join b on true) as j")]
    [InlineData("with recursive r (n) as (select 1 union all select n + 1 from r where n < 3), m as materialized (values (1), (2)) select * from r order by 1 desc limit 2 offset 1")]
    [InlineData("select 1 union select 2 intersect select 3 except all (select 4 order by 1 limit 1)")]
    [InlineData("select a, b, count(*) from t group by grouping sets ((a, b), a, ()), rollup (a, (b, c)), cube (a) having count(*) > 1")]
    [InlineData("select x in (1, 2), x not in (select y from u), exists (select 1), (select max(y) from u), x > all (select y from u), x = any (select y from u), (a, b) = (1, 2)")]
    [InlineData("select x like 'a%' escape '!', x not ilike 'b', x similar to 'c', x is distinct from y, x is not unknown, current_date, sysdate, current_user, user")]
    [InlineData("select substring(s from 2 for 3), position('a' in s), trim(leading 'x' from s), overlay(s placing 'y' from 1), \"Quoted\".\"Col\", s.t.c, t.*, *")]
    public void Printed_queries_parse_back_to_the_same_tree(string sql)
    {
        Query query = ParseQuery(sql);
        Assert.Equal(SqlPrinter.Print(query), RoundTrip(query));
    }

    [Fact]
    public void Printing_makes_precedence_explicit()
    {
        Assert.Equal("(\"a\" + (\"b\" * \"c\"))", SqlPrinter.Print(SqlParser.ParseExpression("a + b * c")));
        Assert.Equal("((NOT \"a\") AND \"b\")", SqlPrinter.Print(SqlParser.ParseExpression("not a and b")));
        Assert.Equal("INTERVAL '0 months 90 days 0 microseconds'", SqlPrinter.Print(SqlParser.ParseExpression("interval '90' day")));
    }

    [Fact]
    public void Every_tpch_query_round_trips()
    {
        for (int i = 1; i <= 22; i++)
        {
            Query query = ParseQuery(File.ReadAllText(Path.Combine(SharedCorpus.TpchQueries, $"q{i:00}.sql")));
            Assert.Equal(SqlPrinter.Print(query), RoundTrip(query));
        }
    }

    [Fact]
    public void Every_sqllogictest_query_round_trips()
    {
        int count = 0;
        int skipped = 0;
        foreach (string file in SqlLogicTestCorpus.Files())
        {
            foreach (SltRecord record in SqlLogicTestCorpus.ReadRecords(file, ref skipped))
            {
                if (record.Kind == "statement error")
                {
                    continue;
                }
                foreach (Statement statement in SqlParser.Parse(record.Sql))
                {
                    Query? query = statement switch
                    {
                        SelectStatement s => s.Query,
                        InsertStatement { Source: { } source } => source,
                        _ => null,
                    };
                    if (query is null)
                    {
                        continue;
                    }
                    string first = SqlPrinter.Print(query);
                    string second = RoundTrip(query);
                    Assert.True(first == second, $"{Path.GetFileName(record.File)}:{record.Line}\n{record.Sql}\n{first}\n{second}");
                    count++;
                }
            }
        }
        output.WriteLine($"{count} queries round-tripped");
        Assert.True(count > 10_000);
    }
}
