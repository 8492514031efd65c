using System.Collections.Immutable;
using static ActorWarehouse.Actors.Sharding.Internal.CoordinatorEvents;

namespace ActorWarehouse.Actors.Sharding.Internal;

/// <summary>
/// INTERNAL API: the coordinator's persisted state — which region hosts each shard, the known regions and proxies,
/// and (with remember-entities) the shards whose region died and that must be allocated again. Applying an event
/// never throws: stale events after an unclean shutdown are absorbed (upstream issues #3414, #5604).
/// </summary>
internal sealed class CoordinatorState
{
    public Dictionary<string, IActorRef> Shards { get; } = new(StringComparer.Ordinal);
    public Dictionary<IActorRef, List<string>> Regions { get; } = new();
    public HashSet<IActorRef> Proxies { get; } = new();
    public SortedSet<string> Unallocated { get; } = new(StringComparer.Ordinal);
    public bool RememberEntities { get; init; }

    public void Apply(IDomainEvent e)
    {
        switch (e)
        {
            case ShardRegionRegistered r:
                Regions.TryAdd(r.Region, []);
                break;
            case ShardRegionProxyRegistered p:
                Proxies.Add(p.RegionProxy);
                break;
            case ShardRegionTerminated t:
                if (Regions.Remove(t.Region, out var lost))
                    foreach (var shard in lost)
                    {
                        Shards.Remove(shard);
                        if (RememberEntities) Unallocated.Add(shard);
                    }
                break;
            case ShardRegionProxyTerminated p:
                Proxies.Remove(p.RegionProxy);
                break;
            case ShardHomeAllocated a:
                if (Shards.Remove(a.Shard, out var previous) && Regions.TryGetValue(previous, out var old)) old.Remove(a.Shard);
                if (!Regions.TryGetValue(a.Region, out var list)) Regions[a.Region] = list = [];
                list.Add(a.Shard);
                Shards[a.Shard] = a.Region;
                Unallocated.Remove(a.Shard);
                break;
            case ShardHomeDeallocated d:
                if (Shards.Remove(d.Shard, out var owner) && Regions.TryGetValue(owner, out var shards)) shards.Remove(d.Shard);
                if (RememberEntities) Unallocated.Add(d.Shard);
                break;
        }
    }

    public IImmutableDictionary<IActorRef, IImmutableList<string>> Allocations(Func<IActorRef, bool> include)
    {
        var b = ImmutableDictionary.CreateBuilder<IActorRef, IImmutableList<string>>();
        foreach (var (region, shards) in Regions)
            if (include(region)) b[region] = shards.ToImmutableList();
        return b.ToImmutable();
    }

    public Snapshot ToSnapshot() => new(
        Shards.Select(kv => new KeyValuePair<string, IActorRef>(kv.Key, kv.Value)).ToImmutableList(),
        Regions.Keys.ToImmutableList(), Proxies.ToImmutableList(), Unallocated.ToImmutableList());

    public void Load(Snapshot s)
    {
        Shards.Clear(); Regions.Clear(); Proxies.Clear(); Unallocated.Clear();
        foreach (var r in s.Regions) Regions[r] = [];
        foreach (var p in s.Proxies) Proxies.Add(p);
        foreach (var (shard, region) in s.Shards) Apply(new ShardHomeAllocated(shard, region));
        foreach (var u in s.Unallocated) if (!Shards.ContainsKey(u)) Unallocated.Add(u);
    }

    /// <summary>The persisted form of the state (snapshot every snapshot-after events).</summary>
    public sealed record Snapshot(IImmutableList<KeyValuePair<string, IActorRef>> Shards, IImmutableList<IActorRef> Regions,
        IImmutableList<IActorRef> Proxies, IImmutableList<string> Unallocated) : IShardingProtocolMessage;
}
