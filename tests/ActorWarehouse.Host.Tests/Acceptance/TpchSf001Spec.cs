namespace ActorWarehouse.Host.Tests.Acceptance;

[Trait("Category", "Tpch")]
[Collection(TpchSf001Collection.Name)]
public sealed class TpchSf001Spec(TpchSf001Fixture fixture)
{
    public static TheoryData<string> Queries => TpchAnswers.QueryNames();

    [Fact]
    public void Every_table_loads_with_the_row_count_of_the_spec()
    {
        fixture.EnsureLoaded();
        var expected = new Dictionary<string, long>
        {
            ["region"] = 5, ["nation"] = 25, ["supplier"] = 100, ["customer"] = 1_500,
            ["part"] = 2_000, ["partsupp"] = 8_000, ["orders"] = 15_000, ["lineitem"] = 60_175,
        };
        Assert.Equal(expected, fixture.Loads.ToDictionary(l => l.Table, l => l.Rows));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Query_matches_the_reference_answer(string query) => TpchAnswers.AssertMatchesReference(fixture, query);
}
