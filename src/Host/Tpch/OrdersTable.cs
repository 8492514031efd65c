namespace ActorWarehouse.Host.Tpch;

/// <summary>
/// ORDERS with their 1 to 7 LINEITEM rows each (clause 4.2.3). Order keys are sparse; customers
/// whose key is a multiple of 3 place no orders; O_ORDERDATE is uniform in [STARTDATE, ENDDATE - 151];
/// each line ships 1-121 days after the order, is committed 30-90 days after it and received 1-30 days
/// after shipping; L_RETURNFLAG is R or A if received by CURRENTDATE, else N; L_LINESTATUS is O if
/// shipped after CURRENTDATE, else F; O_ORDERSTATUS is F or O when all lines agree, else P; and
/// O_TOTALPRICE is the sum of extendedprice * (1 + tax) * (1 - discount) over the lines.
/// </summary>
internal sealed class OrdersTable(TpchScale scale) : TpchTable(scale)
{
    private const ulong Stream = 0x0D3F;
    private static readonly byte[][] Priorities = Ascii(TpchLists.Priorities);
    private static readonly byte[][] Instructions = Ascii(TpchLists.Instructions);
    private static readonly byte[][] Modes = Ascii(TpchLists.Modes);

    public override string[] Outputs => ["orders", "lineitem"];
    public override long Count => Scale.Orders;
    public override int ChunkRows => 10_000;
    public override int[] BytesPerRow => [120, 4 * 140];

    public override void Generate(long first, long last, TpchRowBuffer[] outputs)
    {
        var orders = outputs[0];
        var lineitem = outputs[1];
        int lastOrderDate = TpchDates.EndDate - 151;
        for (long number = first; number <= last; number++)
        {
            var random = new TpchRandom(Stream, number);
            long orderKey = TpchScale.OrderKey(number);
            long customerKey = CustomerKey(ref random);
            int orderDate = random.Next(TpchDates.StartDate, lastOrderDate);
            var priority = Priorities[random.Next(0, Priorities.Length - 1)];
            long clerk = random.Next(1L, Scale.Clerks);
            var comment = Comment(ref random, 19, 78);

            int lines = random.Next(1, 7);
            long totalCents = 0;
            int shippedLines = 0;
            for (int line = 1; line <= lines; line++)
            {
                long partKey = random.Next(1L, Scale.Parts);
                long supplierKey = Scale.SupplierOfPart(partKey, random.Next(0, 3));
                int quantity = random.Next(1, 50);
                int discount = random.Next(0, 10);
                int tax = random.Next(0, 8);
                int shipDate = orderDate + random.Next(1, 121);
                int commitDate = orderDate + random.Next(30, 90);
                int receiptDate = shipDate + random.Next(1, 30);
                long extendedCents = quantity * TpchScale.RetailPriceCents(partKey);
                // hundredths * (100 - discount) * (100 + tax) / 10^4, rounded half up to hundredths
                totalCents += (extendedCents * (100 - discount) * (100 + tax) + 5_000) / 10_000;

                lineitem.Integer(orderKey);
                lineitem.Integer(partKey);
                lineitem.Integer(supplierKey);
                lineitem.Integer(line);
                lineitem.Integer(quantity);
                lineitem.Money(extendedCents);
                lineitem.Money(discount);
                lineitem.Money(tax);
                lineitem.Text(receiptDate <= TpchDates.CurrentDate ? (random.Next(0, 1) == 0 ? "R"u8 : "A"u8) : "N"u8);
                bool shipped = shipDate <= TpchDates.CurrentDate;
                if (shipped) shippedLines++;
                lineitem.Text(shipped ? "F"u8 : "O"u8);
                lineitem.Date(shipDate);
                lineitem.Date(commitDate);
                lineitem.Date(receiptDate);
                lineitem.Text(Instructions[random.Next(0, Instructions.Length - 1)]);
                lineitem.Text(Modes[random.Next(0, Modes.Length - 1)]);
                lineitem.Text(Comment(ref random, 10, 43));
                lineitem.EndRow();
            }

            orders.Integer(orderKey);
            orders.Integer(customerKey);
            orders.Text(shippedLines == lines ? "F"u8 : shippedLines == 0 ? "O"u8 : "P"u8);
            orders.Money(totalCents);
            orders.Date(orderDate);
            orders.Text(priority);
            orders.Padded("Clerk#"u8, clerk);
            orders.Integer(0);
            orders.Text(comment);
            orders.EndRow();
        }
    }

    /// <summary>
    /// A customer whose key is not a multiple of 3: a uniform draw that lands on a multiple of 3
    /// moves to the next key, as the reference generator does, so keys 3k+1 get twice the orders of
    /// keys 3k+2 (the spread of orders per customer that Q13 reports).
    /// </summary>
    private long CustomerKey(ref TpchRandom random)
    {
        long customers = Scale.Customers;
        long key = random.Next(1L, customers);
        if (key % 3 == 0) key = key + 1 <= customers ? key + 1 : key - 1;
        return Math.Max(1, key);
    }
}
