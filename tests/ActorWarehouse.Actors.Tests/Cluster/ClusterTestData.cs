using System.Collections.Immutable;
using ActorWarehouse.Actors.Cluster;

namespace ActorWarehouse.Actors.Tests.Cluster;

internal static class ClusterTestData
{
    public static UniqueAddress Node(int port, long uid = 1) => new(new Address("akka.tcp", "sys", "127.0.0.1", port), uid);

    public static Member Joining(int port, params string[] roles) => Member.Create(Node(port), roles);

    public static Member Up(int port, int upNumber, params string[] roles) => Member.Create(Node(port), roles).CopyUp(upNumber);

    public static Member WithStatus(Member m, MemberStatus status) => m.Copy(status);

    public static Gossip GossipOf(params Member[] members) => Gossip.Create(members);

    public static ImmutableHashSet<UniqueAddress> Set(params UniqueAddress[] nodes) => [.. nodes];
}
