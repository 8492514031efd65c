using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Sharding;

/// <summary>Settings of one sharded entity type (<c>akka.cluster.sharding</c>), with upstream's builder methods.</summary>
public sealed record ClusterShardingSettings(
    string? Role,
    bool RememberEntities,
    TimeSpan? PassivateIdleEntityAfter,
    string StateStoreMode,
    string JournalPluginId,
    string SnapshotPluginId,
    TimeSpan RetryInterval,
    int BufferSize,
    TimeSpan HandOffTimeout,
    TimeSpan RebalanceInterval,
    int SnapshotAfter,
    int RebalanceAbsoluteLimit,
    double RebalanceRelativeLimit,
    int RebalanceThreshold,
    int MaxSimultaneousRebalance)
{
    /// <summary>The settings of <paramref name="system"/>'s configuration over the module's reference configuration.</summary>
    public static ClusterShardingSettings Create(ActorSystem system) => Create(ClusterSharding.Get(system).Config.GetConfig("akka.cluster.sharding"));

    public static ClusterShardingSettings Create(Config c)
    {
        var role = c.GetString("role", "");
        var idle = c.GetString("passivate-idle-entity-after", "off").Trim();
        var mode = c.GetString("state-store-mode", "persistence");
        if (mode != "persistence")
            throw new ConfigurationException($"akka.cluster.sharding.state-store-mode = '{mode}' is not supported (only 'persistence')");
        var strategy = c.GetConfig("least-shard-allocation-strategy");
        return new ClusterShardingSettings(
            role.Length == 0 ? null : role,
            c.GetBoolean("remember-entities", false),
            idle is "off" or "false" or "0" or "" ? null : c.GetTimeSpan("passivate-idle-entity-after", allowInfinite: false),
            mode,
            c.GetString("journal-plugin-id", ""),
            c.GetString("snapshot-plugin-id", ""),
            c.GetTimeSpan("retry-interval", allowInfinite: false),
            c.GetInt("buffer-size"),
            c.GetTimeSpan("handoff-timeout", allowInfinite: false),
            c.GetTimeSpan("rebalance-interval", allowInfinite: false),
            c.GetInt("snapshot-after"),
            strategy.GetInt("rebalance-absolute-limit", 0),
            strategy.GetDouble("rebalance-relative-limit", 0.1),
            strategy.GetInt("rebalance-threshold", 1),
            strategy.GetInt("max-simultaneous-rebalance", 3));
    }

    /// <summary>Idle passivation as it applies: never with remember-entities.</summary>
    public TimeSpan? EffectiveIdleTimeout => RememberEntities ? null : PassivateIdleEntityAfter;

    public ClusterShardingSettings WithRole(string? role) => this with { Role = string.IsNullOrEmpty(role) ? null : role };
    public ClusterShardingSettings WithRememberEntities(bool rememberEntities) => this with { RememberEntities = rememberEntities };
    public ClusterShardingSettings WithPassivateIdleAfter(TimeSpan? timeout) => this with { PassivateIdleEntityAfter = timeout is { } t && t > TimeSpan.Zero ? t : null };
    public ClusterShardingSettings WithJournalPluginId(string id) => this with { JournalPluginId = id };
    public ClusterShardingSettings WithSnapshotPluginId(string id) => this with { SnapshotPluginId = id };
    public ClusterShardingSettings WithRebalanceInterval(TimeSpan interval) => this with { RebalanceInterval = interval };
    public ClusterShardingSettings WithRetryInterval(TimeSpan interval) => this with { RetryInterval = interval };
    public ClusterShardingSettings WithBufferSize(int size) => this with { BufferSize = size };
    public ClusterShardingSettings WithHandOffTimeout(TimeSpan timeout) => this with { HandOffTimeout = timeout };

    public ClusterShardingSettings WithStateStoreMode(string mode) => mode == "persistence"
        ? this with { StateStoreMode = mode }
        : throw new ArgumentException($"state-store-mode '{mode}' is not supported (only 'persistence')", nameof(mode));
}
