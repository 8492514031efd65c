namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>
/// Gossip: every gossip-interval one peer is picked (usually one that has not seen our version); it gets the full
/// gossip when it has not seen our version, otherwise only a <see cref="GossipStatus"/>. Received gossip is
/// compared by vector clock: newer replaces ours, older is answered with ours, concurrent ones are merged.
/// </summary>
internal sealed partial class ClusterDaemon
{
    private void GossipTickHandler()
    {
        if (!IsMember || _selfRemoved) return;
        var target = PickGossipTarget();
        if (target is null) return;
        if (_latest.SeenBy(target)) DaemonAt(target.Address).Tell(new GossipStatus(_self, _latest.Version, _latest.SeenDigest()), Self);
        else SendGossipTo(target);
    }

    private UniqueAddress? PickGossipTarget()
    {
        var unreachableFromSelf = _latest.Reachability.AllUnreachableFrom(_self);
        var candidates = new List<UniqueAddress>();
        var notSeen = new List<UniqueAddress>();
        foreach (var m in _latest.Members)
        {
            var node = m.UniqueAddress;
            if (node.Equals(_self) || unreachableFromSelf.Contains(node)) continue;
            candidates.Add(node);
            if (!_latest.SeenBy(node)) notSeen.Add(node);
        }
        if (candidates.Count == 0) return null;
        // As upstream: mostly to a node whose view differs, so a change spreads quickly.
        var pool = notSeen.Count > 0 && _random.NextDouble() < 0.8 ? notSeen : candidates;
        return pool[_random.Next(pool.Count)];
    }

    private void PushGossip(int fanOut)
    {
        if (!IsMember || _selfRemoved) return;
        var unreachableFromSelf = _latest.Reachability.AllUnreachableFrom(_self);
        var targets = _latest.Members.Select(m => m.UniqueAddress)
            .Where(n => !n.Equals(_self) && !unreachableFromSelf.Contains(n) && !_latest.SeenBy(n))
            .OrderBy(_ => _random.Next()).Take(fanOut).ToList();
        foreach (var node in targets) SendGossipTo(node);
    }

    private void SendGossipTo(UniqueAddress node) =>
        DaemonAt(node.Address).Tell(new GossipEnvelope(_self, node, _latest), Self);

    private void OnGossipStatus(GossipStatus status)
    {
        if (!IsMember || _selfRemoved || !_latest.HasMember(status.From)) return;
        switch (status.Version.CompareTo(_latest.Version))
        {
            case VectorClock.Ordering.Same:
                // Same version: the sender has seen it. If its seen set differs, the full gossip reconciles both.
                if (!_latest.SeenBy(status.From)) UpdateLatest(_latest.MarkSeen(status.From));
                if (status.SeenDigest != _latest.SeenDigest()) SendGossipTo(status.From);
                break;
            case VectorClock.Ordering.After:
                // Theirs is newer: our status makes them send the gossip.
                DaemonAt(status.From.Address).Tell(new GossipStatus(_self, _latest.Version, _latest.SeenDigest()), Self);
                break;
            default:
                SendGossipTo(status.From);
                break;
        }
    }

    private void OnGossipEnvelope(GossipEnvelope envelope)
    {
        var from = envelope.From;
        var remote = envelope.Gossip;
        if (!envelope.To.Equals(_self))
        {
            if (envelope.To.Address.Equals(_self.Address) && _alone && !_latest.HasMember(from)) ForeignClusterKnowsThisAddress(from.Address);
            _log.Debug("ignoring gossip meant for another incarnation {0}", envelope.To);
            return;
        }
        if (remote.Tombstones.ContainsKey(_self))
        {
            if (!_selfRemoved && IsMember) UpdateLatest(remote); // we have been removed: the end of this node's membership
            return;
        }
        if (_selfRemoved || _shutdown) return;
        if (!IsMember)
        {
            // The Welcome may have been lost; gossip that contains us from the node we joined is as good.
            if (_joiningTo is not null && from.Address.Equals(_joiningTo) && remote.HasMember(_self))
                OnWelcome(new InternalClusterAction.Welcome(from, remote));
            return;
        }
        if (!remote.HasMember(_self) || (!_latest.HasMember(from) && !remote.HasMember(from)))
        {
            _log.Debug("ignoring gossip from {0} that does not contain this node or its sender", from.Address);
            return;
        }
        if (NowMs - envelope.ReceivedTicks > (long)_settings.GossipTimeToLive.TotalMilliseconds)
        {
            _log.Debug("ignoring gossip from {0} that waited longer than gossip-time-to-live", from.Address);
            return;
        }

        Gossip winning;
        bool talkBack;
        switch (_latest.Version.CompareTo(remote.Version))
        {
            case VectorClock.Ordering.Same:
                winning = _latest.WithSeen(_latest.Seen.Union(remote.Seen));
                talkBack = false;
                break;
            case VectorClock.Ordering.Before:
                winning = remote;
                talkBack = false;
                break;
            case VectorClock.Ordering.After:
                winning = _latest;
                talkBack = true;
                break;
            default:
                winning = _latest.Merge(remote);
                talkBack = true;
                break;
        }
        winning = winning.MarkSeen(_self);
        if (!ReferenceEquals(winning, _latest)) UpdateLatest(winning);
        // Answer when the sender's view differs from ours (including who has seen it): views meet in one round trip.
        if (talkBack || !_latest.Seen.SetEquals(remote.Seen)) SendGossipTo(from);
    }
}
