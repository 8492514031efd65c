namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// Counters of what this node's cluster sends (ours; Akka exposes similar numbers only through logging):
/// gossip and gossip-status messages, heartbeats and their bytes as serialized, plus the transport's total.
/// Take two <see cref="Snapshot"/>s some seconds apart and divide to get rates at rest.
/// </summary>
public sealed class ClusterStatistics
{
    private readonly ActorSystem _system;
    internal long GossipMessages;
    internal long GossipBytes;
    internal long StatusMessages;
    internal long StatusBytes;
    internal long HeartbeatMessages;
    internal long HeartbeatBytes;
    internal long OtherMessages;
    internal long OtherBytes;

    internal ClusterStatistics(ActorSystem system) => _system = system;

    public readonly record struct Counters(
        DateTime TakenAtUtc,
        long GossipMessagesSent, long GossipBytesSent,
        long GossipStatusMessagesSent, long GossipStatusBytesSent,
        long HeartbeatMessagesSent, long HeartbeatBytesSent,
        long OtherClusterMessagesSent, long OtherClusterBytesSent,
        long TransportBytesSent)
    {
        public long ClusterMessagesSent => GossipMessagesSent + GossipStatusMessagesSent + HeartbeatMessagesSent + OtherClusterMessagesSent;
        public long ClusterBytesSent => GossipBytesSent + GossipStatusBytesSent + HeartbeatBytesSent + OtherClusterBytesSent;
    }

    public Counters Snapshot() => new(
        DateTime.UtcNow,
        Interlocked.Read(ref GossipMessages), Interlocked.Read(ref GossipBytes),
        Interlocked.Read(ref StatusMessages), Interlocked.Read(ref StatusBytes),
        Interlocked.Read(ref HeartbeatMessages), Interlocked.Read(ref HeartbeatBytes),
        Interlocked.Read(ref OtherMessages), Interlocked.Read(ref OtherBytes),
        _system.Remote?.BytesSent ?? 0);

    /// <summary>Per-second rates between two snapshots (later minus earlier).</summary>
    public static (double ClusterMessagesPerSecond, double ClusterBytesPerSecond, double TransportBytesPerSecond) Rates(Counters earlier, Counters later)
    {
        double seconds = Math.Max((later.TakenAtUtc - earlier.TakenAtUtc).TotalSeconds, 0.001);
        return ((later.ClusterMessagesSent - earlier.ClusterMessagesSent) / seconds,
            (later.ClusterBytesSent - earlier.ClusterBytesSent) / seconds,
            (later.TransportBytesSent - earlier.TransportBytesSent) / seconds);
    }
}
