using System.Collections.Immutable;
using static ActorWarehouse.Actors.Cluster.Internal.InternalClusterAction;

namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>
/// Leader actions (every leader-actions-interval, only on the node that is the leader in its own gossip):
/// at convergence Joining/WeaklyUp→Up (when min-nr-of-members is met), Leaving→Exiting, and removal of Down
/// members and of Exiting ones that are unreachable or confirmed; without convergence for allow-weakly-up-members,
/// reachable Joining members become WeaklyUp. The split brain resolver also runs here. Leave and Down from any
/// node just change the gossip.
/// </summary>
internal sealed partial class ClusterDaemon
{
    private long? _noConvergenceSince;

    private void LeaderActions()
    {
        if (!IsMember || _selfRemoved || _shutdown) return;
        bool isLeader = _latest.IsLeader(_self);
        if (_sbr is not null)
        {
            var toDown = _sbr.OnTick(_latest, _self, isLeader, NowMs);
            if (toDown.Count > 0)
            {
                var g = _latest;
                foreach (var node in toDown)
                    if (g.Member(node) is { } m && m.Status is not (MemberStatus.Down or MemberStatus.Removed))
                        g = g.Update(m.Copy(MemberStatus.Down));
                if (!ReferenceEquals(g, _latest)) UpdateLatest(g.Increment(_self));
                return;
            }
        }
        if (!isLeader) return;

        if (_latest.Convergence(_self, _exitingConfirmed))
        {
            _noConvergenceSince = null;
            LeaderActionsOnConvergence();
        }
        else if (_settings.AllowWeaklyUpMembers is { } weaklyUpAfter)
        {
            long now = NowMs;
            _noConvergenceSince ??= now;
            if (now - _noConvergenceSince.Value >= (long)weaklyUpAfter.TotalMilliseconds) MoveJoiningToWeaklyUp();
        }
    }

    internal static bool IsMinNrOfMembersFulfilled(Gossip gossip, ClusterSettings settings) =>
        IsMinNrOfMembersFulfilled(gossip, settings.MinNrOfMembers, settings.MinNrOfMembersOfRole);

    internal static bool IsMinNrOfMembersFulfilled(Gossip gossip, int minNrOfMembers, IReadOnlyDictionary<string, int> perRole)
    {
        if (gossip.Members.Count < minNrOfMembers) return false;
        foreach (var (role, min) in perRole)
            if (gossip.Members.Count(m => m.HasRole(role)) < min) return false;
        return true;
    }

    private void LeaderActionsOnConvergence()
    {
        var g = _latest;
        var unreachable = g.UnreachableNodes();
        int upNumber = g.Members.Where(m => m.UpNumber != Member.NotUpNumber).Select(m => m.UpNumber).DefaultIfEmpty(0).Max();
        bool enoughMembers = IsMinNrOfMembersFulfilled(g, _settings);
        var changed = new List<Member>();
        var removed = new List<Member>();
        foreach (var m in g.Members)
        {
            switch (m.Status)
            {
                case MemberStatus.Joining or MemberStatus.WeaklyUp when enoughMembers && !unreachable.Contains(m.UniqueAddress):
                    changed.Add(m.CopyUp(++upNumber));
                    break;
                case MemberStatus.Leaving:
                    changed.Add(m.Copy(MemberStatus.Exiting));
                    break;
                case MemberStatus.Down when unreachable.Contains(m.UniqueAddress) || g.SeenBy(m.UniqueAddress):
                case MemberStatus.Exiting when unreachable.Contains(m.UniqueAddress) || _exitingConfirmed.Contains(m.UniqueAddress):
                    removed.Add(m);
                    break;
            }
        }
        if (changed.Count == 0 && removed.Count == 0) return;
        foreach (var m in changed)
        {
            _log.Info("Cluster Node [{0}] - Leader is moving node [{1}] to [{2}]", _self.Address, m.Address, m.Status);
            g = g.Update(m);
        }
        long at = UnixNowMs;
        foreach (var m in removed)
        {
            _log.Info("Cluster Node [{0}] - Leader is removing {1} node [{2}]", _self.Address, unreachable.Contains(m.UniqueAddress) ? "unreachable" : m.Status.ToString().ToLowerInvariant(), m.Address);
            g = g.Remove(m.UniqueAddress, at);
            _exitingConfirmed.Remove(m.UniqueAddress);
        }
        // Tombstones only need to outlive any gossip still in flight about the removed nodes.
        g = g.PruneTombstones(at - (long)TimeSpan.FromHours(1).TotalMilliseconds);
        UpdateLatest(g.Increment(_self));
        // The removed nodes that still listen learn it from the leader directly (they are no longer gossip targets).
        foreach (var m in removed)
            if (!m.UniqueAddress.Equals(_self) && !unreachable.Contains(m.UniqueAddress))
                DaemonAt(m.Address).Tell(new GossipEnvelope(_self, m.UniqueAddress, _latest), Self);
    }

    private void MoveJoiningToWeaklyUp()
    {
        var g = _latest;
        var unreachable = g.UnreachableNodes();
        bool changed = false;
        foreach (var m in g.Members)
        {
            if (m.Status != MemberStatus.Joining || unreachable.Contains(m.UniqueAddress)) continue;
            _log.Info("Cluster Node [{0}] - Leader is moving node [{1}] to [WeaklyUp]", _self.Address, m.Address);
            g = g.Update(m.Copy(MemberStatus.WeaklyUp));
            changed = true;
        }
        if (changed) UpdateLatest(g.Increment(_self));
    }

    private void Leave(Address address)
    {
        if (!IsMember)
        {
            if (address.Equals(_self.Address))
            {
                // Not in a cluster: leaving is just shutting down.
                _ = CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
            }
            return;
        }
        var m = _latest.MemberAt(address);
        if (m is null || m.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up)) return;
        _log.Info("Cluster Node [{0}] - Marked address [{1}] as [Leaving]", _self.Address, address);
        UpdateLatest(_latest.Update(m.Copy(MemberStatus.Leaving)).Increment(_self));
    }

    private void Down(Address address)
    {
        if (!IsMember) return;
        var m = _latest.MemberAt(address);
        if (m is null || m.Status is MemberStatus.Down or MemberStatus.Removed) return;
        _log.Info("Cluster Node [{0}] - Marking node [{1}] as [Down]", _self.Address, address);
        UpdateLatest(_latest.Update(m.Copy(MemberStatus.Down)).Increment(_self));
    }

    private void OnExitingConfirmed(UniqueAddress node)
    {
        if (_latest.Member(node)?.Status == MemberStatus.Exiting) _exitingConfirmed.Add(node);
    }

    /// <summary>This node finished its exiting tasks: every member (the leader among them) hears it.</summary>
    private void OnExitingCompleted()
    {
        if (!IsMember || SelfMember!.Status != MemberStatus.Exiting) return;
        _exitingConfirmed.Add(_self);
        foreach (var m in _latest.Members)
            if (!m.UniqueAddress.Equals(_self)) DaemonAt(m.Address).Tell(new ExitingConfirmed(_self), Self);
    }
}
