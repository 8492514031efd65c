using System.Text.Json.Nodes;
using ActorWarehouse.Actors.Cluster;

namespace ActorWarehouse.Actors.Management.Palettes;

/// <summary>How the <c>cluster</c> palette prints members: text lines as Petabridge.Cmd does, or JSON objects.</summary>
public static class ClusterFormat
{
    /// <summary><c>address | [roles] | status | unreachable-or-empty</c>.</summary>
    public static string MemberLine(Member member, bool unreachable) =>
        $"{member.Address} | [{string.Join(",", member.Roles.OrderBy(r => r, StringComparer.Ordinal))}] | {StatusText(member.Status)} | {(unreachable ? "unreachable" : "")}";

    public static string StatusText(MemberStatus status) => status.ToString().ToLowerInvariant();

    public static JsonObject MemberJson(Member member, bool unreachable) => new()
    {
        ["address"] = member.Address.ToString(),
        ["roles"] = new JsonArray([.. member.Roles.OrderBy(r => r, StringComparer.Ordinal).Select(r => JsonValue.Create(r))]),
        ["status"] = StatusText(member.Status),
        ["reachable"] = !unreachable,
        ["upNumber"] = member.UpNumber == Member.NotUpNumber ? null : member.UpNumber,
    };

    public static bool IsUnreachable(ClusterEvent.CurrentClusterState state, Member member) => state.Unreachable.Contains(member);

    public static JsonObject TrafficJson(ClusterStatistics.Counters c) => new()
    {
        ["takenAt"] = c.TakenAtUtc.ToString("O"),
        ["gossipMessagesSent"] = c.GossipMessagesSent,
        ["gossipBytesSent"] = c.GossipBytesSent,
        ["gossipStatusMessagesSent"] = c.GossipStatusMessagesSent,
        ["gossipStatusBytesSent"] = c.GossipStatusBytesSent,
        ["heartbeatMessagesSent"] = c.HeartbeatMessagesSent,
        ["heartbeatBytesSent"] = c.HeartbeatBytesSent,
        ["otherClusterMessagesSent"] = c.OtherClusterMessagesSent,
        ["otherClusterBytesSent"] = c.OtherClusterBytesSent,
        ["clusterMessagesSent"] = c.ClusterMessagesSent,
        ["clusterBytesSent"] = c.ClusterBytesSent,
        ["transportBytesSent"] = c.TransportBytesSent,
    };

    public static string TrafficLine(ClusterStatistics.Counters c) =>
        $"sent since start: gossip {c.GossipMessagesSent} msgs/{c.GossipBytesSent} B, gossip status {c.GossipStatusMessagesSent}/{c.GossipStatusBytesSent} B, " +
        $"heartbeats {c.HeartbeatMessagesSent}/{c.HeartbeatBytesSent} B, other {c.OtherClusterMessagesSent}/{c.OtherClusterBytesSent} B, transport {c.TransportBytesSent} B";

    /// <summary>One event of <c>cluster tail</c> as text, or null for events it does not show.</summary>
    public static string? EventLine(object e) => e switch
    {
        ClusterEvent.MemberRemoved r => $"member removed: {r.Member.Address} (was {StatusText(r.PreviousStatus)})",
        ClusterEvent.MemberStatusChange m => $"member {StatusText(m.Member.Status)}: {m.Member.Address} [{string.Join(",", m.Member.Roles.OrderBy(x => x, StringComparer.Ordinal))}]",
        ClusterEvent.UnreachableMember u => $"member unreachable: {u.Member.Address}",
        ClusterEvent.ReachableMember r => $"member reachable again: {r.Member.Address}",
        ClusterEvent.LeaderChanged l => $"leader changed: {(l.Leader?.ToString() ?? "none")}",
        ClusterEvent.ClusterShuttingDown => "this node's cluster is shutting down",
        _ => null,
    };

    public static JsonObject? EventJson(object e)
    {
        var json = e switch
        {
            ClusterEvent.MemberRemoved r => new JsonObject { ["address"] = r.Member.Address.ToString(), ["status"] = "removed", ["previousStatus"] = StatusText(r.PreviousStatus) },
            ClusterEvent.MemberStatusChange m => new JsonObject { ["address"] = m.Member.Address.ToString(), ["status"] = StatusText(m.Member.Status) },
            ClusterEvent.UnreachableMember u => new JsonObject { ["address"] = u.Member.Address.ToString(), ["reachable"] = false },
            ClusterEvent.ReachableMember r => new JsonObject { ["address"] = r.Member.Address.ToString(), ["reachable"] = true },
            ClusterEvent.LeaderChanged l => new JsonObject { ["leader"] = l.Leader?.ToString() },
            ClusterEvent.ClusterShuttingDown => new JsonObject(),
            _ => null,
        };
        if (json is null) return null;
        json["event"] = e.GetType().Name;
        json["time"] = DateTime.UtcNow.ToString("O");
        return json;
    }
}
