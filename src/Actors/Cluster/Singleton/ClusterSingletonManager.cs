namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// Runs one instance of an actor in the cluster: start this manager on every node (of the role) under the same
/// name; the oldest Up member with the role runs the singleton as the manager's child <c>singleton</c>.
/// When the oldest leaves it hands over to the next oldest; when it crashes, the next oldest takes over after
/// it has been downed and removed.
/// </summary>
public sealed partial class ClusterSingletonManager : ReceiveActor
{
    public static Props Props(Props singletonProps, object terminationMessage, ClusterSingletonManagerSettings settings) =>
        Actors.Props.CreateBy(() => new ClusterSingletonManager(singletonProps, terminationMessage, settings));

    private ClusterSingletonManager(Props singletonProps, object terminationMessage, ClusterSingletonManagerSettings settings)
    {
        _singletonProps = singletonProps;
        _terminationMessage = terminationMessage;
        _settings = settings;
    }

    private readonly Props _singletonProps;
    private readonly object _terminationMessage;
    private readonly ClusterSingletonManagerSettings _settings;
}
