using System.Collections.Immutable;
using ActorWarehouse.Actors.Event;

namespace ActorWarehouse.Actors.Cluster.SBR;

/// <summary>
/// INTERNAL API. Watches membership and reachability on every node; only the leader acts. Once the set of
/// members and the set of unreachable members have been unchanged for stable-after, it applies keep-majority.
/// When unreachability keeps changing for stable-after plus down-all-when-unstable, it downs every member
/// (a flapping network gives no safe majority). Returns the nodes to mark Down.
/// </summary>
internal sealed class SplitBrainResolver(ClusterSettings settings, ILoggingAdapter log)
{
    private ImmutableHashSet<UniqueAddress> _members = [];
    private ImmutableHashSet<UniqueAddress> _unreachable = [];
    private long _stableSince = -1;
    private long? _unstableSince;

    public IReadOnlyCollection<UniqueAddress> OnTick(Gossip gossip, UniqueAddress self, bool isLeader, long nowMs)
    {
        var members = gossip.Members.Where(m => KeepMajority.IsCounted(m, null)).Select(m => m.UniqueAddress).ToImmutableHashSet();
        var unreachable = gossip.UnreachableNodes().Where(n => gossip.Member(n) is { Status: not (MemberStatus.Down or MemberStatus.Removed) }).ToImmutableHashSet();
        if (_stableSince < 0 || !members.SetEquals(_members) || !unreachable.SetEquals(_unreachable))
        {
            _stableSince = nowMs;
            if (!unreachable.SetEquals(_unreachable) && !unreachable.IsEmpty) _unstableSince ??= nowMs;
            _members = members;
            _unreachable = unreachable;
        }
        if (unreachable.IsEmpty)
        {
            _unstableSince = null;
            return [];
        }
        if (!isLeader) return [];

        if (settings.DownAllWhenUnstable is { } extra && _unstableSince is { } since
            && nowMs - since >= (long)(settings.StableAfter + extra).TotalMilliseconds && nowMs - _stableSince < (long)settings.StableAfter.TotalMilliseconds)
        {
            log.Warning("SBR: reachability has been unstable for {0}; downing all members", TimeSpan.FromMilliseconds(nowMs - since));
            _stableSince = nowMs;
            return gossip.Members.Select(m => m.UniqueAddress).ToList();
        }
        if (nowMs - _stableSince < (long)settings.StableAfter.TotalMilliseconds) return [];

        var decision = KeepMajority.Decide(gossip.Members, unreachable, settings.KeepMajorityRole);
        _stableSince = nowMs; // decide once per stable period
        _unstableSince = null;
        var reachableSide = gossip.Members.Where(m => !unreachable.Contains(m.UniqueAddress)).Select(m => m.UniqueAddress).ToList();
        if (decision == KeepMajority.Decision.DownUnreachable)
        {
            log.Warning("SBR: keep-majority keeps this side ({0} reachable); downing unreachable [{1}]",
                reachableSide.Count, string.Join(", ", unreachable.Select(u => u.Address)));
            return unreachable;
        }
        log.Warning("SBR: keep-majority: this side ({0} reachable, {1} unreachable) is the minority; downing itself [{2}]",
            reachableSide.Count, unreachable.Count, string.Join(", ", reachableSide.Select(u => u.Address)));
        return reachableSide;
    }
}
