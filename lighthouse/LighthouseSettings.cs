using System.Globalization;
using ActorWarehouse.Actors;

namespace ActorWarehouse.Lighthouse;

/// <summary>
/// The lighthouse's settings from environment variables, as Petabridge's Lighthouse reads them: ACTORSYSTEM,
/// CLUSTER_IP, CLUSTER_PORT, CLUSTER_SEEDS (its own address is appended when missing), plus PBM_PORT and the
/// required AW_CLUSTER_SECRET.
/// </summary>
public sealed record LighthouseSettings(string SystemName, string Hostname, int Port, IReadOnlyList<string> SeedNodes, int PbmPort, string Secret)
{
    public const string Usage =
        "lighthouse: a cluster seed node with a management host, configured by environment variables:\n" +
        "  ACTORSYSTEM        actor system name (default aw; must equal the nodes')\n" +
        "  CLUSTER_IP         host to bind and advertise (default 127.0.0.1)\n" +
        "  CLUSTER_PORT       cluster port (default 4053)\n" +
        "  CLUSTER_SEEDS      comma-separated akka.tcp://SYSTEM@HOST:PORT seeds; its own address is appended\n" +
        "  PBM_PORT           management port for aw pbm (default 9110; 0 = any free port)\n" +
        "  AW_CLUSTER_SECRET  shared cluster secret (required)";

    /// <summary>akka.tcp://SYSTEM@HOST:PORT of this lighthouse.</summary>
    public string SelfAddress => $"{Address.TcpProtocol}://{SystemName}@{Hostname}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads and checks the variables; throws <see cref="ArgumentException"/> with a message for the operator.</summary>
    public static LighthouseSettings FromEnvironment(Func<string, string?> environment)
    {
        string system = NonEmpty(environment("ACTORSYSTEM")) ?? "aw";
        if (!system.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"ACTORSYSTEM '{system}' may hold only letters, digits, '-' and '_'");
        string host = NonEmpty(environment("CLUSTER_IP")) ?? "127.0.0.1";
        int port = ParsePort(environment("CLUSTER_PORT"), "CLUSTER_PORT", 4053, allowZero: false);
        int pbmPort = ParsePort(environment("PBM_PORT"), "PBM_PORT", 9110, allowZero: true);
        string secret = NonEmpty(environment("AW_CLUSTER_SECRET"))
            ?? throw new ArgumentException("AW_CLUSTER_SECRET is not set: the lighthouse refuses to run an unauthenticated cluster");

        var seeds = new List<string>();
        foreach (var seed in (environment("CLUSTER_SEEDS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Address parsed;
            try { parsed = Address.Parse(seed); }
            catch (UriFormatException) { throw new ArgumentException($"CLUSTER_SEEDS entry '{seed}' is not akka.tcp://SYSTEM@HOST:PORT"); }
            if (parsed.Protocol != Address.TcpProtocol || !parsed.HasGlobalScope)
                throw new ArgumentException($"CLUSTER_SEEDS entry '{seed}' is not akka.tcp://SYSTEM@HOST:PORT");
            if (parsed.System != system)
                throw new ArgumentException($"CLUSTER_SEEDS entry '{seed}' names system '{parsed.System}', but ACTORSYSTEM is '{system}'");
            seeds.Add(parsed.ToString());
        }
        var settings = new LighthouseSettings(system, host, port, seeds, pbmPort, secret);
        if (!seeds.Contains(settings.SelfAddress, StringComparer.Ordinal)) seeds.Add(settings.SelfAddress);
        return settings;
    }

    private static int ParsePort(string? text, string name, int defaultPort, bool allowZero)
    {
        if (string.IsNullOrEmpty(text)) return defaultPort;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535 || (port == 0 && !allowZero))
            throw new ArgumentException($"{name} must be a port number {(allowZero ? 0 : 1)}-65535, got '{text}'");
        return port;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
