using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors;

/// <summary>
/// Runs named shutdown tasks in ordered phases (Akka's phases and names, from <c>akka.coordinated-shutdown</c>).
/// Phases run one after another in dependency order; the tasks of a phase run in parallel; a phase that exceeds
/// its timeout is logged and the next one starts. The last phase terminates the actor system.
/// </summary>
public sealed class CoordinatedShutdown
{
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";
    public const string PhaseClusterShardingShutdownRegion = "cluster-sharding-shutdown-region";
    public const string PhaseClusterLeave = "cluster-leave";
    public const string PhaseClusterExiting = "cluster-exiting";
    public const string PhaseClusterExitingDone = "cluster-exiting-done";
    public const string PhaseClusterShutdown = "cluster-shutdown";
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    /// <summary>Why the shutdown runs.</summary>
    public class Reason
    {
        public override string ToString() => GetType().Name;
    }

    public sealed class UnknownReason : Reason { public static readonly UnknownReason Instance = new(); }
    public sealed class ActorSystemTerminateReason : Reason { public static readonly ActorSystemTerminateReason Instance = new(); }
    public sealed class ClrExitReason : Reason { public static readonly ClrExitReason Instance = new(); }
    /// <summary>This node left the cluster (Leave, then removed).</summary>
    public sealed class ClusterLeavingReason : Reason { public static readonly ClusterLeavingReason Instance = new(); }
    /// <summary>This node was downed (by the split brain resolver or an operator).</summary>
    public sealed class ClusterDowningReason : Reason { public static readonly ClusterDowningReason Instance = new(); }
    /// <summary>Joining through the seed nodes did not succeed in time.</summary>
    public sealed class ClusterJoinUnsuccessfulReason : Reason { public static readonly ClusterJoinUnsuccessfulReason Instance = new(); }

    private sealed record Phase(string Name, TimeSpan Timeout, IReadOnlyList<string> DependsOn);

    private readonly ActorSystem _system;
    private readonly Dictionary<string, Phase> _phases;
    private readonly Dictionary<string, List<(string Name, Func<Task<Done>> Task)>> _tasks = new();
    private readonly Lock _lock = new();
    private Task<Done>? _running;

    private CoordinatedShutdown(ActorSystem system)
    {
        _system = system;
        var config = system.Settings.Config.GetConfig("akka.coordinated-shutdown.phases");
        var defaultTimeout = system.Settings.CoordinatedShutdownDefaultPhaseTimeout;
        _phases = config.Keys.ToDictionary(k => k, k =>
        {
            var p = config.GetConfig(Quote(k));
            return new Phase(k, p.GetTimeSpan("timeout", defaultTimeout), p.GetStringList("depends-on"));
        });
        OrderedPhases = TopologicalOrder(_phases);
    }

    private static string Quote(string key) => "\"" + key + "\"";

    public static CoordinatedShutdown Get(ActorSystem system) => system.GetOrAddExtension(s => new CoordinatedShutdown(s));

    /// <summary>Phase names in the order they run.</summary>
    public IReadOnlyList<string> OrderedPhases { get; }

    /// <summary>The reason of the running (or finished) shutdown, null before it starts.</summary>
    public Reason? ShutdownReason { get; private set; }

    public void AddTask(string phase, string taskName, Func<Task<Done>> task)
    {
        if (!_phases.ContainsKey(phase)) throw new ConfigurationException($"unknown coordinated-shutdown phase '{phase}'");
        lock (_lock)
        {
            if (_running is not null) throw new IllegalStateException("coordinated shutdown has already started");
            if (!_tasks.TryGetValue(phase, out var list)) _tasks[phase] = list = [];
            list.Add((taskName, task));
        }
    }

    /// <summary>Starts the shutdown (once; later calls return the same task).</summary>
    public Task<Done> Run(Reason reason, string? fromPhase = null)
    {
        lock (_lock)
        {
            if (_running is not null) return _running;
            ShutdownReason = reason;
            _running = RunPhases(fromPhase);
            return _running;
        }
    }

    private async Task<Done> RunPhases(string? fromPhase)
    {
        bool started = fromPhase is null;
        foreach (var name in OrderedPhases)
        {
            if (!started && name == fromPhase) started = true;
            if (!started) continue;
            var phase = _phases[name];
            List<(string Name, Func<Task<Done>> Task)> tasks;
            lock (_lock) tasks = _tasks.TryGetValue(name, out var l) ? [.. l] : [];
            if (name == PhaseActorSystemTerminate)
                tasks.Add(("terminate-system", async () => { await _system.FinalTerminate(); return Done.Instance; }));
            if (tasks.Count == 0) continue;

            var all = Task.WhenAll(tasks.Select(t => RunTask(name, t.Name, t.Task)));
            if (await Task.WhenAny(all, Task.Delay(phase.Timeout)) != all)
                _system.Log.Warning("coordinated shutdown phase [{0}] timed out after {1}", name, phase.Timeout);
        }
        return Done.Instance;
    }

    private async Task RunTask(string phase, string name, Func<Task<Done>> task)
    {
        try { await task(); }
        catch (Exception e)
        {
            _system.Log.Warning(e, "coordinated shutdown task [{0}] in phase [{1}] failed", name, phase);
        }
    }

    private static List<string> TopologicalOrder(Dictionary<string, Phase> phases)
    {
        var order = new List<string>();
        var state = new Dictionary<string, int>();
        void Visit(string name)
        {
            if (state.TryGetValue(name, out var s))
            {
                if (s == 1) throw new ConfigurationException($"coordinated-shutdown phases have a cycle at '{name}'");
                return;
            }
            state[name] = 1;
            if (phases.TryGetValue(name, out var phase))
                foreach (var d in phase.DependsOn)
                {
                    if (!phases.ContainsKey(d)) throw new ConfigurationException($"phase '{name}' depends on unknown phase '{d}'");
                    Visit(d);
                }
            state[name] = 2;
            order.Add(name);
        }
        foreach (var name in phases.Keys) Visit(name);
        return order;
    }
}
