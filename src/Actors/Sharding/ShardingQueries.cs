using System.Collections.Immutable;

namespace ActorWarehouse.Actors.Sharding;

/// <summary>Ask a region (not a proxy) for the shards and entities it hosts → <see cref="CurrentShardRegionState"/>.</summary>
public sealed class GetShardRegionState
{
    public static readonly GetShardRegionState Instance = new();
    private GetShardRegionState() { }
}

/// <summary>One hosted shard and the ids of its running entities.</summary>
public sealed record ShardState(string ShardId, IImmutableSet<string> EntityIds);

/// <summary>Answer to <see cref="GetShardRegionState"/>; <see cref="Failed"/> lists shards that did not answer in time.</summary>
public sealed record CurrentShardRegionState(IImmutableSet<ShardState> Shards, IImmutableSet<string> Failed);

/// <summary>Ask a region for the number of entities per hosted shard → <see cref="ShardRegionStats"/>.</summary>
public sealed class GetShardRegionStats
{
    public static readonly GetShardRegionStats Instance = new();
    private GetShardRegionStats() { }
}

/// <summary>Entity count per shard of one region; <see cref="Failed"/> lists shards that did not answer in time.</summary>
public sealed record ShardRegionStats(IImmutableDictionary<string, int> Stats, IImmutableSet<string> Failed);

/// <summary>Ask any region for the stats of every region of the type → <see cref="ClusterShardingStats"/>.</summary>
public sealed record GetClusterShardingStats(TimeSpan Timeout);

/// <summary>Region stats by the address of the node that hosts the region.</summary>
public sealed record ClusterShardingStats(IImmutableDictionary<Address, ShardRegionStats> Regions);

/// <summary>Ask any region for the addresses of all regions of the type → <see cref="CurrentRegions"/>.</summary>
public sealed class GetCurrentRegions
{
    public static readonly GetCurrentRegions Instance = new();
    private GetCurrentRegions() { }
}

public sealed record CurrentRegions(IImmutableSet<Address> Regions);
