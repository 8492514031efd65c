using System.Collections.Immutable;
using System.Globalization;

namespace ActorWarehouse.Actors.Cluster;

/// <summary>Where a member is in its life in the cluster (Akka's names and numbering).</summary>
public enum MemberStatus
{
    Joining = 0,
    Up = 1,
    Leaving = 2,
    Exiting = 3,
    Down = 4,
    Removed = 5,
    WeaklyUp = 6,
}

/// <summary>An actor system address plus the uid of one incarnation: a restarted process is another node.</summary>
public sealed record UniqueAddress(Address Address, long Uid) : IComparable<UniqueAddress>
{
    public int CompareTo(UniqueAddress? other)
    {
        if (other is null) return 1;
        int c = Address.CompareTo(other.Address);
        return c != 0 ? c : Uid.CompareTo(other.Uid);
    }

    public override string ToString() => $"UniqueAddress: ({Address}, {Uid.ToString(CultureInfo.InvariantCulture)})";
}

/// <summary>
/// One node in the cluster as the gossip knows it. Two members are equal when they are the same incarnation
/// (<see cref="UniqueAddress"/>), whatever their status. Immutable: status changes make copies.
/// </summary>
public sealed class Member : IEquatable<Member>, IComparable<Member>
{
    /// <summary>UpNumber of members that have not been Up yet (they are the youngest).</summary>
    public const int NotUpNumber = int.MaxValue;

    internal Member(UniqueAddress uniqueAddress, int upNumber, MemberStatus status, ImmutableHashSet<string> roles)
    {
        UniqueAddress = uniqueAddress;
        UpNumber = upNumber;
        Status = status;
        Roles = roles;
    }

    internal static Member Create(UniqueAddress uniqueAddress, IEnumerable<string> roles) =>
        new(uniqueAddress, NotUpNumber, MemberStatus.Joining, roles.ToImmutableHashSet(StringComparer.Ordinal));

    /// <summary>A placeholder for a node that was never a member (events about removed unknowns).</summary>
    internal static Member Removed(UniqueAddress node) => new(node, NotUpNumber, MemberStatus.Removed, ImmutableHashSet<string>.Empty);

    public UniqueAddress UniqueAddress { get; }
    public Address Address => UniqueAddress.Address;
    public MemberStatus Status { get; }
    public ImmutableHashSet<string> Roles { get; }
    /// <summary>Order in which members became Up: lower is older. <see cref="NotUpNumber"/> before that.</summary>
    public int UpNumber { get; }

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>Lower UpNumber is older; equal numbers are ordered by address (the lower address is older).</summary>
    public bool IsOlderThan(Member other) =>
        UpNumber == other.UpNumber ? Address.CompareTo(other.Address) < 0 : UpNumber < other.UpNumber;

    /// <summary>A copy in <paramref name="status"/>; throws when the move is not one of the allowed transitions.</summary>
    public Member Copy(MemberStatus status)
    {
        if (status == Status) return this;
        if (!IsAllowedTransition(Status, status))
            throw new InvalidOperationException($"invalid member status transition {Status} -> {status} for {Address}");
        return new Member(UniqueAddress, UpNumber, status, Roles);
    }

    /// <summary>A copy in Up with the given UpNumber (Joining or WeaklyUp members only).</summary>
    public Member CopyUp(int upNumber)
    {
        var up = Copy(MemberStatus.Up);
        return new Member(up.UniqueAddress, upNumber, MemberStatus.Up, Roles);
    }

    internal Member WithUpNumber(int upNumber) => new(UniqueAddress, upNumber, Status, Roles);

    /// <summary>Joining→{WeaklyUp, Up, Leaving, Down, Removed}; WeaklyUp→{Up, Leaving, Down, Removed}; Up→{Leaving, Down, Removed};
    /// Leaving→{Exiting, Down, Removed}; Exiting→{Removed, Down}; Down→{Removed}.</summary>
    public static bool IsAllowedTransition(MemberStatus from, MemberStatus to) => from switch
    {
        MemberStatus.Joining => to is MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.WeaklyUp => to is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Up => to is MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Leaving => to is MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Exiting => to is MemberStatus.Removed or MemberStatus.Down,
        MemberStatus.Down => to is MemberStatus.Removed,
        _ => false,
    };

    /// <summary>When two gossips disagree: Removed > Down > Exiting > Leaving > Up > WeaklyUp > Joining.</summary>
    public static int Precedence(MemberStatus status) => status switch
    {
        MemberStatus.Removed => 6,
        MemberStatus.Down => 5,
        MemberStatus.Exiting => 4,
        MemberStatus.Leaving => 3,
        MemberStatus.Up => 2,
        MemberStatus.WeaklyUp => 1,
        _ => 0,
    };

    /// <summary>The member that wins when two gossips hold different versions of the same node.</summary>
    public static Member HighestPriorityOf(Member a, Member b)
    {
        int pa = Precedence(a.Status), pb = Precedence(b.Status);
        if (pa != pb) return pa > pb ? a : b;
        return a.UpNumber <= b.UpNumber ? a : b;
    }

    /// <summary>Members sort by address (then uid): the order the leader is chosen by.</summary>
    public int CompareTo(Member? other) => other is null ? 1 : UniqueAddress.CompareTo(other.UniqueAddress);

    /// <summary>Oldest first (by UpNumber, then address).</summary>
    public static readonly IComparer<Member> AgeOrdering = Comparer<Member>.Create((a, b) =>
        a.Equals(b) ? 0 : a.IsOlderThan(b) ? -1 : 1);

    public bool Equals(Member? other) => other is not null && UniqueAddress.Equals(other.UniqueAddress);
    public override bool Equals(object? obj) => obj is Member m && Equals(m);
    public override int GetHashCode() => UniqueAddress.GetHashCode();

    public override string ToString() =>
        $"Member(address = {Address}, Uid={UniqueAddress.Uid.ToString(CultureInfo.InvariantCulture)} status = {Status}, role=[{string.Join(",", Roles.Order(StringComparer.Ordinal))}], upNumber={UpNumber.ToString(CultureInfo.InvariantCulture)})";
}
