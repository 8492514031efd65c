using System.Collections.Immutable;
using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Cluster;

/// <summary>Cluster settings, read once from <c>akka.cluster</c> (see cluster.conf).</summary>
public sealed class ClusterSettings
{
    public ClusterSettings(Config config, string systemName)
    {
        var c = config.GetConfig("akka.cluster");
        SeedNodes = c.GetStringList("seed-nodes").Select(Address.Parse).ToImmutableList();
        foreach (var seed in SeedNodes)
            if (seed.System != systemName)
                throw new ConfigurationException($"seed node {seed} belongs to actor system '{seed.System}', not '{systemName}': all nodes must use the same system name");
        SeedNodeTimeout = c.GetTimeSpan("seed-node-timeout", allowInfinite: false);
        SeedNodeRetryInterval = c.GetTimeSpan("seed-node-retry-interval", TimeSpan.FromSeconds(1), allowInfinite: false);
        RetryUnsuccessfulJoinAfter = OffOrDuration(c, "retry-unsuccessful-join-after");
        ShutdownAfterUnsuccessfulJoinSeedNodes = OffOrDuration(c, "shutdown-after-unsuccessful-join-seed-nodes");
        Roles = c.GetStringList("roles").ToImmutableHashSet(StringComparer.Ordinal);
        MinNrOfMembers = c.GetInt("min-nr-of-members");
        var roleConfig = c.GetConfig("role");
        MinNrOfMembersOfRole = roleConfig.Keys.ToImmutableDictionary(k => k, k => roleConfig.GetConfig(k).GetInt("min-nr-of-members", 1), StringComparer.Ordinal);
        GossipInterval = c.GetTimeSpan("gossip-interval", allowInfinite: false);
        GossipTimeToLive = c.GetTimeSpan("gossip-time-to-live", allowInfinite: false);
        LeaderActionsInterval = c.GetTimeSpan("leader-actions-interval", allowInfinite: false);
        UnreachableNodesReaperInterval = c.GetTimeSpan("unreachable-nodes-reaper-interval", allowInfinite: false);
        AllowWeaklyUpMembers = OffOrDuration(c, "allow-weakly-up-members");
        RunCoordinatedShutdownWhenDown = c.GetBoolean("run-coordinated-shutdown-when-down");
        QuarantineRemovedNodeAfter = c.GetTimeSpan("quarantine-removed-node-after", TimeSpan.FromSeconds(5), allowInfinite: false);
        DowningProviderClass = c.GetString("downing-provider-class", "");

        var fd = c.GetConfig("failure-detector");
        HeartbeatInterval = fd.GetTimeSpan("heartbeat-interval", allowInfinite: false);
        FailureDetectorThreshold = fd.GetDouble("threshold");
        MaxSampleSize = fd.GetInt("max-sample-size");
        MinStdDeviation = fd.GetTimeSpan("min-std-deviation", allowInfinite: false);
        AcceptableHeartbeatPause = fd.GetTimeSpan("acceptable-heartbeat-pause", allowInfinite: false);
        MonitoredByNrOfMembers = fd.GetInt("monitored-by-nr-of-members");
        ExpectedResponseAfter = fd.GetTimeSpan("expected-response-after", allowInfinite: false);

        var sbr = c.GetConfig("split-brain-resolver");
        SbrActiveStrategy = sbr.GetString("active-strategy");
        if (DowningProviderClass.Length > 0 && SbrActiveStrategy != "keep-majority")
            throw new ConfigurationException($"split-brain-resolver.active-strategy '{SbrActiveStrategy}' is not supported (keep-majority only)");
        StableAfter = sbr.GetTimeSpan("stable-after", allowInfinite: false);
        var unstable = sbr.GetString("down-all-when-unstable", "on");
        DownAllWhenUnstable = unstable switch
        {
            "on" or "true" => TimeSpan.FromMilliseconds(Math.Max(StableAfter.TotalMilliseconds * 3 / 4, 4000)),
            "off" or "false" => null,
            _ => sbr.GetTimeSpan("down-all-when-unstable", allowInfinite: false),
        };
        KeepMajorityRole = sbr.GetString("keep-majority.role", "");
    }

    private static TimeSpan? OffOrDuration(Config c, string path) =>
        c.GetString(path, "off") is "off" or "false" ? null : c.GetTimeSpan(path, allowInfinite: false);

    public ImmutableList<Address> SeedNodes { get; }
    public TimeSpan SeedNodeTimeout { get; }
    public TimeSpan SeedNodeRetryInterval { get; }
    public TimeSpan? RetryUnsuccessfulJoinAfter { get; }
    public TimeSpan? ShutdownAfterUnsuccessfulJoinSeedNodes { get; }
    public ImmutableHashSet<string> Roles { get; }
    public int MinNrOfMembers { get; }
    public ImmutableDictionary<string, int> MinNrOfMembersOfRole { get; }
    public TimeSpan GossipInterval { get; }
    public TimeSpan GossipTimeToLive { get; }
    public TimeSpan LeaderActionsInterval { get; }
    public TimeSpan UnreachableNodesReaperInterval { get; }
    public TimeSpan? AllowWeaklyUpMembers { get; }
    public bool RunCoordinatedShutdownWhenDown { get; }
    public TimeSpan QuarantineRemovedNodeAfter { get; }
    /// <summary>"" when automatic downing is off; otherwise the split brain resolver runs.</summary>
    public string DowningProviderClass { get; }
    public bool SplitBrainResolverEnabled => DowningProviderClass.Length > 0;

    public TimeSpan HeartbeatInterval { get; }
    public double FailureDetectorThreshold { get; }
    public int MaxSampleSize { get; }
    public TimeSpan MinStdDeviation { get; }
    public TimeSpan AcceptableHeartbeatPause { get; }
    public int MonitoredByNrOfMembers { get; }
    public TimeSpan ExpectedResponseAfter { get; }

    public string SbrActiveStrategy { get; }
    public TimeSpan StableAfter { get; }
    /// <summary>Null when off.</summary>
    public TimeSpan? DownAllWhenUnstable { get; }
    public string KeepMajorityRole { get; }
}
