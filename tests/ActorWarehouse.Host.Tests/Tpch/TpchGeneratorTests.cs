using System.Globalization;
using ActorWarehouse.Host.Tpch;

namespace ActorWarehouse.Host.Tests.Tpch;

public sealed class TpchGeneratorTests(TpchDataFixture data) : IClassFixture<TpchDataFixture>
{
    private static long Long(string text) => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static long Cents(string text) => (long)Math.Round(decimal.Parse(text, CultureInfo.InvariantCulture) * 100);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("region", 5)]
    [InlineData("nation", 25)]
    [InlineData("supplier", 100)]
    [InlineData("customer", 1_500)]
    [InlineData("part", 2_000)]
    [InlineData("partsupp", 8_000)]
    [InlineData("orders", 15_000)]
    public void Row_counts_at_scale_factor_0_01_are_the_specs(string table, int rows)
    {
        Assert.Equal(rows, data[table].Length);
    }

    [Fact]
    public void Lineitem_has_about_four_lines_per_order_like_dbgen()
    {
        // dbgen's count at SF 0.01 is 60,175; the number of lines per order is random in [1, 7].
        Assert.InRange(data["lineitem"].Length, 60_175 * 97 / 100, 60_175 * 103 / 100);
    }

    [Theory]
    [InlineData("region", 3)]
    [InlineData("nation", 4)]
    [InlineData("supplier", 7)]
    [InlineData("customer", 8)]
    [InlineData("part", 9)]
    [InlineData("partsupp", 5)]
    [InlineData("orders", 9)]
    [InlineData("lineitem", 16)]
    public void Every_row_has_the_tables_columns_and_no_trailing_separator(string table, int columns)
    {
        Assert.All(data[table], row => Assert.Equal(columns, row.Length));
        string text = File.ReadAllText(Path.Combine(data.Directory, table + ".tbl"));
        Assert.DoesNotContain("|\n", text);
        Assert.EndsWith("\n", text);
        Assert.DoesNotContain("\n\n", text);
    }

    [Fact]
    public void The_same_scale_factor_gives_the_same_bytes()
    {
        string again = Path.Combine(Path.GetTempPath(), $"aw-tpch-{Guid.NewGuid():N}");
        try
        {
            TpchGenerator.Generate(TpchDataFixture.ScaleFactor, again);
            foreach (string table in TpchGenerator.TableNames)
                Assert.True(File.ReadAllBytes(Path.Combine(data.Directory, table + ".tbl")).AsSpan()
                    .SequenceEqual(File.ReadAllBytes(Path.Combine(again, table + ".tbl"))), $"{table}.tbl differs");
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Fact]
    public void Order_keys_are_sparse_and_unique()
    {
        var keys = data["orders"].Select(r => Long(r[0])).ToArray();
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.All(keys, k => Assert.InRange(k % 32, 0, 7));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 32, 33], keys.Take(9));
    }

    [Fact]
    public void Lineitems_belong_to_existing_orders_with_line_numbers_from_one()
    {
        var orderKeys = data["orders"].Select(r => Long(r[0])).ToHashSet();
        foreach (var group in data["lineitem"].GroupBy(r => Long(r[0])))
        {
            Assert.Contains(group.Key, orderKeys);
            Assert.Equal(Enumerable.Range(1, group.Count()).Select(i => (long)i), group.Select(r => Long(r[3])));
            Assert.InRange(group.Count(), 1, 7);
        }
        Assert.Equal(orderKeys.Count, data["lineitem"].Select(r => r[0]).Distinct().Count());
    }

    [Fact]
    public void Foreign_keys_reference_existing_rows()
    {
        var partSupp = data["partsupp"].Select(r => (Long(r[0]), Long(r[1]))).ToHashSet();
        Assert.Equal(8_000, partSupp.Count); // (partkey, suppkey) is unique
        Assert.All(data["partsupp"], r => Assert.InRange(Long(r[1]), 1, 100));
        Assert.All(data["lineitem"], r => Assert.Contains((Long(r[1]), Long(r[2])), partSupp));
        Assert.All(data["orders"], r =>
        {
            Assert.InRange(Long(r[1]), 1, 1_500);
            Assert.NotEqual(0, Long(r[1]) % 3);
        });
        Assert.All(data["nation"], r => Assert.InRange(Long(r[2]), 0, 4));
        Assert.All(data["supplier"], r => Assert.InRange(Long(r[3]), 0, 24));
        Assert.All(data["customer"], r => Assert.InRange(Long(r[3]), 0, 24));
    }

    [Fact]
    public void Dates_follow_the_order_ship_commit_and_receipt_rules()
    {
        var start = new DateOnly(1992, 1, 1);
        var end = new DateOnly(1998, 12, 31);
        var orderDates = data["orders"].ToDictionary(r => Long(r[0]), r => Date(r[4]));
        Assert.All(orderDates.Values, d => Assert.InRange(d, start, end.AddDays(-151)));
        Assert.All(data["lineitem"], r =>
        {
            var orderDate = orderDates[Long(r[0])];
            DateOnly ship = Date(r[10]), commit = Date(r[11]), receipt = Date(r[12]);
            Assert.InRange(ship.DayNumber - orderDate.DayNumber, 1, 121);
            Assert.InRange(commit.DayNumber - orderDate.DayNumber, 30, 90);
            Assert.InRange(receipt.DayNumber - ship.DayNumber, 1, 30);
            Assert.InRange(receipt, start, end);
        });
    }

    [Fact]
    public void Return_flags_line_status_and_order_status_follow_the_current_date()
    {
        var current = new DateOnly(1995, 6, 17);
        Assert.All(data["lineitem"], r =>
        {
            Assert.Equal(Date(r[10]) > current ? "O" : "F", r[9]);
            if (Date(r[12]) <= current) Assert.Contains(r[8], new[] { "R", "A" });
            else Assert.Equal("N", r[8]);
        });
        var statuses = data["lineitem"].GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Select(r => r[9]).Distinct().ToArray());
        Assert.All(data["orders"], r =>
        {
            var lineStatuses = statuses[r[0]];
            Assert.Equal(lineStatuses.Length == 1 ? lineStatuses[0] : "P", r[2]);
        });
        Assert.All(new[] { "F", "O", "P" }, s => Assert.Contains(data["orders"], r => r[2] == s));
    }

    [Fact]
    public void Prices_follow_the_retail_price_formula_and_order_totals_their_lines()
    {
        Assert.All(data["part"], r =>
        {
            long key = Long(r[0]);
            Assert.Equal(90_000 + key / 10 % 20_001 + 100 * (key % 1_000), Cents(r[7]));
        });
        var retail = data["part"].ToDictionary(r => Long(r[0]), r => Cents(r[7]));
        var totals = new Dictionary<string, decimal>();
        foreach (var r in data["lineitem"])
        {
            long quantity = Long(r[4]);
            Assert.InRange(quantity, 1, 50);
            Assert.Equal(quantity * retail[Long(r[1])], Cents(r[5]));
            decimal discount = decimal.Parse(r[6], CultureInfo.InvariantCulture), tax = decimal.Parse(r[7], CultureInfo.InvariantCulture);
            Assert.InRange(discount, 0m, 0.10m);
            Assert.InRange(tax, 0m, 0.08m);
            totals[r[0]] = totals.GetValueOrDefault(r[0]) + decimal.Parse(r[5], CultureInfo.InvariantCulture) * (1 + tax) * (1 - discount);
        }
        Assert.All(data["orders"], r => Assert.InRange(decimal.Parse(r[3], CultureInfo.InvariantCulture) - totals[r[0]], -0.04m, 0.04m));
    }

    [Fact]
    public void Part_attributes_come_from_the_specs_lists()
    {
        Assert.All(data["part"], r =>
        {
            var colors = r[1].Split(' ');
            Assert.Equal(5, colors.Distinct().Count());
            Assert.All(colors, c => Assert.Contains(c, TpchLists.Colors));
            Assert.Matches("^Manufacturer#[1-5]$", r[2]);
            Assert.Equal("Brand#" + r[2][^1], r[3][..7]);
            Assert.Matches("^Brand#[1-5][1-5]$", r[3]);
            var type = r[4].Split(' ');
            Assert.Contains(type[0], TpchLists.TypeSyllable1);
            Assert.Contains(type[1], TpchLists.TypeSyllable2);
            Assert.Contains(type[2], TpchLists.TypeSyllable3);
            Assert.InRange(Long(r[5]), 1, 50);
            var container = r[6].Split(' ');
            Assert.Contains(container[0], TpchLists.ContainerSyllable1);
            Assert.Contains(container[1], TpchLists.ContainerSyllable2);
            Assert.InRange(r[8].Length, 5, 22);
        });
        Assert.Equal(92, TpchLists.Colors.Distinct().Count());
    }

    [Fact]
    public void Names_phones_balances_and_list_values_have_the_specs_formats()
    {
        Assert.All(data["supplier"], r =>
        {
            Assert.Equal($"Supplier#{Long(r[0]):D9}", r[1]);
            Assert.Matches($"^{Long(r[3]) + 10}-[1-9][0-9]{{2}}-[1-9][0-9]{{2}}-[1-9][0-9]{{3}}$", r[4]);
            Assert.InRange(Cents(r[5]), -99_999, 999_999);
            Assert.InRange(r[2].Length, 10, 40);
            Assert.InRange(r[6].Length, 25, 100);
        });
        Assert.All(data["customer"], r =>
        {
            Assert.Equal($"Customer#{Long(r[0]):D9}", r[1]);
            Assert.Matches($"^{Long(r[3]) + 10}-", r[4]);
            Assert.InRange(Cents(r[5]), -99_999, 999_999);
            Assert.Contains(r[6], TpchLists.Segments);
            Assert.InRange(r[7].Length, 29, 116);
        });
        Assert.All(data["orders"], r =>
        {
            Assert.Contains(r[5], TpchLists.Priorities);
            Assert.Matches("^Clerk#0000000(0[1-9]|10)$", r[6]); // SF * 1000 = 10 clerks
            Assert.Equal("0", r[7]);
            Assert.InRange(r[8].Length, 19, 78);
        });
        Assert.All(data["lineitem"], r =>
        {
            Assert.Contains(r[13], TpchLists.Instructions);
            Assert.Contains(r[14], TpchLists.Modes);
            Assert.InRange(r[15].Length, 10, 43);
        });
        Assert.Equal(TpchLists.Nations.Select(n => n.Name), data["nation"].Select(r => r[1]));
        Assert.Equal(TpchLists.Regions, data["region"].Select(r => r[1]));
    }

    [Fact]
    public void Comments_are_made_of_the_grammars_words()
    {
        var words = string.Join(" ", data["orders"].Select(r => r[8])).Split(' ', '.', ',', ';', ':', '?', '!', '-');
        Assert.Contains("special", words);
        Assert.Contains("requests", words);
        Assert.Contains("furiously", words);
        Assert.Contains(data["orders"], r => r[8].Contains("special", StringComparison.Ordinal) && r[8].Contains("requests", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void A_scale_factor_that_is_not_positive_is_refused(double scaleFactor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TpchGenerator.Generate(scaleFactor, Path.GetTempPath()));
    }
}
