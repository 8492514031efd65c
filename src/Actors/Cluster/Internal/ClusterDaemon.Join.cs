using System.Collections.Immutable;
using static ActorWarehouse.Actors.Cluster.Internal.InternalClusterAction;

namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>
/// Joining. Seed process: InitJoin to the seeds (but ourselves) every retry interval; the first InitJoinAck
/// decides whom we send Join to. The first seed in the list joins itself when no other seed acknowledges within
/// seed-node-timeout (or all answer InitJoinNack). A Join without Welcome is retried after
/// retry-unsuccessful-join-after. Only peers that passed remoting's secret handshake can reach this code.
/// </summary>
internal sealed partial class ClusterDaemon
{
    private ImmutableList<Address> _seedNodes = [];
    private long _seedProcessStart;
    private readonly HashSet<Address> _seedNacks = [];
    private Address? _joiningTo;
    // Some seed answered InitJoinAck: a cluster exists, so the first seed must never form a second one.
    private bool _clusterExists;
    // This node formed its cluster by joining itself and nobody else has joined yet.
    private bool _alone;
    // A cluster that knew a previous incarnation of this node, to join instead of staying alone.
    private Address? _rejoinTarget;
    private long _joinDeadline;

    private void StartSeedProcess(ImmutableList<Address> seeds)
    {
        if (IsMember || _shutdown)
        {
            _log.Warning("Cluster Node [{0}] - already a member (or shut down); ignoring JoinSeedNodes", _self.Address);
            return;
        }
        if (seeds.IsEmpty) return;
        _seedNodes = seeds.Distinct().ToImmutableList();
        _seedProcessStart = NowMs;
        _seedNacks.Clear();
        _joiningTo = null;
        _clusterExists = false;
        if (_seedNodes.Count == 1 && _seedNodes[0].Equals(_self.Address))
        {
            JoinTo(_self.Address); // the only seed: nobody else can hold the cluster
            return;
        }
        SendInitJoins();
        Timers.StartPeriodicTimer("seed", JoinSeedNodesTick.Instance, _settings.SeedNodeRetryInterval);
    }

    private void SendInitJoins()
    {
        foreach (var seed in _seedNodes)
            if (!seed.Equals(_self.Address)) DaemonAt(seed).Tell(new InitJoin(Context.System.Name), Self);
    }

    private bool IsFirstSeed => !_seedNodes.IsEmpty && _seedNodes[0].Equals(_self.Address);

    private void SeedTick()
    {
        if (IsMember || _shutdown)
        {
            Timers.Cancel("seed");
            return;
        }
        long now = NowMs;
        if (_joiningTo is not null)
        {
            if (_settings.RetryUnsuccessfulJoinAfter is null || now < _joinDeadline) return;
            _log.Warning("Cluster Node [{0}] - no Welcome from {1}; trying the seed nodes again", _self.Address, _joiningTo);
            _joiningTo = null;
            if (_rejoinTarget is { } target)
            {
                JoinTo(target);
                return;
            }
        }
        if (IsFirstSeed && !_clusterExists && now - _seedProcessStart >= (long)_settings.SeedNodeTimeout.TotalMilliseconds)
        {
            _log.Info("Cluster Node [{0}] - no other seed node answered within {1}; joining myself", _self.Address, _settings.SeedNodeTimeout);
            JoinTo(_self.Address);
            return;
        }
        if (_settings.ShutdownAfterUnsuccessfulJoinSeedNodes is { } giveUp && now - _seedProcessStart >= (long)giveUp.TotalMilliseconds)
        {
            _log.Warning("Cluster Node [{0}] - joining the seed nodes [{1}] did not succeed within {2}; shutting down",
                _self.Address, string.Join(", ", _seedNodes), giveUp);
            Timers.Cancel("seed");
            _ = CoordinatedShutdown.Get(Context.System).Run(CoordinatedShutdown.ClusterJoinUnsuccessfulReason.Instance);
            return;
        }
        SendInitJoins();
    }

    private void OnInitJoin(InitJoin initJoin)
    {
        if (initJoin.SystemName != Context.System.Name)
        {
            // All nodes of a cluster share one actor system name (upstream refuses such joins too).
            _log.Warning("Cluster Node [{0}] - refusing InitJoin from actor system [{1}]: this cluster is [{2}]", _self.Address, initJoin.SystemName, Context.System.Name);
            Sender.Tell(new InitJoinNack(_self.Address), Self);
            return;
        }
        bool canAccept = IsMember && !_shutdown && !_downed && SelfMember!.Status is not (MemberStatus.Exiting or MemberStatus.Down);
        Sender.Tell(canAccept ? new InitJoinAck(_self.Address) : new InitJoinNack(_self.Address), Self);
    }

    private void OnInitJoinAck(InitJoinAck ack)
    {
        if (IsMember || _shutdown || _joiningTo is not null || _seedNodes.IsEmpty) return;
        _clusterExists = true;
        JoinTo(ack.Address);
    }

    private void OnInitJoinNack(InitJoinNack nack)
    {
        if (IsMember || _shutdown || !IsFirstSeed || _joiningTo is not null || _clusterExists) return;
        _seedNacks.Add(nack.Address);
        // Every other seed is up but not in a cluster: the first seed forms it at once.
        if (_seedNodes.All(s => s.Equals(_self.Address) || _seedNacks.Contains(s)))
        {
            _log.Info("Cluster Node [{0}] - all other seed nodes answered that they are not in a cluster; joining myself", _self.Address);
            JoinTo(_self.Address);
        }
    }

