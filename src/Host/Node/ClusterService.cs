using ActorWarehouse.Actors;
using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Management.Hosting;

namespace ActorWarehouse.Host.Node;

/// <summary>
/// Makes the node a cluster member (issue #5) and shares its <see cref="ActorSystem"/>:
/// with <c>--seeds</c> it joins through them; without seeds but with a cluster secret it forms a one-node cluster
/// of its own (it is its own seed); with neither it runs without a cluster (SQL only) and says so.
/// Stopping the node leaves the cluster gracefully; when the cluster removes this member (a leave requested
/// through aw pbm, or a down) the node stops, with exit code 0 after a graceful leave and 1 when downed.
/// </summary>
public sealed class ClusterService : INodeService
{
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(60);
    private ActorSystem? _system;
    private readonly CancellationTokenSource _stopWatch = new();

    public string Name => "cluster";

    public Task StartAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        if (options.ClusterSecret is null)
        {
            if (options.Seeds.Count > 0)
                throw new InvalidOperationException("--seeds needs the cluster secret: pass --cluster-secret or set AW_CLUSTER_SECRET");
            context.Log(Name, "off: no --seeds and no cluster secret (SQL only; pass --seeds and --cluster-secret to join a cluster)");
            return Task.CompletedTask;
        }
        foreach (var seed in options.Seeds)
        {
            if (!IsSeedAddress(seed, options.SystemName))
                throw new InvalidOperationException($"seed '{seed}' is not akka.tcp://{options.SystemName}@HOST:PORT");
        }

        var hocon = ClusterNodeHocon.Build(options.ListenAddress, options.ClusterPort, options.Seeds, options.Roles, options.ClusterSecret);
        var system = ActorSystem.Create(options.SystemName, hocon);
        _system = system;
        context.Share(system);
        var cluster = Cluster.Get(system);
        if (options.Seeds.Count == 0)
        {
            cluster.Join(cluster.SelfAddress);
            context.Log(Name, $"member {cluster.SelfAddress} roles [{string.Join(",", options.Roles)}]; no --seeds: forming a one-node cluster (its own seed)");
        }
        else
            context.Log(Name, $"member {cluster.SelfAddress} roles [{string.Join(",", options.Roles)}]; joining through seeds [{string.Join(", ", options.Seeds)}]");

        cluster.RegisterOnMemberUp(() => context.Log(Name, $"{cluster.SelfAddress} is up"));
        cluster.RegisterOnMemberRemoved(() =>
        {
            context.Log(Name, $"{cluster.SelfAddress} was removed from the cluster; stopping the node");
            context.RequestShutdown();
        });
        system.WhenTerminated.ContinueWith(_ => context.RequestShutdown(), TaskScheduler.Default);
        if (ParentProcessWatch.Start(() =>
            {
                context.Log(Name, "the parent process (aw up) is gone; stopping");
                context.RequestShutdown();
            }, _stopWatch.Token) is not null)
            context.Log(Name, $"stops when process {Environment.GetEnvironmentVariable(ParentProcessWatch.Variable)} exits");
        return Task.CompletedTask;
    }

    private static bool IsSeedAddress(string text, string systemName)
    {
        try
        {
            var address = Address.Parse(text);
            return address.Protocol == Address.TcpProtocol && address.HasGlobalScope && address.System == systemName;
        }
        catch (UriFormatException) { return false; }
    }

    public async Task StopAsync(NodeContext context)
    {
        _stopWatch.Cancel();
        var system = _system;
        if (system is null) return;
        var shutdown = CoordinatedShutdown.Get(system);
        if (!system.WhenTerminated.IsCompleted)
        {
            context.Log(Name, $"{system.Address} leaving the cluster");
            _ = shutdown.Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        }
        if (await Task.WhenAny(system.WhenTerminated, Task.Delay(LeaveTimeout)) != system.WhenTerminated)
        {
            context.Log(Name, $"the actor system did not stop within {LeaveTimeout.TotalSeconds:0} s");
            context.ExitCode = 1;
            return;
        }
        if (shutdown.ShutdownReason is CoordinatedShutdown.ClusterDowningReason)
        {
            context.Log(Name, $"{system.Address} was downed by the cluster");
            if (context.ExitCode == 0) context.ExitCode = 1;
        }
        else context.Log(Name, $"{system.Address} left the cluster");
    }
}
