namespace ActorWarehouse.Actors.Cluster.SBR;

/// <summary>
/// The keep-majority decision (Akka's default split brain strategy): the side with more members survives and
/// downs the other; with equal sides, the side holding the lowest address survives. Joining and WeaklyUp members
/// are not counted. With a role, only members of that role are counted.
/// </summary>
public static class KeepMajority
{
    public enum Decision
    {
        /// <summary>Our side survives: down the unreachable members.</summary>
        DownUnreachable,
        /// <summary>We are the minority: down every member on our side, ourselves included.</summary>
        DownReachable,
    }

    public static bool IsCounted(Member m, string? role) =>
        m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting && (string.IsNullOrEmpty(role) || m.HasRole(role));

    public static Decision Decide(IEnumerable<Member> members, IReadOnlySet<UniqueAddress> unreachable, string? role = null)
    {
        var counted = members.Where(m => IsCounted(m, role)).ToList();
        int down = counted.Count(m => unreachable.Contains(m.UniqueAddress));
        int up = counted.Count - down;
        if (up != down) return up > down ? Decision.DownUnreachable : Decision.DownReachable;
        if (counted.Count == 0) return Decision.DownUnreachable;
        var lowest = counted.Min()!; // members order by address: the lowest address breaks the tie
        return unreachable.Contains(lowest.UniqueAddress) ? Decision.DownReachable : Decision.DownUnreachable;
    }
}
