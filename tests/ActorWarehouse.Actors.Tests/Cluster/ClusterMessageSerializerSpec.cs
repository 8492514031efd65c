using System.Runtime.Serialization;
using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Cluster.Internal;
using static ActorWarehouse.Actors.Tests.Cluster.ClusterTestData;

namespace ActorWarehouse.Actors.Tests.Cluster;

public sealed class ClusterMessageSerializerSpec : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("ser", "akka.stdout-logger-enabled = off");
    private readonly ClusterMessageSerializer _serializer;

    public ClusterMessageSerializerSpec() => _serializer = new ClusterMessageSerializer(_system, new ClusterStatistics(_system));

    public void Dispose() => _system.Dispose();

    private T RoundTrip<T>(T message) where T : notnull
    {
        var bytes = _serializer.ToBinary(message);
        return (T)_serializer.FromBinary(bytes, _serializer.Manifest(message));
    }

    [Fact]
    public void Gossip_round_trips_with_members_seen_set_reachability_clock_and_tombstones()
    {
        var g = GossipOf(Up(1, 1, "leader"), Up(2, 2, "compute", "scaling"), Joining(3)).Increment(Node(1)).MarkSeen(Node(2));
        g = g.WithReachability(g.Reachability.Unreachable(Node(1), Node(3))).Remove(Node(4, 7), 12345);
        var back = RoundTrip(new GossipEnvelope(Node(1), Node(2), g)).Gossip;
        Assert.Equal(g.Members.Select(m => (m.UniqueAddress, m.Status, m.UpNumber, string.Join(",", m.Roles.Order()))),
            back.Members.Select(m => (m.UniqueAddress, m.Status, m.UpNumber, string.Join(",", m.Roles.Order()))));
        Assert.True(g.Seen.SetEquals(back.Seen));
        Assert.Equal(VectorClock.Ordering.Same, g.Version.CompareTo(back.Version));
        Assert.False(back.Reachability.IsReachable(Node(3)));
        Assert.Equal(12345, back.Tombstones[Node(4, 7)]);
    }

    [Fact]
    public void Join_protocol_and_heartbeat_messages_round_trip()
    {
        var join = RoundTrip(new InternalClusterAction.Join(Node(5, 42), ["compute"]));
        Assert.Equal(Node(5, 42), join.Node);
        Assert.Contains("compute", join.Roles);
        Assert.Equal(Node(3).Address, RoundTrip(new InternalClusterAction.InitJoinAck(Node(3).Address)).Address);
        Assert.Equal(7, RoundTrip(new ClusterHeartbeatRsp(Node(1), 7)).SequenceNr);
        var status = RoundTrip(new GossipStatus(Node(1), VectorClock.Empty.Increment(Node(1)), 99));
        Assert.Equal(99, status.SeenDigest);
        Assert.Same(SingletonMessages.HandOverDone.Instance, RoundTrip(SingletonMessages.HandOverDone.Instance));
    }

    [Fact]
    public void Unknown_manifests_and_malformed_bytes_are_rejected_with_a_serialization_exception()
    {
        Assert.ThrowsAny<SerializationException>(() => _serializer.FromBinary(new byte[] { 0x90 }, "nope"));
        Assert.ThrowsAny<SerializationException>(() => _serializer.FromBinary(new byte[] { 0x93, 0x01 }, "GE"));
        Assert.ThrowsAny<SerializationException>(() => _serializer.FromBinary(new byte[] { 0xc1 }, "J"));
    }

    [Fact]
    public void Written_bytes_are_counted_per_kind_of_cluster_message()
    {
        var stats = new ClusterStatistics(_system);
        var serializer = new ClusterMessageSerializer(_system, stats);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        serializer.ToBinary(new ClusterHeartbeat(Node(1).Address, 1), buffer);
        serializer.ToBinary(new GossipStatus(Node(1), VectorClock.Empty, 0), buffer);
        var c = stats.Snapshot();
        Assert.Equal(1, c.HeartbeatMessagesSent);
        Assert.Equal(1, c.GossipStatusMessagesSent);
        Assert.Equal(buffer.WrittenCount, c.ClusterBytesSent);
    }
}
