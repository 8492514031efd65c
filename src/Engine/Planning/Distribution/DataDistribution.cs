namespace ActorWarehouse.Engine.Planning.Distribution;

public enum DistributionKind
{
    /// <summary>Spread over slices in no useful way (EVEN, or after a join or projection lost the key).</summary>
    Unknown,
    /// <summary>Rows placed by the hash of one column (DISTSTYLE KEY): <see cref="DataDistribution.KeyColumn"/> is its output ordinal.</summary>
    Key,
    /// <summary>A full copy on every node (DISTSTYLE ALL).</summary>
    All,
    /// <summary>Everything in one stream (after a gather).</summary>
    Single,
}

/// <summary>
/// Where a plan node's output rows live, as far as the join planner cares. For <see cref="DistributionKind.Key"/>,
/// <see cref="Slices"/> is how many slices the rows are hashed over (two tables are collocated only when the key
/// and the slice count agree) and the node's <c>SliceOfPartition</c> tells which slice each partition reads.
/// </summary>
public sealed record DataDistribution(DistributionKind Kind, int KeyColumn = -1, int Slices = 0)
{
    public static readonly DataDistribution Unknown = new(DistributionKind.Unknown);
    public static readonly DataDistribution All = new(DistributionKind.All);
    public static readonly DataDistribution Single = new(DistributionKind.Single);

    public static DataDistribution OnKey(int column, int slices = 0) => new(DistributionKind.Key, column, slices);

    /// <summary>The same distribution after a projection: the key column's new ordinal, or Unknown if it was dropped.</summary>
    public DataDistribution Remap(Func<int, int> newOrdinalOf)
    {
        if (Kind != DistributionKind.Key) return this;
        int mapped = newOrdinalOf(KeyColumn);
        return mapped < 0 ? Unknown : OnKey(mapped, Slices);
    }
}
