using System.Globalization;
using ActorWarehouse.Host.Bench;
using ActorWarehouse.Host.Cli.Output;

namespace ActorWarehouse.Host.Tests.Acceptance;

/// <summary>
/// Q1 and Q6 with other valid substitution parameters (spec clause 2.4: Q1 DELTA in [60, 120], Q6 DATE the
/// first of January of 1993..1997, DISCOUNT 0.02..0.09, QUANTITY 24..25), checked against an oracle that
/// evaluates them straight from the .tbl data.
/// </summary>
[Trait("Category", "Tpch")]
[Collection(TpchSf001Collection.Name)]
public sealed class TpchOtherParametersSpec(TpchSf001Fixture fixture)
{
    private static readonly Lazy<LineitemOracle> Oracle = new(() => new LineitemOracle(Path.Combine(TestPaths.Tpch, "sf0.01", "lineitem.tbl.gz")));

    [Theory]
    [InlineData(1993, "0.02", 24)]
    [InlineData(1995, "0.07", 25)]
    [InlineData(1997, "0.09", 24)]
    public void Q6_matches_the_oracle(int year, string discount, int quantity)
    {
        fixture.EnsureLoaded();
        string sql = $"""
            select sum(l_extendedprice * l_discount) as revenue
            from lineitem
            where l_shipdate >= date '{year}-01-01'
              and l_shipdate < date '{year}-01-01' + interval '1' year
              and l_discount between {discount} - 0.01 and {discount} + 0.01
              and l_quantity < {quantity}
            """;
        var rows = ResultRows.Text(TimedQuery.Run(fixture.Warehouse, sql));
        decimal expected = Oracle.Value.Q6(new DateOnly(year, 1, 1), decimal.Parse(discount, CultureInfo.InvariantCulture), quantity);
        var row = Assert.Single(rows);
        Assert.True(AnswerComparer.FieldMatches(expected.ToString(CultureInfo.InvariantCulture), row[0]), $"expected {expected}, got {row[0]}");
    }

    [Theory]
    [InlineData(60)]
    [InlineData(120)]
    public void Q1_matches_the_oracle(int delta)
    {
        fixture.EnsureLoaded();
        string sql = TpchQueries.Statement(File.ReadAllText(Path.Combine(TestPaths.Tpch, "queries", "q01.sql")))
            .Replace("interval '90' day", $"interval '{delta}' day", StringComparison.Ordinal);
        Assert.Contains($"interval '{delta}' day", sql, StringComparison.Ordinal);
        var actual = ResultRows.Text(TimedQuery.Run(fixture.Warehouse, sql));
        var expected = Oracle.Value.Q1(delta);
        Assert.Equal(expected.Count, actual.Count);
        for (int r = 0; r < expected.Count; r++)
            for (int c = 0; c < expected[r].Length; c++)
                Assert.True(AnswerComparer.FieldMatches(expected[r][c]!, actual[r][c]), $"row {r + 1} column {c + 1}: expected {expected[r][c]}, got {actual[r][c]}");
    }
}