    private void JoinTo(Address address)
    {
        if (_shutdown || _cluster.IsTerminated)
        {
            _log.Warning("Cluster Node [{0}] - this node's cluster has shut down; it cannot join again (start a new incarnation)", _self.Address);
            return;
        }
        if (IsMember)
        {
            _log.Warning("Cluster Node [{0}] - already a member; ignoring Join to {1}", _self.Address, address);
            return;
        }
        if (address.Equals(_self.Address))
        {
            Timers.Cancel("seed");
            _joiningTo = null;
            var self = Member.Create(_self, _settings.Roles);
            _alone = true;
            UpdateLatest(Gossip.Create([self]).Increment(_self));
            _log.Info("Cluster Node [{0}] - is JOINING itself (forming a new cluster)", _self.Address);
            return;
        }
        _joiningTo = address;
        _joinDeadline = NowMs + (long)(_settings.RetryUnsuccessfulJoinAfter ?? TimeSpan.FromDays(1)).TotalMilliseconds;
        if (!Timers.IsTimerActive("seed")) Timers.StartPeriodicTimer("seed", JoinSeedNodesTick.Instance, _settings.SeedNodeRetryInterval);
        _log.Info("Cluster Node [{0}] - trying to JOIN {1}", _self.Address, address);
        DaemonAt(address).Tell(new Join(_self, _settings.Roles), Self);
    }

    private void OnJoin(Join join)
    {
        if (!IsMember || _shutdown || _downed)
        {
            _log.Info("Cluster Node [{0}] - ignoring Join from {1}: not a member myself", _self.Address, join.Node.Address);
            return;
        }
        var node = join.Node;
        if (node.Address.Equals(_self.Address)) return;
        if (_latest.Tombstones.ContainsKey(node))
        {
            _log.Info("Cluster Node [{0}] - ignoring Join from removed incarnation {1}", _self.Address, node);
            return;
        }
        var existing = _latest.MemberAt(node.Address);
        if (existing is not null && existing.UniqueAddress.Equals(node))
        {
            DaemonAt(node.Address).Tell(new Welcome(_self, _latest), Self);
            return;
        }
        if (existing is not null)
        {
            // A restarted process at a member's address: the old incarnation is gone. Down it; the newcomer's
            // retries succeed once the leader has removed the old one.
            if (existing.Status != MemberStatus.Down)
            {
                _log.Info("Cluster Node [{0}] - new incarnation of existing member [{1}] is trying to join; downing the old incarnation (uid {2})",
                    _self.Address, existing.Address, existing.UniqueAddress.Uid);
                // Its process is known to be replaced, so it is Terminated as well: removal needs no failure detection.
                var g = _latest.Update(existing.Copy(MemberStatus.Down));
                UpdateLatest(g.WithReachability(g.Reachability.Terminated(_self, existing.UniqueAddress)).Increment(_self));
            }
            return;
        }
        _log.Info("Cluster Node [{0}] - Node [{1}] is JOINING, roles [{2}]", _self.Address, node.Address, string.Join(",", join.Roles));
        _alone = false;
        UpdateLatest(_latest.Update(Member.Create(node, join.Roles)).Increment(_self));
        DaemonAt(node.Address).Tell(new Welcome(_self, _latest), Self);
    }

    /// <summary>
    /// A heartbeat or gossip from a node outside our gossip while we are a cluster of one that we formed ourselves:
    /// that node's cluster still counts a previous incarnation of this address (a restarted seed, e.g. a
    /// lighthouse whose seed list is only itself). Instead of staying a second cluster, give up ours (nobody else
    /// is in it) and join theirs; they down the old incarnation and admit this one.
    /// </summary>
    private void ForeignClusterKnowsThisAddress(Address contact)
    {
        if (!_alone || _shutdown || _rejoinTarget is not null || _latest.Members.Count != 1 || contact.Equals(_self.Address)) return;
        _log.Warning("Cluster Node [{0}] - {1} belongs to a cluster that knew a previous incarnation of this node; leaving my own one-node cluster to join it",
            _self.Address, contact);
        _alone = false;
        _clusterExists = true;
        _rejoinTarget = contact;
        _latest = Gossip.Empty; // nothing to tell anyone: we were alone
        _cluster.SetMemberAddresses([]);
        _publisher.Tell(ClusterEventPublisher.Reset.Instance);
        JoinTo(contact);
    }

    private void OnWelcome(Welcome welcome)
    {
        if (IsMember || _shutdown) return;
        if (_joiningTo is null || !welcome.From.Address.Equals(_joiningTo) || !welcome.Gossip.HasMember(_self))
        {
            _log.Info("Cluster Node [{0}] - ignoring an unexpected Welcome from {1}", _self.Address, welcome.From.Address);
            return;
        }
        Timers.Cancel("seed");
        _joiningTo = null;
        _rejoinTarget = null;
        _log.Info("Cluster Node [{0}] - Welcome from [{1}]", _self.Address, welcome.From.Address);
        UpdateLatest(welcome.Gossip.MarkSeen(_self));
        SendGossipTo(welcome.From);
    }
}
