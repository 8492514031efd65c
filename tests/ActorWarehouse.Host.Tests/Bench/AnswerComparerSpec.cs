using ActorWarehouse.Host.Bench;

namespace ActorWarehouse.Host.Tests.Bench;

public sealed class AnswerComparerSpec
{
    [Fact]
    public void Numbers_match_within_a_cent_after_rounding_and_text_ignores_trailing_blanks()
    {
        var expected = "name,total,avg\nBrand#13,380456.00,25.58\n";
        Assert.Empty(AnswerComparer.Compare(expected, [["Brand#13   ", "380456", "25.5753"]]));
        Assert.NotEmpty(AnswerComparer.Compare(expected, [["Brand#13", "380456.02", "25.58"]]));
    }

    [Fact]
    public void Row_counts_must_agree()
    {
        var problems = AnswerComparer.Compare("a\n1\n2\n", [["1"]]);
        Assert.Contains("expected 2 rows, got 1", problems);
    }

    [Fact]
    public void A_single_null_value_row_is_an_empty_line()
    {
        Assert.Empty(AnswerComparer.Compare("avg_yearly\n\n", [[null]]));
        Assert.NotEmpty(AnswerComparer.Compare("avg_yearly\n\n", [["12.5"]]));
    }

    [Fact]
    public void Dates_and_text_are_compared_as_text()
    {
        Assert.Empty(AnswerComparer.Compare("d,phone\n1995-03-15,25-989-741-2988\n", [["1995-03-15", "25-989-741-2988"]]));
        Assert.NotEmpty(AnswerComparer.Compare("d\n1995-03-15\n", [["1995-03-16"]]));
    }
}
