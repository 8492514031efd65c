using System.Globalization;
using ActorWarehouse.Host.Cli;

namespace ActorWarehouse.Host.Node;

/// <summary>
/// The options of <c>aw node</c> (issues #3 and #5). One place parses them so every node service
/// (warehouse, wire server, cluster, management host) reads the same values.
/// </summary>
public sealed record NodeOptions
{
    public const string Usage =
        "usage: aw node [--roles leader|compute|scaling|all[,..]] [--data DIR] [--listen ADDR] [--sql-port P]\n" +
        "               [--admin-password PW] [--pbm-port P] [--seeds akka.tcp://aw@HOST:PORT[,...]]\n" +
        "               [--cluster-port P] [--cluster-secret S] [--system NAME]";

    public static readonly IReadOnlySet<string> KnownRoles = new HashSet<string>(StringComparer.Ordinal) { "leader", "compute", "scaling", "all" };

    /// <summary>Cluster roles of this node; <c>all</c> expands to leader, compute and scaling.</summary>
    public IReadOnlyList<string> Roles { get; init; } = ["leader", "compute", "scaling"];

    /// <summary>The warehouse data folder; null = an in-memory warehouse (nothing survives the process).</summary>
    public string? DataFolder { get; init; }

    /// <summary>The address the SQL and management listeners bind to (127.0.0.1 unless told otherwise).</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    public int SqlPort { get; init; } = 5439;

    /// <summary>Password of the superuser <c>admin</c> created on first start (or AW_ADMIN_PASSWORD).</summary>
    public string? AdminPassword { get; init; }

    public int PbmPort { get; init; } = 9110;

    /// <summary>Seed node addresses, e.g. akka.tcp://aw@127.0.0.1:4053; empty = this node is its own seed.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];

    /// <summary>Remoting port; 0 lets the operating system pick a free one.</summary>
    public int ClusterPort { get; init; }

    /// <summary>The shared cluster secret (or AW_CLUSTER_SECRET).</summary>
    public string? ClusterSecret { get; init; }

    public string SystemName { get; init; } = "aw";

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Parses the arguments after <c>aw node</c>; throws <see cref="CliUsageException"/> on mistakes.</summary>
    public static NodeOptions Parse(string[] args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var parsed = new CliArguments(args,
            new HashSet<string> { "--roles", "--data", "--listen", "--sql-port", "--admin-password", "--pbm-port", "--seeds", "--cluster-port", "--cluster-secret", "--system" },
            new HashSet<string>());
        if (parsed.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{parsed.Positional[0]}'");
        return new NodeOptions
        {
            Roles = ParseRoles(parsed.Value("--roles") ?? "all"),
            DataFolder = parsed.Value("--data"),
            ListenAddress = parsed.Value("--listen") ?? "127.0.0.1",
            SqlPort = Port(parsed, "--sql-port", 5439),
            AdminPassword = parsed.Value("--admin-password") ?? NonEmpty(environment("AW_ADMIN_PASSWORD")),
            PbmPort = Port(parsed, "--pbm-port", 9110),
            Seeds = (parsed.Value("--seeds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ClusterPort = Port(parsed, "--cluster-port", 0),
            ClusterSecret = parsed.Value("--cluster-secret") ?? NonEmpty(environment("AW_CLUSTER_SECRET")),
            SystemName = parsed.Value("--system") ?? "aw",
        };
    }

    private static IReadOnlyList<string> ParseRoles(string text)
    {
        var roles = new List<string>();
        foreach (var role in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!KnownRoles.Contains(role)) throw new CliUsageException($"unknown role '{role}' (leader, compute, scaling, all)");
            if (role == "all") roles.AddRange(["leader", "compute", "scaling"]);
            else roles.Add(role);
        }
        if (roles.Count == 0) throw new CliUsageException("--roles needs at least one role");
        return roles.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static int Port(CliArguments parsed, string name, int defaultPort)
    {
        var text = parsed.Value(name);
        if (text is null) return defaultPort;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
            throw new CliUsageException($"option {name} needs a port number 0-65535, got '{text}'");
        return port;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
