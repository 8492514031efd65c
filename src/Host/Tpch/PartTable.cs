namespace ActorWarehouse.Host.Tpch;

/// <summary>
/// PART and its four PARTSUPP rows per part (clause 4.2.3): P_NAME is five distinct colours,
/// P_MFGR Manufacturer#M, P_BRAND Brand#MN, P_TYPE and P_CONTAINER from their syllable lists,
/// P_SIZE in [1, 50], P_RETAILPRICE by the spec's formula; PS_SUPPKEY spreads each part over
/// four suppliers, PS_AVAILQTY in [1, 9999], PS_SUPPLYCOST in [1.00, 1000.00].
/// </summary>
internal sealed class PartTable(TpchScale scale) : TpchTable(scale)
{
    private const ulong PartStream = 0x9A27, PartSuppStream = 0x9A55;
    private static readonly byte[][] Colors = Ascii(TpchLists.Colors);
    private static readonly byte[][] Types1 = Ascii(TpchLists.TypeSyllable1.Select(s => s + " "));
    private static readonly byte[][] Types2 = Ascii(TpchLists.TypeSyllable2.Select(s => s + " "));
    private static readonly byte[][] Types3 = Ascii(TpchLists.TypeSyllable3);
    private static readonly byte[][] Containers1 = Ascii(TpchLists.ContainerSyllable1.Select(s => s + " "));
    private static readonly byte[][] Containers2 = Ascii(TpchLists.ContainerSyllable2);

    public override string[] Outputs => ["part", "partsupp"];
    public override long Count => Scale.Parts;
    public override int[] BytesPerRow => [160, 4 * 150];

    public override void Generate(long first, long last, TpchRowBuffer[] outputs)
    {
        var part = outputs[0];
        var partSupp = outputs[1];
        Span<int> chosen = stackalloc int[5];
        for (long key = first; key <= last; key++)
        {
            var random = new TpchRandom(PartStream, key);
            part.Integer(key);
            part.StartField();
            for (int i = 0; i < 5; i++)
            {
                int color;
                do color = random.Next(0, Colors.Length - 1);
                while (chosen[..i].Contains(color));
                chosen[i] = color;
                if (i > 0) part.Append(" "u8);
                part.Append(Colors[color]);
            }
            int manufacturer = random.Next(1, 5);
            part.StartField();
            part.Append("Manufacturer#"u8);
            part.AppendNumber(manufacturer);
            part.StartField();
            part.Append("Brand#"u8);
            part.AppendNumber(manufacturer * 10 + random.Next(1, 5));
            part.StartField();
            part.Append(Types1[random.Next(0, Types1.Length - 1)]);
            part.Append(Types2[random.Next(0, Types2.Length - 1)]);
            part.Append(Types3[random.Next(0, Types3.Length - 1)]);
            part.Integer(random.Next(1, 50));
            part.StartField();
            part.Append(Containers1[random.Next(0, Containers1.Length - 1)]);
            part.Append(Containers2[random.Next(0, Containers2.Length - 1)]);
            part.Money(TpchScale.RetailPriceCents(key));
            part.Text(Comment(ref random, 5, 22));
            part.EndRow();

            var supplyRandom = new TpchRandom(PartSuppStream, key);
            for (int i = 0; i < TpchScale.SuppliersPerPart; i++)
            {
                partSupp.Integer(key);
                partSupp.Integer(Scale.SupplierOfPart(key, i));
                partSupp.Integer(supplyRandom.Next(1, 9_999));
                partSupp.Money(supplyRandom.Next(100, 100_000));
                partSupp.Text(Comment(ref supplyRandom, 49, 198));
                partSupp.EndRow();
            }
        }
    }
}
