namespace ActorWarehouse.Actors.Cluster;

/// <summary>Settings of <see cref="ClusterSingletonManager"/> (<c>akka.cluster.singleton</c>).</summary>
public sealed record ClusterSingletonManagerSettings(string SingletonName, string? Role, TimeSpan HandOverRetryInterval, int MinNumberOfHandOverRetries)
{
    public static ClusterSingletonManagerSettings Create(ActorSystem system)
    {
        var c = system.Settings.Config.GetConfig("akka.cluster.singleton");
        var role = c.GetString("role", "");
        return new(c.GetString("singleton-name"), role.Length == 0 ? null : role,
            c.GetTimeSpan("hand-over-retry-interval", allowInfinite: false), c.GetInt("min-number-of-hand-over-retries"));
    }

    public ClusterSingletonManagerSettings WithRole(string? role) => this with { Role = string.IsNullOrEmpty(role) ? null : role };
    public ClusterSingletonManagerSettings WithSingletonName(string name) => this with { SingletonName = name };
    public ClusterSingletonManagerSettings WithHandOverRetryInterval(TimeSpan interval) => this with { HandOverRetryInterval = interval };
}

/// <summary>Settings of <see cref="ClusterSingletonProxy"/> (<c>akka.cluster.singleton-proxy</c>).</summary>
public sealed record ClusterSingletonProxySettings(string SingletonName, string? Role, TimeSpan SingletonIdentificationInterval, int BufferSize)
{
    public static ClusterSingletonProxySettings Create(ActorSystem system)
    {
        var c = system.Settings.Config.GetConfig("akka.cluster.singleton-proxy");
        var role = c.GetString("role", "");
        return new(c.GetString("singleton-name"), role.Length == 0 ? null : role,
            c.GetTimeSpan("singleton-identification-interval", allowInfinite: false), c.GetInt("buffer-size"));
    }

    public ClusterSingletonProxySettings WithRole(string? role) => this with { Role = string.IsNullOrEmpty(role) ? null : role };
    public ClusterSingletonProxySettings WithSingletonName(string name) => this with { SingletonName = name };
    public ClusterSingletonProxySettings WithBufferSize(int bufferSize) => this with { BufferSize = bufferSize };
    public ClusterSingletonProxySettings WithSingletonIdentificationInterval(TimeSpan interval) => this with { SingletonIdentificationInterval = interval };
}
