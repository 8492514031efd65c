namespace ActorWarehouse.Host.Node;

/// <summary>The services of a node process, in start order (add one line per service).</summary>
public static class NodeServices
{
    public static IReadOnlyList<INodeService> All(NodeOptions options) =>
    [
        new WarehouseService(),
        new ClusterService(),
        new ManagementService(),
    ];
}
