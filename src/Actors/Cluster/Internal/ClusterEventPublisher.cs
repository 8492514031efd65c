using System.Collections.Immutable;
using static ActorWarehouse.Actors.Cluster.ClusterEvent;

namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>
/// INTERNAL API. Turns successive gossips into cluster events (diffing members, reachability and leaders),
/// updates the <see cref="Cluster.State"/> snapshot, and delivers events to subscribers (and the event stream).
/// </summary>
internal sealed class ClusterEventPublisher : ReceiveActor
{
    private readonly Cluster _cluster;
    private readonly Dictionary<IActorRef, HashSet<Type>> _subscribers = new();
    private Gossip _latest = Gossip.Empty;
    private CurrentClusterState _state = CurrentClusterState.Empty;
    private bool _selfRemoved;

    public ClusterEventPublisher(Cluster cluster)
    {
        _cluster = cluster;
        Receive<InternalClusterAction.PublishChanges>(p => Publish(p.Gossip));
        Receive<InternalClusterAction.Subscribe>(OnSubscribe);
        Receive<InternalClusterAction.Unsubscribe>(OnUnsubscribe);
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
        Receive<ClusterDaemon.SelfRemovedNotice>(_ => OnSelfRemoved());
        Receive<Reset>(_ =>
        {
            // The daemon dropped its one-node cluster to join another: start from nothing, without events.
            _latest = Gossip.Empty;
            _state = CurrentClusterState.Empty;
            _cluster.UpdateState(_state, Member.Removed(_cluster.SelfUniqueAddress));
        });
        Receive<InternalClusterAction.Shutdown>(_ =>
        {
            Emit(ClusterShuttingDown.Instance);
            _cluster.MarkTerminated();
        });
    }

    /// <summary>From the daemon: forget the current gossip silently.</summary>
    internal sealed class Reset { public static readonly Reset Instance = new(); }

    private void OnSubscribe(InternalClusterAction.Subscribe s)
    {
        if (!_subscribers.TryGetValue(s.Subscriber, out var types))
        {
            _subscribers[s.Subscriber] = types = [];
            Context.Watch(s.Subscriber);
        }
        types.UnionWith(s.To);
        if (s.InitialStateMode == InitialStateAsSnapshot)
        {
            s.Subscriber.Tell(_state);
            return;
        }
        foreach (var e in InitialEvents(_latest, _cluster.SelfUniqueAddress))
            if (s.To.Any(t => t.IsInstanceOfType(e))) s.Subscriber.Tell(e);
    }

    private void OnUnsubscribe(InternalClusterAction.Unsubscribe u)
    {
        if (u.To is null || !_subscribers.TryGetValue(u.Subscriber, out var types))
        {
            if (_subscribers.Remove(u.Subscriber)) Context.Unwatch(u.Subscriber);
            return;
        }
        types.Remove(u.To);
        if (types.Count == 0 && _subscribers.Remove(u.Subscriber)) Context.Unwatch(u.Subscriber);
    }

    private void Publish(Gossip gossip)
    {
        var self = _cluster.SelfUniqueAddress;
        var events = Diff(_latest, gossip, self);
        _latest = gossip;
        _state = StateOf(gossip, self);
        var selfMember = gossip.Member(self) ?? Member.Removed(self);
        _cluster.UpdateState(_state, selfMember);
        foreach (var e in events) Emit(e);
    }

    private void OnSelfRemoved()
    {
        if (_selfRemoved) return;
        _selfRemoved = true;
        _cluster.MarkTerminated();
    }

    private void Emit(object e)
    {
        foreach (var (subscriber, types) in _subscribers)
            foreach (var t in types)
                if (t.IsInstanceOfType(e))
                {
                    subscriber.Tell(e);
                    break;
                }
        Context.System.EventStream.Publish(e);
    }

    internal static CurrentClusterState StateOf(Gossip g, UniqueAddress self)
    {
        var unreachable = g.UnreachableNodes();
        var roles = g.Members.SelectMany(m => m.Roles).Distinct(StringComparer.Ordinal);
        return new CurrentClusterState(
            g.Members,
            g.Members.Where(m => unreachable.Contains(m.UniqueAddress) && !m.UniqueAddress.Equals(self)).ToImmutableHashSet(),
            g.Seen.Select(s => s.Address).ToImmutableHashSet(),
            g.Leader(self)?.Address,
            roles.ToImmutableDictionary(r => r, r => g.RoleLeader(self, r)?.Address, StringComparer.Ordinal));
    }

    private static IMemberEvent? StatusEvent(Member m) => m.Status switch
    {
        MemberStatus.Joining => new MemberJoined(m),
        MemberStatus.WeaklyUp => new MemberWeaklyUp(m),
        MemberStatus.Up => new MemberUp(m),
        MemberStatus.Leaving => new MemberLeft(m),
        MemberStatus.Exiting => new MemberExited(m),
        MemberStatus.Down => new MemberDowned(m),
        _ => null,
    };

    internal static List<IClusterDomainEvent> InitialEvents(Gossip g, UniqueAddress self)
    {
        var events = new List<IClusterDomainEvent>();
        foreach (var m in g.Members) if (StatusEvent(m) is { } e) events.Add(e);
        var unreachable = g.UnreachableNodes();
        foreach (var m in g.Members)
            if (unreachable.Contains(m.UniqueAddress) && !m.UniqueAddress.Equals(self)) events.Add(new UnreachableMember(m));
        events.Add(new LeaderChanged(g.Leader(self)?.Address));
        foreach (var role in g.Members.SelectMany(m => m.Roles).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            events.Add(new RoleLeaderChanged(role, g.RoleLeader(self, role)?.Address));
        return events;
    }

    /// <summary>The events that lead from <paramref name="old"/> to <paramref name="now"/>, members in address order.</summary>
    internal static List<IClusterDomainEvent> Diff(Gossip old, Gossip now, UniqueAddress self)
    {
        var events = new List<IClusterDomainEvent>();
        foreach (var m in now.Members)
        {
            var before = old.Member(m.UniqueAddress);
            if ((before is null || before.Status != m.Status) && StatusEvent(m) is { } e) events.Add(e);
        }
        foreach (var m in old.Members)
            if (!now.HasMember(m.UniqueAddress))
                events.Add(new MemberRemoved(new Member(m.UniqueAddress, m.UpNumber, MemberStatus.Removed, m.Roles), m.Status));

        var oldUnreachable = old.UnreachableNodes();
        var newUnreachable = now.UnreachableNodes();
        foreach (var m in now.Members)
        {
            if (m.UniqueAddress.Equals(self)) continue;
            bool was = oldUnreachable.Contains(m.UniqueAddress), isNow = newUnreachable.Contains(m.UniqueAddress);
            if (isNow && !was) events.Add(new UnreachableMember(m));
            else if (was && !isNow) events.Add(new ReachableMember(m));
        }

        var oldLeader = old.Leader(self)?.Address;
        var newLeader = now.Leader(self)?.Address;
        if (!Equals(oldLeader, newLeader)) events.Add(new LeaderChanged(newLeader));
        var roles = old.Members.Concat(now.Members).SelectMany(m => m.Roles).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            var a = old.RoleLeader(self, role)?.Address;
            var b = now.RoleLeader(self, role)?.Address;
            if (!Equals(a, b)) events.Add(new RoleLeaderChanged(role, b));
        }
        return events;
    }
}
