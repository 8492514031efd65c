using System.Text;
using ActorWarehouse.Host.Tpch;

namespace ActorWarehouse.Host.Tests.Tpch;

public sealed class TpchSupplierCommentTests
{
    [Fact]
    public void About_five_in_ten_thousand_supplier_comments_carry_customer_complaints_and_as_many_recommendations()
    {
        // SF 1 has 10,000 suppliers; the spec asks for SF * 5 of each kind (Q16 filters the complaints out).
        var table = new SupplierTable(new TpchScale(1));
        var buffer = new TpchRowBuffer(1 << 20);
        table.Generate(1, table.Count, [buffer]);
        var comments = Encoding.ASCII.GetString(buffer.Written).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('|')[6]).ToArray();

        int complaints = comments.Count(c => System.Text.RegularExpressions.Regex.IsMatch(c, "Customer .*Complaints"));
        int recommendations = comments.Count(c => System.Text.RegularExpressions.Regex.IsMatch(c, "Customer .*Recommends"));

        Assert.Equal(10_000, comments.Length);
        Assert.InRange(complaints, 1, 15);
        Assert.InRange(recommendations, 1, 15);
        Assert.All(comments, c => Assert.InRange(c.Length, 25, 100));
    }
}
