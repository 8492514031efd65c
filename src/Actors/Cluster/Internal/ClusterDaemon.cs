namespace ActorWarehouse.Actors.Cluster.Internal;

/// <summary>INTERNAL API: the cluster daemon at <c>/system/cluster</c>.</summary>
internal sealed class ClusterDaemon : ReceiveActor
{
    public ClusterDaemon(Cluster cluster)
    {
        ReceiveAny(m => Context.GetLogger().Warning("cluster daemon: {0} not handled yet", m));
    }
}
