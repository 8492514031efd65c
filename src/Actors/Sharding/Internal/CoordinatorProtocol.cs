using System.Collections.Immutable;

namespace ActorWarehouse.Actors.Sharding.Internal;

/// <summary>Marker of every message sharding sends between regions, shards and the coordinator.</summary>
internal interface IShardingProtocolMessage;

/// <summary>INTERNAL API: the region ↔ coordinator protocol (upstream's names).</summary>
internal static class CoordinatorProtocol
{
    /// <summary>Region → coordinator until acknowledged.</summary>
    public sealed record Register(IActorRef ShardRegion) : IShardingProtocolMessage;
    /// <summary>Proxy → coordinator until acknowledged: it learns homes but never hosts shards.</summary>
    public sealed record RegisterProxy(IActorRef ShardRegionProxy) : IShardingProtocolMessage;
    public sealed record RegisterAck(IActorRef Coordinator) : IShardingProtocolMessage;
    /// <summary>Region → coordinator: where does this shard live (allocating it when it lives nowhere)?</summary>
    public sealed record GetShardHome(string Shard) : IShardingProtocolMessage;
    public sealed record ShardHome(string Shard, IActorRef Ref) : IShardingProtocolMessage;
    /// <summary>Coordinator → region: start hosting this shard.</summary>
    public sealed record HostShard(string Shard) : IShardingProtocolMessage;
    public sealed record ShardStarted(string Shard) : IShardingProtocolMessage;
    /// <summary>Coordinator → every region and proxy: forget this shard's home and buffer its messages.</summary>
    public sealed record BeginHandOff(string Shard) : IShardingProtocolMessage;
    public sealed record BeginHandOffAck(string Shard) : IShardingProtocolMessage;
    /// <summary>Coordinator → owner region → shard: stop the entities and answer <see cref="ShardStopped"/>.</summary>
    public sealed record HandOff(string Shard) : IShardingProtocolMessage;
    public sealed record ShardStopped(string Shard) : IShardingProtocolMessage;
    /// <summary>Region → coordinator: hand off all my shards, I am stopping.</summary>
    public sealed record GracefulShutdownRequest(IActorRef ShardRegion) : IShardingProtocolMessage;
    /// <summary>Region → coordinator, for <see cref="GetClusterShardingStats"/>: answer with every region.</summary>
    public sealed record GetRegions : IShardingProtocolMessage
    {
        public static readonly GetRegions Instance = new();
    }
    public sealed record Regions(IImmutableList<IActorRef> Refs) : IShardingProtocolMessage;
}

/// <summary>INTERNAL API: the coordinator's persisted events (tolerant replay: stale events never fail recovery).</summary>
internal static class CoordinatorEvents
{
    public interface IDomainEvent : IShardingProtocolMessage;
    public sealed record ShardRegionRegistered(IActorRef Region) : IDomainEvent;
    public sealed record ShardRegionProxyRegistered(IActorRef RegionProxy) : IDomainEvent;
    public sealed record ShardRegionTerminated(IActorRef Region) : IDomainEvent;
    public sealed record ShardRegionProxyTerminated(IActorRef RegionProxy) : IDomainEvent;
    public sealed record ShardHomeAllocated(string Shard, IActorRef Region) : IDomainEvent;
    public sealed record ShardHomeDeallocated(string Shard) : IDomainEvent;
}

/// <summary>INTERNAL API: region ↔ shard and shard ↔ remember-entities store.</summary>
internal static class ShardProtocol
{
    /// <summary>Shard → region: initialized (remembered entities started), it may receive messages now.</summary>
    public sealed record ShardInitialized(string ShardId) : IShardingProtocolMessage;
    /// <summary>Shard → store: record these entity starts and stops; answered by <see cref="UpdateDone"/>.</summary>
    public sealed record Update(IImmutableSet<string> Started, IImmutableSet<string> Stopped) : IShardingProtocolMessage;
    public sealed record UpdateDone(IImmutableSet<string> Started, IImmutableSet<string> Stopped) : IShardingProtocolMessage;
    public sealed record GetEntities : IShardingProtocolMessage
    {
        public static readonly GetEntities Instance = new();
    }
    public sealed record RememberedEntities(IImmutableSet<string> Entities) : IShardingProtocolMessage;
    /// <summary>Persisted by the remember-entities store.</summary>
    public sealed record EntitiesStarted(IImmutableSet<string> Entities) : IShardingProtocolMessage;
    public sealed record EntitiesStopped(IImmutableSet<string> Entities) : IShardingProtocolMessage;
    /// <summary>Region → shard for the stats queries.</summary>
    public sealed record GetShardStats : IShardingProtocolMessage
    {
        public static readonly GetShardStats Instance = new();
    }
    public sealed record ShardStats(string ShardId, IImmutableSet<string> EntityIds) : IShardingProtocolMessage;
}
