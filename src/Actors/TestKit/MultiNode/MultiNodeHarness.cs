using System.Diagnostics;

namespace ActorWarehouse.Actors.TestKit.MultiNode;

/// <summary>
/// Starts N real processes of a node program on this machine, by role, and coordinates them: barriers,
/// kill (crash) and restart. The node program must print <c>READY &lt;role&gt; &lt;address&gt;</c> when started and
/// answer <c>barrier &lt;name&gt;</c> with <c>AT &lt;name&gt;</c>; the harness passes <c>--role</c> and any extra arguments.
/// </summary>
public sealed class MultiNodeHarness : IDisposable
{
    private readonly string _program;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Dictionary<string, NodeProcess> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Address> _addresses = new(StringComparer.Ordinal);

    /// <param name="program">A .dll (run with <c>dotnet</c>) or an executable.</param>
    /// <param name="environment">Variables set for every node (e.g. the cluster secret).</param>
    public MultiNodeHarness(string program, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(program)) throw new FileNotFoundException("node program not found", program);
        _program = program;
        _environment = environment ?? new Dictionary<string, string>();
    }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan BarrierTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyCollection<NodeProcess> Nodes => _nodes.Values;

    public NodeProcess Node(string role) => _nodes.TryGetValue(role, out var n) ? n : throw new KeyNotFoundException($"no node with role '{role}'");

    /// <summary>The actor system address the node reported when it became ready.</summary>
    public Address GetAddress(string role) => _addresses[role];

    /// <summary>Starts a node and waits until it reports READY.</summary>
    public NodeProcess Start(string role, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        if (_nodes.TryGetValue(role, out var existing) && !existing.HasExited)
            throw new InvalidOperationException($"node '{role}' is already running");
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(_program);
        }
        else
        {
            start.FileName = _program;
        }
        start.ArgumentList.Add("--role");
        start.ArgumentList.Add(role);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in _environment) start.Environment[k] = v;
        if (environment is not null) foreach (var (k, v) in environment) start.Environment[k] = v;
        return Launch(role, start);
    }

    private NodeProcess Launch(string role, ProcessStartInfo start)
    {
        var node = new NodeProcess(role, start);
        if (_nodes.TryGetValue(role, out var previous)) previous.Dispose();
        _nodes[role] = node;
        var ready = node.ExpectLineStartingWith($"READY {role} ", StartTimeout);
        _addresses[role] = Address.Parse(ready.Split(' ')[2]);
        return node;
    }

    /// <summary>Crashes the node's process.</summary>
    public void Kill(string role) => Node(role).Kill();

    /// <summary>Kills the node (if running) and starts it again with the same program, arguments and environment.</summary>
    public NodeProcess Restart(string role)
    {
        var old = Node(role);
        old.Kill();
        return Launch(role, old.StartInfo);
    }

    /// <summary>Every running node (or the given roles) must reach the barrier within the timeout.</summary>
    public void EnterBarrier(string name, params string[] roles)
    {
        var participants = (roles.Length == 0 ? _nodes.Values.Where(n => !n.HasExited) : roles.Select(Node)).ToList();
        foreach (var node in participants) node.Send($"barrier {name}");
        foreach (var node in participants) node.ExpectLine(l => l == $"AT {name}", BarrierTimeout, $"barrier '{name}'");
    }

    /// <summary>Runs an action for each of the given roles (the harness-side half of RunOn).</summary>
    public void RunOn(Action<NodeProcess> action, params string[] roles)
    {
        foreach (var role in roles) action(Node(role));
    }

    public void Dispose()
    {
        foreach (var node in _nodes.Values) node.Dispose();
        _nodes.Clear();
    }
}
