using System.Globalization;
using System.IO.Compression;

namespace ActorWarehouse.Host.Tests.Acceptance;

/// <summary>
/// An independent oracle for queries over lineitem alone: reads shared/tpch/sf0.01/lineitem.tbl.gz
/// directly and evaluates Q1 and Q6 for any substitution parameters with exact decimal arithmetic.
/// </summary>
internal sealed class LineitemOracle
{
    private readonly List<Line> _lines = [];

    public LineitemOracle(string tblGz)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(tblGz), CompressionMode.Decompress));
        while (reader.ReadLine() is { } text)
        {
            var f = text.Split('|');
            _lines.Add(new Line(Dec(f[4]), Dec(f[5]), Dec(f[6]), Dec(f[7]), f[8], f[9], DateOnly.ParseExact(f[10], "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Q6: sum(l_extendedprice * l_discount) for one year from <paramref name="from"/>.</summary>
    public decimal Q6(DateOnly from, decimal discount, int quantity) =>
        _lines.Where(l => l.ShipDate >= from && l.ShipDate < from.AddYears(1)
                && l.Discount >= discount - 0.01m && l.Discount <= discount + 0.01m && l.Quantity < quantity)
            .Sum(l => l.ExtendedPrice * l.Discount);

    /// <summary>Q1's rows (ordered by return flag, line status) as answer-file text fields.</summary>
    public List<string?[]> Q1(int deltaDays)
    {
        var cutoff = new DateOnly(1998, 12, 1).AddDays(-deltaDays);
        return _lines.Where(l => l.ShipDate <= cutoff)
            .GroupBy(l => (l.ReturnFlag, l.LineStatus))
            .OrderBy(g => g.Key.ReturnFlag, StringComparer.Ordinal).ThenBy(g => g.Key.LineStatus, StringComparer.Ordinal)
            .Select(g => new string?[]
            {
                g.Key.ReturnFlag, g.Key.LineStatus,
                Text(g.Sum(l => l.Quantity)), Text(g.Sum(l => l.ExtendedPrice)),
                Text(g.Sum(l => l.ExtendedPrice * (1 - l.Discount))),
                Text(g.Sum(l => l.ExtendedPrice * (1 - l.Discount) * (1 + l.Tax))),
                Text(g.Average(l => l.Quantity)), Text(g.Average(l => l.ExtendedPrice)), Text(g.Average(l => l.Discount)),
                g.Count().ToString(CultureInfo.InvariantCulture),
            })
            .ToList();
    }

    private static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Line(decimal Quantity, decimal ExtendedPrice, decimal Discount, decimal Tax, string ReturnFlag, string LineStatus, DateOnly ShipDate);
}
