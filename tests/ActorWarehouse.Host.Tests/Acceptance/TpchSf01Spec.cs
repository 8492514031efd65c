namespace ActorWarehouse.Host.Tests.Acceptance;

[Trait("Category", "Tpch")]
public sealed class TpchSf01Spec(TpchSf01Fixture fixture) : IClassFixture<TpchSf01Fixture>
{
    public static TheoryData<string> Queries => TpchAnswers.QueryNames();

    [Fact]
    public void Lineitem_loads_all_rows()
    {
        fixture.EnsureLoaded();
        Assert.Equal(600_572, fixture.Loads.Single(l => l.Table == "lineitem").Rows);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Query_matches_the_reference_answer(string query) => TpchAnswers.AssertMatchesReference(fixture, query);
}
