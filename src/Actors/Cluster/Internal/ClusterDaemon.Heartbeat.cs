namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>
/// Failure detection: each node sends heartbeats to up to monitored-by-nr-of-members peers picked from a ring of
/// all members (ordered by a hash of their address, so that the watchers of a node are spread out) and feeds the
/// responses to one phi accrual detector per peer. The reaper turns detector verdicts into this node's
/// observations in the reachability table, which the gossip spreads.
/// </summary>
internal sealed partial class ClusterDaemon
{
    private readonly Dictionary<UniqueAddress, PhiAccrualFailureDetector> _detectors = new();
    private readonly Dictionary<UniqueAddress, long> _firstHeartbeatDue = new();
    private HashSet<UniqueAddress> _monitored = [];
    private long _heartbeatSeq;

    private void OnHeartbeat(ClusterHeartbeat heartbeat)
    {
        Sender.Tell(new ClusterHeartbeatRsp(_self, heartbeat.SequenceNr), Self);
        if (_alone && _latest.MemberAt(heartbeat.From) is null) ForeignClusterKnowsThisAddress(heartbeat.From);
    }

    private void OnHeartbeatResponse(ClusterHeartbeatRsp response)
    {
        // A response from another incarnation at the same address says nothing about the one we watch.
        if (!_monitored.Contains(response.From)) return;
        DetectorFor(response.From).HeartBeat();
    }

    private PhiAccrualFailureDetector DetectorFor(UniqueAddress node)
    {
        if (!_detectors.TryGetValue(node, out var d))
        {
            d = new PhiAccrualFailureDetector(_settings.FailureDetectorThreshold, _settings.MaxSampleSize, _settings.MinStdDeviation,
                _settings.AcceptableHeartbeatPause, _settings.HeartbeatInterval);
            _detectors[node] = d;
        }
        return d;
    }

    /// <summary>The peers this node watches: the next N after itself on the ring, plus any it sees as unreachable.</summary>
    internal static HashSet<UniqueAddress> MonitoredNodes(UniqueAddress self, IEnumerable<UniqueAddress> members, int count, IEnumerable<UniqueAddress> unreachableFromSelf)
    {
        var ring = members.Append(self).Distinct().OrderBy(RingHash).ThenBy(n => n).ToList();
        int at = ring.IndexOf(self);
        var result = new HashSet<UniqueAddress>();
        for (int i = 1; i < ring.Count && result.Count < count; i++) result.Add(ring[(at + i) % ring.Count]);
        foreach (var u in unreachableFromSelf) if (!u.Equals(self)) result.Add(u);
        return result;
    }

    private static uint RingHash(UniqueAddress node)
    {
        // FNV-1a over the address text and uid: stable across processes (string.GetHashCode is randomized).
        uint h = 2166136261;
        foreach (char c in node.Address.ToString()) h = (h ^ c) * 16777619;
        for (int i = 0; i < 8; i++) h = (h ^ (byte)(node.Uid >> (8 * i))) * 16777619;
        return h;
    }

    private void SendHeartbeats()
    {
        if (!IsMember || _selfRemoved) return;
        var members = _latest.Members.Where(m => m.Status != MemberStatus.Removed).Select(m => m.UniqueAddress);
        var monitored = MonitoredNodes(_self, members, _settings.MonitoredByNrOfMembers, _latest.Reachability.AllUnreachableFrom(_self));
        foreach (var gone in _monitored.Where(n => !monitored.Contains(n)).ToList())
        {
            _detectors.Remove(gone);
            _firstHeartbeatDue.Remove(gone);
        }
        _monitored = monitored;
        long now = NowMs;
        long seq = ++_heartbeatSeq;
        foreach (var node in monitored)
        {
            DaemonAt(node.Address).Tell(new ClusterHeartbeat(_self.Address, seq), Self);
            if (!_detectors.ContainsKey(node))
            {
                // No answer at all is a failure too: start the detector once the first response is overdue.
                if (!_firstHeartbeatDue.TryGetValue(node, out var due))
                    _firstHeartbeatDue[node] = now + (long)_settings.ExpectedResponseAfter.TotalMilliseconds;
                else if (now >= due)
                {
                    _firstHeartbeatDue.Remove(node);
                    DetectorFor(node).HeartBeat();
                }
            }
        }
    }

    private void ReapUnreachable()
    {
        if (!IsMember || _selfRemoved || _shutdown) return;
        var reachability = _latest.Reachability;
        var changed = new List<string>();
        foreach (var node in _monitored)
        {
            if (!_detectors.TryGetValue(node, out var detector) || !_latest.HasMember(node)) continue;
            bool available = detector.IsAvailable;
            var observed = reachability.Status(_self, node);
            if (!available && observed == Reachability.ReachabilityStatus.Reachable)
            {
                reachability = reachability.Unreachable(_self, node);
                _log.Warning("Cluster Node [{0}] - Marking node as UNREACHABLE [{1}] (phi {2:F1})", _self.Address, node.Address, detector.Phi());
                changed.Add(node.Address.ToString());
            }
            else if (available && observed == Reachability.ReachabilityStatus.Unreachable)
            {
                reachability = reachability.Reachable(_self, node);
                _log.Info("Cluster Node [{0}] - Marking node as REACHABLE [{1}]", _self.Address, node.Address);
                changed.Add(node.Address.ToString());
            }
        }
        if (changed.Count > 0) UpdateLatest(_latest.WithReachability(reachability).Increment(_self));
    }
}
