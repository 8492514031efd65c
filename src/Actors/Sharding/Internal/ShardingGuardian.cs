using ActorWarehouse.Actors.Cluster;

namespace ActorWarehouse.Actors.Sharding.Internal;

/// <summary>
/// INTERNAL API: <c>/system/sharding</c>, parent of every region and proxy (<c>&lt;type&gt;</c>, <c>&lt;type&gt;Proxy</c>)
/// and, on nodes that host shards, of the coordinator's singleton manager (<c>&lt;type&gt;Coordinator</c>, whose
/// singleton child <c>singleton</c> is the coordinator).
/// </summary>
internal sealed class ShardingGuardian : ReceiveActor
{
    public sealed record Start(string TypeName, Func<string, Props>? EntityProps, ClusterShardingSettings Settings,
        IMessageExtractor Extractor, IShardAllocationStrategy Strategy, object HandOffStopMessage);
    public sealed record StartProxy(string TypeName, ClusterShardingSettings Settings, IMessageExtractor Extractor);
    public sealed record Started(IActorRef Region);

    public ShardingGuardian()
    {
        Receive<Start>(OnStart);
        Receive<StartProxy>(OnStartProxy);
    }

    /// <summary>Path (without address) of the coordinator of <paramref name="typeName"/> under a guardian at <paramref name="guardianPath"/>.</summary>
    public static string CoordinatorPath(string guardianPath, string typeName) => $"{guardianPath}/{EntityMessages.ActorName(typeName)}Coordinator/singleton";

    private void OnStart(Start s)
    {
        var name = EntityMessages.ActorName(s.TypeName);
        var region = Context.Child(name);
        if (region.IsNobody())
        {
            if (s.EntityProps is not null)
            {
                var coordinatorName = name + "Coordinator";
                if (Context.Child(coordinatorName).IsNobody())
                {
                    var coordinator = Props.CreateBy(() => new ShardCoordinator(s.TypeName, s.Settings, s.Strategy));
                    var singleton = ClusterSingletonManagerSettings.Create(Context.System).WithRole(s.Settings.Role).WithSingletonName("singleton");
                    Context.ActorOf(ClusterSingletonManager.Props(coordinator, PoisonPill.Instance, singleton), coordinatorName);
                }
            }
            var path = CoordinatorPath(Self.Path.ToStringWithoutAddress(), s.TypeName);
            region = Context.ActorOf(Props.CreateBy(() => new ShardRegion(s.TypeName, s.EntityProps, s.Settings, s.Extractor, s.HandOffStopMessage, path)), name);
        }
        Sender.Tell(new Started(region));
    }

    private void OnStartProxy(StartProxy s)
    {
        var name = EntityMessages.ActorName(s.TypeName) + "Proxy";
        var proxy = Context.Child(name);
        if (proxy.IsNobody())
        {
            var path = CoordinatorPath(Self.Path.ToStringWithoutAddress(), s.TypeName);
            proxy = Context.ActorOf(Props.CreateBy(() => new ShardRegion(s.TypeName, null, s.Settings, s.Extractor, PoisonPill.Instance, path)), name);
        }
        Sender.Tell(new Started(proxy));
    }
}
