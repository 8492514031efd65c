using System.Net.Sockets;
using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Management;
using ActorWarehouse.Actors.Management.Palettes;

namespace ActorWarehouse.Host.Node;

/// <summary>
/// The node's management host for <c>aw pbm</c> on <c>--pbm-port</c> (127.0.0.1 unless --listen says otherwise),
/// with the cluster, actor and log palettes; shares the <see cref="ManagementHost"/> so later services can add
/// palettes. Runs only when the cluster service started an actor system. A port already in use (e.g. the default
/// 9110 held by a lighthouse on the same machine) is logged, and the node runs without a management host.
/// </summary>
public sealed class ManagementService : INodeService
{
    private ManagementHost? _host;

    public string Name => "management";

    public Task StartAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var system = context.Shared<ActorSystem>();
        if (system is null)
        {
            context.Log(Name, "off: no cluster actor system on this node");
            return Task.CompletedTask;
        }
        var host = ManagementHost.Get(system);
        host.RegisterCommandPalette(new ClusterCommands());
        host.RegisterCommandPalette(new ClusterShardingCommands());
        context.Share(host);
        try
        {
            var endpoint = host.Start(context.Options.PbmPort, context.Options.ListenAddress);
            _host = host;
            context.Log(Name, $"aw pbm {endpoint} (palettes: {string.Join(", ", host.Palettes.Select(p => p.ModuleName))})");
        }
        catch (SocketException e)
        {
            context.Log(Name, $"not started: cannot bind {context.Options.ListenAddress}:{context.Options.PbmPort} ({e.Message}); pass another --pbm-port");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(NodeContext context)
    {
        _host?.Stop();
        return Task.CompletedTask;
    }
}
