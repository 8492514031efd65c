using System.Collections.Immutable;

namespace ActorWarehouse.Actors.Sharding;

/// <summary>Decides where new shards go and which shards move (upstream's <c>IShardAllocationStrategy</c>).</summary>
public interface IShardAllocationStrategy
{
    /// <summary>The region that will host <paramref name="shardId"/>; <paramref name="current"/> maps every region to its shards.</summary>
    Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> current);

    /// <summary>Shards to move now (they are handed off, then allocated again through <see cref="AllocateShard"/>).</summary>
    Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> current, IImmutableSet<string> rebalanceInProgress);
}

/// <summary>
/// Allocates to the region with the fewest shards, preferring regions whose node is not leaving. Rebalances with
/// upstream's bounded algorithm when the absolute limit is above 0 (at most
/// max(1, min(floor(relative × total), absolute)) shards per round), otherwise with the older threshold algorithm.
/// </summary>
public sealed class LeastShardAllocationStrategy : IShardAllocationStrategy
{
    private readonly int _absoluteLimit;
    private readonly double _relativeLimit;
    private readonly int _threshold;
    private readonly int _maxSimultaneous;
    private Func<IActorRef, bool> _isLeaving = static _ => false;

    /// <summary>The bounded algorithm (absolute limit above 0) or, with 0, the older one with upstream's defaults.</summary>
    public LeastShardAllocationStrategy(int absoluteLimit, double relativeLimit)
        : this(absoluteLimit, relativeLimit, rebalanceThreshold: 1, maxSimultaneousRebalance: 3) { }

    /// <summary>The older algorithm: move when the fullest and emptiest region differ by at least the threshold.</summary>
    public LeastShardAllocationStrategy(int rebalanceThreshold, int maxSimultaneousRebalance)
        : this(0, 0.1, rebalanceThreshold, maxSimultaneousRebalance) { }

    private LeastShardAllocationStrategy(int absoluteLimit, double relativeLimit, int rebalanceThreshold, int maxSimultaneousRebalance)
    {
        if (absoluteLimit < 0) throw new ArgumentOutOfRangeException(nameof(absoluteLimit));
        if (relativeLimit < 0 || relativeLimit > 1) throw new ArgumentOutOfRangeException(nameof(relativeLimit), "must be within 0..1");
        _absoluteLimit = absoluteLimit;
        _relativeLimit = relativeLimit;
        _threshold = Math.Max(1, rebalanceThreshold);
        _maxSimultaneous = Math.Max(1, maxSimultaneousRebalance);
    }

    internal static LeastShardAllocationStrategy FromSettings(ClusterShardingSettings s) =>
        new(s.RebalanceAbsoluteLimit, s.RebalanceRelativeLimit, s.RebalanceThreshold, s.MaxSimultaneousRebalance);

    /// <summary>Ours: how the coordinator tells the strategy which regions live on leaving members.</summary>
    internal void UseLeavingCheck(Func<IActorRef, bool> isLeaving) => _isLeaving = isLeaving;

    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> current)
    {
        if (current.Count == 0) throw new InvalidOperationException($"no region to allocate shard {shardId} to");
        IActorRef? best = null;
        int bestCount = 0;
        bool bestLeaving = true;
        foreach (var (region, shards) in current)
        {
            bool leaving = _isLeaving(region);
            bool better = best is null
                || (bestLeaving && !leaving)
                || (bestLeaving == leaving && (shards.Count < bestCount
                    || (shards.Count == bestCount && string.CompareOrdinal(region.Path.ToString(), best.Path.ToString()) < 0)));
            if (!better) continue;
            best = region;
            bestCount = shards.Count;
            bestLeaving = leaving;
        }
        return Task.FromResult(best!);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> current, IImmutableSet<string> rebalanceInProgress) =>
        Task.FromResult(_absoluteLimit > 0 ? RebalanceBounded(current, rebalanceInProgress) : RebalanceByThreshold(current, rebalanceInProgress));

    /// <summary>The limit of one bounded rebalance round for <paramref name="totalShards"/> shards.</summary>
    public int RebalanceLimit(int totalShards) =>
        Math.Max(1, Math.Min((int)Math.Floor(_relativeLimit * totalShards), _absoluteLimit));

    private IImmutableSet<string> RebalanceBounded(IImmutableDictionary<IActorRef, IImmutableList<string>> current, IImmutableSet<string> inProgress)
    {
        var none = ImmutableHashSet<string>.Empty;
        if (inProgress.Count > 0 || current.Count == 0) return none;
        var regions = SortedByShardCount(current);
        int total = 0;
        foreach (var r in regions) total += r.Shards.Count;
        int optimal = (total + regions.Count - 1) / regions.Count;
        int limit = RebalanceLimit(total);

        // Phase 1: the excess above the optimal count of every over-full region.
        var excess = new List<string>();
        foreach (var r in regions)
            for (int i = optimal; i < r.Shards.Count; i++) excess.Add(r.Shards[i]);
        if (excess.Count > 0) return excess.Take(limit).ToImmutableHashSet();

        // Phase 2: a region has fewer than optimal − 1 shards: take one from each region holding the optimal count.
        int deficit = 0;
        foreach (var r in regions) deficit += Math.Max(0, optimal - 1 - r.Shards.Count);
        if (deficit == 0) return none;
        var picked = new List<string>();
        for (int i = regions.Count - 1; i >= 0 && picked.Count < Math.Min(deficit, limit); i--)
            if (regions[i].Shards.Count >= optimal) picked.Add(regions[i].Shards[^1]);
        return picked.ToImmutableHashSet();
    }

    private IImmutableSet<string> RebalanceByThreshold(IImmutableDictionary<IActorRef, IImmutableList<string>> current, IImmutableSet<string> inProgress)
    {
        var none = ImmutableHashSet<string>.Empty;
        if (inProgress.Count >= _maxSimultaneous || current.Count == 0) return none;
        var regions = SortedByShardCount(current);
        var least = regions[0].Shards.Count;
        var most = regions[^1].Shards.Where(s => !inProgress.Contains(s)).ToList();
        int difference = most.Count - least;
        if (difference < _threshold) return none;
        int n = Math.Min(Math.Min(difference - _threshold, _threshold), _maxSimultaneous - inProgress.Count);
        return most.Take(Math.Max(n, 0)).ToImmutableHashSet();
    }

    /// <summary>Regions (leaving ones dropped unless all leave) by shard count ascending, ties by path.</summary>
    private List<(IActorRef Region, IImmutableList<string> Shards)> SortedByShardCount(IImmutableDictionary<IActorRef, IImmutableList<string>> current)
    {
        var list = current.Where(kv => !_isLeaving(kv.Key)).Select(kv => (kv.Key, kv.Value)).ToList();
        if (list.Count == 0) list = current.Select(kv => (kv.Key, kv.Value)).ToList();
        list.Sort((a, b) => a.Value.Count != b.Value.Count ? a.Value.Count.CompareTo(b.Value.Count)
            : string.CompareOrdinal(a.Key.Path.ToString(), b.Key.Path.ToString()));
        return list;
    }
}
