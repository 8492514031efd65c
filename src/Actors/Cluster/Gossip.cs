using System.Collections.Immutable;

namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// The membership state every node gossips: members sorted by address, who has seen this version, the
/// reachability table, the vector-clock version, and tombstones of removed members (so a merge with an old
/// gossip cannot bring them back). Immutable; every change that others must learn increments the version.
/// </summary>
public sealed class Gossip
{
    public static readonly Gossip Empty = new(ImmutableSortedSet<Member>.Empty, ImmutableHashSet<UniqueAddress>.Empty,
        Reachability.Empty, VectorClock.Empty, ImmutableDictionary<UniqueAddress, long>.Empty);

    /// <summary>Statuses whose members must have seen a version for convergence.</summary>
    private static bool MustSee(MemberStatus s) => s is MemberStatus.Up or MemberStatus.Leaving;

    public Gossip(ImmutableSortedSet<Member> members, ImmutableHashSet<UniqueAddress> seen, Reachability reachability,
        VectorClock version, ImmutableDictionary<UniqueAddress, long> tombstones)
    {
        Members = members;
        Seen = seen;
        Reachability = reachability;
        Version = version;
        Tombstones = tombstones;
    }

    public ImmutableSortedSet<Member> Members { get; }
    public ImmutableHashSet<UniqueAddress> Seen { get; }
    public Reachability Reachability { get; }
    public VectorClock Version { get; }
    /// <summary>Removed nodes and when (Unix milliseconds) they were removed.</summary>
    public ImmutableDictionary<UniqueAddress, long> Tombstones { get; }

    public static Gossip Create(IEnumerable<Member> members) =>
        Empty.WithMembers(members.ToImmutableSortedSet());

    public Gossip WithMembers(ImmutableSortedSet<Member> members) => new(members, Seen, Reachability, Version, Tombstones);
    public Gossip WithReachability(Reachability reachability) => new(Members, Seen, reachability, Version, Tombstones);
    public Gossip WithVersion(VectorClock version) => new(Members, Seen, Reachability, version, Tombstones);
    public Gossip WithSeen(ImmutableHashSet<UniqueAddress> seen) => new(Members, seen, Reachability, Version, Tombstones);

    /// <summary>A new version by <paramref name="node"/>: only it has seen it.</summary>
    public Gossip Increment(UniqueAddress node) =>
        new(Members, ImmutableHashSet.Create(node), Reachability, Version.Increment(node), Tombstones);

    public Gossip MarkSeen(UniqueAddress node) => Seen.Contains(node) ? this : WithSeen(Seen.Add(node));

    public bool SeenBy(UniqueAddress node) => Seen.Contains(node);

    /// <summary>An order-independent digest of the seen set (equal sets give equal digests across processes).</summary>
    public long SeenDigest()
    {
        long digest = Seen.Count;
        foreach (var node in Seen)
        {
            long h = node.Uid * -7046029254386353131L;
            foreach (char c in node.Address.ToString()) h = (h ^ c) * 1099511628211L;
            digest += h;
        }
        return digest;
    }

    public Member? Member(UniqueAddress node)
    {
        foreach (var m in Members) if (m.UniqueAddress.Equals(node)) return m;
        return null;
    }

    public Member? MemberAt(Address address)
    {
        foreach (var m in Members) if (m.Address.Equals(address)) return m;
        return null;
    }

    public bool HasMember(UniqueAddress node) => Member(node) is not null;

    /// <summary>Replaces (or adds) one member.</summary>
    public Gossip Update(Member member) => WithMembers(Members.Remove(member).Add(member));

    /// <summary>Removes a member for good: tombstoned, pruned from the clock, the seen set and reachability.</summary>
    public Gossip Remove(UniqueAddress node, long removedAtUnixMs)
    {
        var member = Member(node);
        var members = member is null ? Members : Members.Remove(member);
        return new Gossip(members, Seen.Remove(node), Reachability.Remove([node]), Version.Prune(node),
            Tombstones.SetItem(node, removedAtUnixMs));
    }

    /// <summary>Forgets tombstones older than <paramref name="olderThanUnixMs"/>.</summary>
    public Gossip PruneTombstones(long olderThanUnixMs)
    {
        var old = Tombstones.Where(t => t.Value < olderThanUnixMs).Select(t => t.Key).ToList();
        return old.Count == 0 ? this : new Gossip(Members, Seen, Reachability, Version, Tombstones.RemoveRange(old));
    }

