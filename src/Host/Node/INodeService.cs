namespace ActorWarehouse.Host.Node;

/// <summary>
/// One part of a node process (the warehouse, the SQL wire server, cluster membership, the management host).
/// Services start in the order of <see cref="NodeServices.All"/> and stop in reverse order.
/// </summary>
public interface INodeService
{
    /// <summary>Short name for logs, e.g. "pgwire".</summary>
    string Name { get; }

    /// <summary>Starts the service; log endpoints through <see cref="NodeContext.Log"/>. Throwing aborts the node start.</summary>
    Task StartAsync(NodeContext context, CancellationToken cancellationToken);

    /// <summary>Stops the service (graceful; called once, also after a partial start).</summary>
    Task StopAsync(NodeContext context);
}
