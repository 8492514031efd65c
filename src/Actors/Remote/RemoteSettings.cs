using System.Text;
using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Remote;

/// <summary>Remoting settings, read once from <c>akka.remote</c> (see remote.conf).</summary>
internal sealed class RemoteSettings
{
    public const string SecretVariable = "AW_CLUSTER_SECRET";

    public RemoteSettings(Config config)
    {
        var tcp = config.GetConfig("akka.remote.dot-netty.tcp");
        Hostname = tcp.GetString("hostname");
        Port = tcp.GetInt("port");
        MaximumFrameSize = (int)Math.Max(32000, tcp.GetByteSize("maximum-frame-size"));
        MaximumPayloadBytes = tcp.GetByteSize("maximum-payload-bytes");
        ConnectionTimeout = tcp.GetTimeSpan("connection-timeout", allowInfinite: false);
        HandshakeTimeout = config.GetTimeSpan("akka.remote.handshake-timeout", allowInfinite: false);
        SendQueueCapacity = config.GetInt("akka.remote.send-queue-capacity");
        SendQueuePushTimeout = config.GetTimeSpan("akka.remote.send-queue-push-timeout", allowInfinite: false);
        ResendInterval = config.GetTimeSpan("akka.remote.resend-interval", allowInfinite: false);
        SystemMessageBufferSize = config.GetInt("akka.remote.system-message-buffer-size");
        HeartbeatInterval = config.GetTimeSpan("akka.remote.watch-failure-detector.heartbeat-interval", allowInfinite: false);
        AcceptableHeartbeatPause = config.GetTimeSpan("akka.remote.watch-failure-detector.acceptable-heartbeat-pause", allowInfinite: false);
        RetryGateClosedFor = config.GetTimeSpan("akka.remote.retry-gate-closed-for", allowInfinite: false);

        // An explicit akka.remote.secret wins (tests run systems with different secrets in one process);
        // otherwise the environment variable. No secret, no remoting: an open port must never accept strangers.
        var secret = config.GetString("akka.remote.secret", "");
        if (secret.Length == 0) secret = Environment.GetEnvironmentVariable(SecretVariable) ?? "";
        if (secret.Length == 0)
            throw new ConfigurationException($"remoting needs a shared cluster secret: set {SecretVariable} or akka.remote.secret");
        Secret = Encoding.UTF8.GetBytes(secret);
    }

    public string Hostname { get; }
    public int Port { get; }
    public int MaximumFrameSize { get; }
    public long MaximumPayloadBytes { get; }
    public TimeSpan ConnectionTimeout { get; }
    public TimeSpan HandshakeTimeout { get; }
    public int SendQueueCapacity { get; }
    public TimeSpan SendQueuePushTimeout { get; }
    public TimeSpan ResendInterval { get; }
    public int SystemMessageBufferSize { get; }
    public TimeSpan HeartbeatInterval { get; }
    public TimeSpan AcceptableHeartbeatPause { get; }
    public TimeSpan RetryGateClosedFor { get; }
    public byte[] Secret { get; }
}
