namespace ActorWarehouse.Host.Tpch;

/// <summary>Table cardinalities of TPC-H clause 4.2.5 for a scale factor (at least one row each).</summary>
internal sealed record TpchScale(double ScaleFactor)
{
    public long Suppliers { get; } = Count(ScaleFactor, 10_000);
    public long Parts { get; } = Count(ScaleFactor, 200_000);
    public long Customers { get; } = Count(ScaleFactor, 150_000);
    public long Orders { get; } = Count(ScaleFactor, 1_500_000);
    public long Clerks { get; } = Count(ScaleFactor, 1_000);

    public const int SuppliersPerPart = 4;

    private static long Count(double scaleFactor, long perUnit) => Math.Max(1, (long)Math.Round(scaleFactor * perUnit));

    /// <summary>
    /// Order keys are sparse (clause 4.2.3): of every 32 consecutive keys only the first 8 are used,
    /// so the n-th order (1-based) gets key (n / 8) * 32 + n % 8.
    /// </summary>
    public static long OrderKey(long orderNumber) => ((orderNumber >> 3) << 5) | (orderNumber & 7);

    /// <summary>The supplier of the i-th (0..3) partsupp row of a part (clause 4.2.3, PS_SUPPKEY).</summary>
    public long SupplierOfPart(long partKey, int i) =>
        (partKey + i * (Suppliers / 4 + (partKey - 1) / Suppliers)) % Suppliers + 1;

    /// <summary>P_RETAILPRICE in cents: (90000 + ((key / 10) mod 20001) + 100 * (key mod 1000)) / 100 dollars.</summary>
    public static long RetailPriceCents(long partKey) => 90_000 + partKey / 10 % 20_001 + 100 * (partKey % 1_000);
}
