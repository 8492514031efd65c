namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// Forwards messages to the current instance of a cluster singleton, wherever it runs: tracks the oldest member
/// with the role, locates the singleton there with Identify and buffers messages meanwhile.
/// </summary>
public sealed partial class ClusterSingletonProxy : ReceiveActor
{
    /// <param name="singletonManagerPath">Path of the manager without address, e.g. <c>/user/coordinator</c>.</param>
    public static Props Props(string singletonManagerPath, ClusterSingletonProxySettings settings) =>
        Actors.Props.CreateBy(() => new ClusterSingletonProxy(singletonManagerPath, settings));

    private ClusterSingletonProxy(string singletonManagerPath, ClusterSingletonProxySettings settings)
    {
        _managerPath = singletonManagerPath;
        _settings = settings;
    }

    private readonly string _managerPath;
    private readonly ClusterSingletonProxySettings _settings;
}
