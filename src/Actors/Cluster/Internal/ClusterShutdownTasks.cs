namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>INTERNAL API: the cluster's CoordinatedShutdown tasks (leave, wait for Exiting, confirm, stop).</summary>
internal static class ClusterShutdownTasks
{
    public static void Register(Cluster cluster, ActorSystem system)
    {
    }
}
