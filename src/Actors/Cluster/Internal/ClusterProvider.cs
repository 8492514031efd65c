namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>INTERNAL API: <c>akka.actor.provider = cluster</c> is remoting plus the cluster extension.</summary>
internal static class ClusterProvider
{
    public static bool IsCluster(string provider) =>
        provider is "cluster" or "Akka.Cluster.ClusterActorRefProvider, Akka.Cluster";
}
