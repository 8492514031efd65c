using ActorWarehouse.Engine;
using ActorWarehouse.Host.Cli.Output;

namespace ActorWarehouse.Host.Tests.Acceptance;

/// <summary>The Redshift-like shape of EXPLAIN as the CLI shows it (one "QUERY PLAN" text column).</summary>
public sealed class ExplainShapeSpec : IDisposable
{
    private readonly Warehouse _warehouse = Warehouse.OpenInMemory();
    private readonly Session _session;

    public ExplainShapeSpec()
    {
        _session = _warehouse.OpenSession();
        _session.Execute("create table fact (k integer, d integer, v decimal(8,2)) distkey (k) sortkey (d)");
        _session.Execute("create table dim (d integer, name varchar(10)) diststyle all");
        _session.Execute("insert into fact values (1, 1, 2.00), (2, 2, 3.00)");
        _session.Execute("insert into dim values (1, 'one'), (2, 'two')");
    }

    private List<string> Explain(string sql)
    {
        var result = _session.Execute("explain " + sql)[^1];
        Assert.Equal("QUERY PLAN", Assert.Single(result.Columns).Name);
        return ResultRows.Text(result).Select(r => r[0]!).ToList();
    }

    [Fact]
    public void Every_operator_line_starts_with_XN_and_shows_cost_rows_and_width()
    {
        var lines = Explain("select * from fact where d > 1");
        Assert.StartsWith("XN ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=\d+ width=\d+\)", lines[0]);
        Assert.Contains(lines, l => l.Contains("XN Seq Scan", StringComparison.Ordinal));
    }

    [Fact]
    public void A_join_with_an_all_distributed_table_names_its_data_movement()
    {
        var lines = Explain("select name, sum(v) from fact join dim on fact.d = dim.d group by name");
        Assert.Contains(lines, l => l.Contains("Join", StringComparison.Ordinal) && l.Contains("DS_", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("->  XN ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_final_sort_is_a_merge_over_a_send_to_leader()
    {
        var lines = Explain("select k from fact order by k");
        Assert.StartsWith("XN Merge", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Send to leader", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("XN Sort", StringComparison.Ordinal));
    }

    [Fact]
    public void Constants_in_filters_are_shown_as_the_user_wrote_them_not_in_their_stored_form()
    {
        var lines = Explain("select * from fact where v > 2.50 and d < 3 and cast('2020-02-01' as date) > date '2020-01-31'");
        var filter = Assert.Single(lines, l => l.Contains("Filter:", StringComparison.Ordinal));
        Assert.Contains("2.50", filter, StringComparison.Ordinal);
        Assert.DoesNotContain("250", filter.Replace("2.50", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Date_constants_are_quoted_dates()
    {
        _session.Execute("create table days (day date)");
        var lines = Explain("select * from days where day < date '1995-01-01'");
        Assert.Contains(lines, l => l.Contains("'1995-01-01'::date", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }
}
