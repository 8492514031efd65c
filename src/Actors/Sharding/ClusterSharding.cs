using System.Collections.Concurrent;
using System.Text;
using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Configuration;
using ActorWarehouse.Actors.Sharding.Internal;

namespace ActorWarehouse.Actors.Sharding;

/// <summary>
/// Cluster sharding of one actor system (Akka.Cluster.Sharding's extension): <see cref="Start(string, Func{string, Props}, ClusterShardingSettings, IMessageExtractor, IShardAllocationStrategy?, object?)"/>
/// starts the region of an entity type on this node (and the coordinator's singleton manager when this node can
/// host shards), <see cref="StartProxy"/> a region that only routes. Regions live under <c>/system/sharding</c>.
/// </summary>
public sealed class ClusterSharding
{
    private static readonly Lazy<Config> Reference = new(LoadReference);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ActorSystem _system;
    private readonly Cluster.Cluster _cluster;
    private readonly IActorRef _guardian;
    private readonly ConcurrentDictionary<string, IActorRef> _regions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IActorRef> _proxies = new(StringComparer.Ordinal);

    private ClusterSharding(ActorSystem system)
    {
        _system = system;
        _cluster = Cluster.Cluster.Get(system);
        Config = system.Settings.Config.WithFallback(Reference.Value);
        ShardingSerializers.Register(system.Serialization.MessagePack);
        var guardianName = Config.GetString("akka.cluster.sharding.guardian-name", "sharding");
        _guardian = system.SystemActorOf(Props.Create(() => new ShardingGuardian()), guardianName);
        RegisterShutdownTask();
    }

    public static ClusterSharding Get(ActorSystem system) => system.GetOrAddExtension(static s => new ClusterSharding(s));

    /// <summary>The embedded reference configuration of this module.</summary>
    public static Config ReferenceConfig => Reference.Value;

    /// <summary>The system's configuration over this module's reference configuration.</summary>
    public Config Config { get; }

    /// <summary>Type names with a region or proxy started on this node.</summary>
    public IReadOnlyCollection<string> ShardTypeNames => _regions.Keys.Concat(_proxies.Keys).Distinct().ToList();

    /// <summary>
    /// Starts the region of <paramref name="typeName"/> (same name, extractor and settings on every node). On a
    /// node without the settings' role this yields a proxy. Returns the region.
    /// </summary>
    public IActorRef Start(string typeName, Func<string, Props> entityPropsFactory, ClusterShardingSettings settings,
        IMessageExtractor extractor, IShardAllocationStrategy? allocationStrategy = null, object? handOffStopMessage = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        if (_regions.TryGetValue(typeName, out var existing)) return existing;
        var hosts = settings.Role is null || _cluster.SelfRoles.Contains(settings.Role);
        var strategy = allocationStrategy ?? LeastShardAllocationStrategy.FromSettings(settings);
        var start = new ShardingGuardian.Start(typeName, hosts ? entityPropsFactory : null, settings, extractor, strategy,
            handOffStopMessage ?? PoisonPill.Instance);
        var region = _guardian.Ask<ShardingGuardian.Started>(start, StartTimeout).GetAwaiter().GetResult().Region;
        return _regions.GetOrAdd(typeName, region);
    }

    public IActorRef Start(string typeName, Props entityProps, ClusterShardingSettings settings, IMessageExtractor extractor) =>
        Start(typeName, _ => entityProps, settings, extractor);

    public Task<IActorRef> StartAsync(string typeName, Func<string, Props> entityPropsFactory, ClusterShardingSettings settings,
        IMessageExtractor extractor, IShardAllocationStrategy? allocationStrategy = null, object? handOffStopMessage = null) =>
        Task.Run(() => Start(typeName, entityPropsFactory, settings, extractor, allocationStrategy, handOffStopMessage));

    /// <summary>Starts a region that routes messages of <paramref name="typeName"/> but hosts nothing (actor <c>&lt;typeName&gt;Proxy</c>).</summary>
    public IActorRef StartProxy(string typeName, string? role, IMessageExtractor extractor)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        if (_proxies.TryGetValue(typeName, out var existing)) return existing;
        var settings = ClusterShardingSettings.Create(Config.GetConfig("akka.cluster.sharding")).WithRole(role);
        var start = new ShardingGuardian.StartProxy(typeName, settings, extractor);
        var proxy = _guardian.Ask<ShardingGuardian.Started>(start, StartTimeout).GetAwaiter().GetResult().Region;
        return _proxies.GetOrAdd(typeName, proxy);
    }

    /// <summary>The region started for <paramref name="typeName"/> (or its proxy when only a proxy was started).</summary>
    public IActorRef ShardRegion(string typeName) =>
        _regions.TryGetValue(typeName, out var r) ? r
        : _proxies.TryGetValue(typeName, out var p) ? p
        : throw new ArgumentException($"Shard type [{typeName}] must be started first", nameof(typeName));

    public IActorRef ShardRegionProxy(string typeName) =>
        _proxies.TryGetValue(typeName, out var p) ? p
        : throw new ArgumentException($"Shard type [{typeName}] proxy must be started first", nameof(typeName));

    /// <summary>CoordinatedShutdown phase cluster-sharding-shutdown-region: hand off every shard of every region.</summary>
    private void RegisterShutdownTask()
    {
        var cs = CoordinatedShutdown.Get(_system);
        cs.AddTask(CoordinatedShutdown.PhaseClusterShardingShutdownRegion, "region-shutdown", async () =>
        {
            if (_cluster.IsTerminated) return Done.Instance;
            var timeout = _system.Settings.Config.GetTimeSpan("akka.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout",
                TimeSpan.FromSeconds(10));
            var stops = _regions.Values.Select(r => r.GracefulStop(timeout, Sharding.ShardRegion.GracefulShutdown.Instance)).ToList();
            try { await Task.WhenAll(stops).ConfigureAwait(false); }
            catch (Exception e) { _system.Log.Warning("sharding: graceful region shutdown did not finish: {0}", e.Message); }
            return Done.Instance;
        });
    }

    private static Config LoadReference()
    {
        const string name = "ActorWarehouse.Actors.Sharding.sharding.conf";
        using var stream = typeof(ClusterSharding).Assembly.GetManifestResourceStream(name)
            ?? throw new ConfigurationException($"embedded configuration '{name}' is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