    /// <summary>
    /// Merges a concurrent gossip: clocks merged, for each node the member with the higher status precedence,
    /// tombstoned nodes dropped, reachability merged per observer. Nobody has seen the result yet.
    /// </summary>
    public Gossip Merge(Gossip that)
    {
        var tombstones = Tombstones;
        foreach (var (node, at) in that.Tombstones)
            if (!tombstones.TryGetValue(node, out var mine) || at > mine) tombstones = tombstones.SetItem(node, at);

        var byNode = new Dictionary<UniqueAddress, Member>();
        foreach (var m in Members.Concat(that.Members))
        {
            if (tombstones.ContainsKey(m.UniqueAddress)) continue;
            byNode[m.UniqueAddress] = byNode.TryGetValue(m.UniqueAddress, out var other) ? global::ActorWarehouse.Actors.Cluster.Member.HighestPriorityOf(other, m) : m;
        }
        var members = byNode.Values.ToImmutableSortedSet();
        var version = Version.Merge(that.Version);
        foreach (var node in tombstones.Keys) version = version.Prune(node);
        var allowed = members.Select(m => m.UniqueAddress).ToHashSet();
        var reachability = Reachability.Merge(allowed, that.Reachability);
        return new Gossip(members, ImmutableHashSet<UniqueAddress>.Empty, reachability, version, tombstones);
    }

    /// <summary>Nodes unreachable in this gossip, not counting what downed nodes observe.</summary>
    public ImmutableHashSet<UniqueAddress> UnreachableNodes()
    {
        if (Reachability.IsEmpty) return ImmutableHashSet<UniqueAddress>.Empty;
        var downed = Members.Where(m => m.Status == MemberStatus.Down).Select(m => m.UniqueAddress).ToHashSet();
        return Reachability.RemoveObservers(downed).AllUnreachableOrTerminated.Where(HasMember).ToImmutableHashSet();
    }

    /// <summary>
    /// Convergence: no unreachable member except Down or Exiting ones, and every reachable Up or Leaving member
    /// (except those that confirmed exiting) has seen this version.
    /// </summary>
    public bool Convergence(UniqueAddress self, IReadOnlySet<UniqueAddress>? exitingConfirmed = null)
    {
        var unreachable = UnreachableNodes();
        foreach (var node in unreachable)
        {
            if (node.Equals(self)) continue;
            var m = Member(node);
            if (m is not null && m.Status is not (MemberStatus.Down or MemberStatus.Exiting)) return false;
        }
        foreach (var m in Members)
        {
            if (!MustSee(m.Status) || unreachable.Contains(m.UniqueAddress)) continue;
            if (exitingConfirmed is not null && exitingConfirmed.Contains(m.UniqueAddress)) continue;
            if (!Seen.Contains(m.UniqueAddress)) return false;
        }
        return true;
    }

    /// <summary>Members this node can lead: not Down, and reachable (self always counts as reachable).</summary>
    private IEnumerable<Member> LeaderCandidates(UniqueAddress self, IEnumerable<Member> members)
    {
        var unreachable = UnreachableNodes();
        return members.Where(m => m.Status != MemberStatus.Down && (m.UniqueAddress.Equals(self) || !unreachable.Contains(m.UniqueAddress)));
    }

    /// <summary>
    /// The leader as <paramref name="self"/> sees it: the first by address among reachable Up or Leaving members;
    /// without any, the first reachable member ordering Exiting last (so a lone Joining node leads itself to Up).
    /// </summary>
    public Member? Leader(UniqueAddress self) => LeaderOf(self, Members);

    public Member? RoleLeader(UniqueAddress self, string role) => LeaderOf(self, Members.Where(m => m.HasRole(role)));

    private Member? LeaderOf(UniqueAddress self, IEnumerable<Member> members)
    {
        Member? best = null;
        Member? fallback = null;
        foreach (var m in LeaderCandidates(self, members))
        {
            if (m.Status is MemberStatus.Up or MemberStatus.Leaving)
            {
                if (best is null || m.CompareTo(best) < 0) best = m;
            }
            else if (fallback is null || (fallback.Status == MemberStatus.Exiting && m.Status != MemberStatus.Exiting)
                     || (fallback.Status == MemberStatus.Exiting) == (m.Status == MemberStatus.Exiting) && m.CompareTo(fallback) < 0)
            {
                fallback = m;
            }
        }
        return best ?? fallback;
    }

    public bool IsLeader(UniqueAddress self) => Leader(self)?.UniqueAddress.Equals(self) == true;

    public override string ToString() =>
        $"Gossip(members = [{string.Join(", ", Members)}], seen = [{string.Join(", ", Seen.Select(s => s.Address))}], {Reachability}, {Version})";
}
