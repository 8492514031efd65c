using System.Text;

namespace ActorWarehouse.Host.Tpch;

/// <summary>REGION: the five fixed regions with a text comment [31, 115].</summary>
internal sealed class RegionTable(TpchScale scale) : TpchTable(scale)
{
    private const ulong Stream = 0x5E61;

    public override string[] Outputs => ["region"];
    public override long Count => TpchLists.Regions.Length;
    public override int[] BytesPerRow => [100];

    public override void Generate(long first, long last, TpchRowBuffer[] outputs)
    {
        var output = outputs[0];
        for (long key = first; key <= last; key++)
        {
            var random = new TpchRandom(Stream, key);
            output.Integer(key - 1);
            output.Text(Encoding.ASCII.GetBytes(TpchLists.Regions[key - 1]));
            output.Text(Comment(ref random, 31, 115));
            output.EndRow();
        }
    }
}

/// <summary>NATION: the 25 fixed nations and their regions, with a text comment [31, 114].</summary>
internal sealed class NationTable(TpchScale scale) : TpchTable(scale)
{
    private const ulong Stream = 0x4A71;

    public override string[] Outputs => ["nation"];
    public override long Count => TpchLists.Nations.Length;
    public override int[] BytesPerRow => [100];

    public override void Generate(long first, long last, TpchRowBuffer[] outputs)
    {
        var output = outputs[0];
        for (long key = first; key <= last; key++)
        {
            var random = new TpchRandom(Stream, key);
            var (name, region) = TpchLists.Nations[key - 1];
            output.Integer(key - 1);
            output.Text(Encoding.ASCII.GetBytes(name));
            output.Integer(region);
            output.Text(Comment(ref random, 31, 114));
            output.EndRow();
        }
    }
}

/// <summary>
/// SUPPLIER (clause 4.2.3): S_ACCTBAL in [-999.99, 9999.99], comment [25, 100]; about 5 in 10,000
/// comments contain "Customer ... Complaints" and as many "Customer ... Recommends" (Q16 looks for them).
/// </summary>
internal sealed class SupplierTable(TpchScale scale) : TpchTable(scale)
{
    private const ulong Stream = 0x5077;

    public override string[] Outputs => ["supplier"];
    public override long Count => Scale.Suppliers;
    public override int[] BytesPerRow => [160];

    public override void Generate(long first, long last, TpchRowBuffer[] outputs)
    {
        var output = outputs[0];
        Span<byte> comment = stackalloc byte[100];
        for (long key = first; key <= last; key++)
        {
            var random = new TpchRandom(Stream, key);
            output.Integer(key);
            output.Padded("Supplier#"u8, key);
            Address(output, ref random);
            int nation = random.Next(0, 24);
            output.Integer(nation);
            Phone(output, ref random, nation);
            output.Money(random.Next(-99_999, 999_999));
            var text = Comment(ref random, 25, 100);
            int special = random.Next(1, 10_000);
            if (special <= 10)
            {
                text.CopyTo(comment);
                output.Text(WithCustomerNote(comment[..text.Length], special <= 5 ? "Complaints"u8 : "Recommends"u8, ref random));
            }
            else
            {
                output.Text(text);
            }
            output.EndRow();
        }
    }

    /// <summary>Overwrites part of the comment with "Customer " + some text + the note, keeping its length.</summary>
    private static ReadOnlySpan<byte> WithCustomerNote(Span<byte> comment, ReadOnlySpan<byte> note, ref TpchRandom random)
    {
        ReadOnlySpan<byte> customer = "Customer "u8;
        int room = comment.Length - customer.Length - note.Length;
        int gap = random.Next(0, Math.Max(0, Math.Min(room, 10)));
        int start = random.Next(0, Math.Max(0, room - gap));
        customer.CopyTo(comment[start..]);
        note.CopyTo(comment[(start + customer.Length + gap)..]);
        return comment;
    }
}

/// <summary>CUSTOMER (clause 4.2.3): C_ACCTBAL in [-999.99, 9999.99], segment from the list, comment [29, 116].</summary>
internal sealed class CustomerTable(TpchScale scale) : TpchTable(scale)
{
    private const ulong Stream = 0xC057;
    private static readonly byte[][] Segments = Ascii(TpchLists.Segments);

    public override string[] Outputs => ["customer"];
    public override long Count => Scale.Customers;
    public override int[] BytesPerRow => [180];

    public override void Generate(long first, long last, TpchRowBuffer[] outputs)
    {
        var output = outputs[0];
        for (long key = first; key <= last; key++)
        {
            var random = new TpchRandom(Stream, key);
            output.Integer(key);
            output.Padded("Customer#"u8, key);
            Address(output, ref random);
            int nation = random.Next(0, 24);
            output.Integer(nation);
            Phone(output, ref random, nation);
            output.Money(random.Next(-99_999, 999_999));
            output.Text(Segments[random.Next(0, Segments.Length - 1)]);
            output.Text(Comment(ref random, 29, 116));
            output.EndRow();
        }
    }
}
