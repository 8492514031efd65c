using System.Collections.Concurrent;
using ActorWarehouse.Actors.Configuration;
using ActorWarehouse.Actors.Dispatch;
using ActorWarehouse.Actors.Event;
using ActorWarehouse.Actors.Remote;
using ActorWarehouse.Actors.Serialization;

namespace ActorWarehouse.Actors;

/// <summary>
/// A hierarchy of actors with its guardians (<c>/user</c>, <c>/system</c>), dead letters, event stream,
/// scheduler, serialization and, with <c>akka.actor.provider = remote</c>, a TCP transport.
/// </summary>
public sealed class ActorSystem : IActorRefFactory, IDisposable
{
    private readonly Dispatchers _dispatchers;
    private readonly ActorCell _rootCell;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, InternalActorRef> _temp = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private readonly Lazy<Serialization.Serialization> _serialization;
    private long _tempCounter;
    private int _terminateStarted;
    private readonly List<IDisposable> _loggerSubscriptions = [];

    private ActorSystem(string name, Config config)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"invalid actor system name '{name}': letters, digits, '-' and '_' only", nameof(name));
        Name = name;
        Settings = new Settings(name, config);
        EventStream = new EventStream();
        StartLoggers();
        Log = new BusLogging(EventStream, $"ActorSystem({name})", typeof(ActorSystem), Settings.LogLevel);
        Scheduler = Settings.SchedulerImplementation switch
        {
            "heap" => new HeapScheduler(name),
            "test" => new TestKit.TestScheduler(),
            var other => throw new ConfigurationException($"unknown akka.scheduler.implementation '{other}'"),
        };
        _dispatchers = new Dispatchers(config);
        _serialization = new Lazy<Serialization.Serialization>(() => new Serialization.Serialization(this));

        Remote = Settings.Provider switch
        {
            "local" => null,
            "remote" or "Akka.Remote.RemoteActorRefProvider, Akka.Remote" => new RemoteActorRefProvider(this),
            var p when Cluster.Internal.ClusterProvider.IsCluster(p) => new RemoteActorRefProvider(this),
            var other => throw new ConfigurationException($"unknown akka.actor.provider '{other}' (local, remote or cluster)"),
        };
        // The transport binds first: with port 0 the real port becomes part of every actor path.
        Address = Remote?.Bind() ?? new Address(Address.LocalProtocol, name);

        var rootPath = new ActorPath(Address, []);
        DeadLetters = new DeadLetterActorRef(this, rootPath / "deadLetters");
        var topLevel = new TopLevelSupervisorRef(rootPath / "bubble-walker", e =>
        {
            Log.Error(e, "the root guardian failed; terminating the actor system");
            _ = Terminate();
        });
        _rootCell = CreateCell(Props.CreateBy(() => new GuardianActor(SupervisorStrategy.StoppingStrategy)), rootPath, topLevel);
        _rootCell.Start();
        _userGuardian = (ActorCellOf(_rootCell.ActorOf(Props.CreateBy(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), "user")));
        _systemGuardian = ActorCellOf(_rootCell.ActorOf(Props.CreateBy(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), "system"));
        Remote?.Start();
        // As upstream, the cluster provider starts membership with the system (and joins the configured seeds).
        if (Cluster.Internal.ClusterProvider.IsCluster(Settings.Provider)) Cluster.Cluster.Get(this);
        // As upstream: if /user stops by itself (an escalated failure reached the root), the system terminates.
        _userGuardian.WhenTerminated.ContinueWith(_ =>
        {
            if (Volatile.Read(ref _terminateStarted) == 0)
            {
                Log.Error("the user guardian stopped; terminating the actor system");
                _ = Terminate();
            }
        }, TaskScheduler.Default);
    }

    private static ActorCell ActorCellOf(IActorRef actorRef) => ((LocalActorRef)actorRef).Cell;

    public static ActorSystem Create(string name) => Create(name, Config.Empty);

    public static ActorSystem Create(string name, string hocon) => Create(name, ConfigurationFactory.ParseString(hocon));

    /// <summary>Creates a system whose settings are <paramref name="config"/> over the embedded reference configuration.</summary>
    public static ActorSystem Create(string name, Config config) =>
        new(name, config.WithFallback(ConfigurationFactory.Default()));

    public string Name { get; }
    public Settings Settings { get; }
    public EventStream EventStream { get; }
    public IScheduler Scheduler { get; }
    public ILoggingAdapter Log { get; }
    public IActorRef DeadLetters { get; }
    /// <summary><c>akka://Name</c>, or <c>akka.tcp://Name@host:port</c> with remoting.</summary>
    public Address Address { get; }
    public Serialization.Serialization Serialization => _serialization.Value;
    public Task WhenTerminated => _terminated.Task;
    public DateTime StartTime { get; } = DateTime.UtcNow;

    internal RemoteActorRefProvider? Remote { get; }
    internal InternalActorRef UserGuardian => _userGuardian.Self;
    internal InternalActorRef SystemGuardian => _systemGuardian.Self;
    internal InternalActorRef RootGuardian => _rootCell.Self;

    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates a runtime actor under <c>/system</c>.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    public void Stop(IActorRef actor)
    {
        if (actor is InternalActorRef r) r.SendSystemMessage(Dispatch.Terminate.Instance);
    }

    /// <summary>Ours: the extension of type T, created once per system.</summary>
    public T GetOrAddExtension<T>(Func<ActorSystem, T> create) where T : class =>
        (T)_extensions.GetOrAdd(typeof(T), _ => create(this));

    public ActorSelection ActorSelection(string path) => SelectionFrom(RootGuardian, path);

    public ActorSelection ActorSelection(ActorPath path) => ActorSelection(path.ToString());

    internal ActorSelection SelectionFrom(InternalActorRef anchor, string path)
    {
        if (Address.TryParse(path, out var address, out var start))
        {
            var root = ResolveActorRef(new ActorPath(address, []));
            return new ActorSelection(root, SplitElements(path[start..]));
        }
        if (path.StartsWith('/')) return new ActorSelection(RootGuardian, SplitElements(path));
        return new ActorSelection(anchor, SplitElements(path));
    }

    private static string[] SplitElements(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    // ---------------------------------------------------------------- cells and refs

    internal ActorCell CreateCell(Props props, ActorPath path, InternalActorRef parent) =>
        new(this, path, props, parent, _dispatchers.CreateMailbox(props));

    internal void OnActorTerminated(ActorCell cell) { }

    internal bool IsLocalAddress(Address address) =>
        address.Equals(Address) || (address.HasLocalScope && address.System == Name);

    /// <summary>Turns a path (with optional <c>#uid</c>) into a ref: local lookup or a remote ref; dead letters if gone.</summary>
    internal InternalActorRef ResolveActorRef(string path) =>
        ActorPath.TryParse(path, out var parsed) ? ResolveActorRef(parsed!) : (InternalActorRef)DeadLetters;

    internal InternalActorRef ResolveActorRef(ActorPath path)
    {
        if (!IsLocalAddress(path.Address))
            return Remote?.RemoteRefFor(path) ?? (InternalActorRef)DeadLetters;
        return ResolveLocal(path.Elements, path.Uid) ?? (InternalActorRef)DeadLetters;
    }

    internal InternalActorRef? ResolveLocal(IReadOnlyList<string> elements, long uid)
    {
        if (elements.Count == 0) return RootGuardian;
        if (elements[0] == "deadLetters" && elements.Count == 1) return (InternalActorRef)DeadLetters;
        if (elements[0] == "temp" && elements.Count == 2)
            return _temp.TryGetValue(elements[1], out var t) && (uid == ActorPath.UndefinedUid || t.Path.Uid == uid) ? t : null;
        var cell = _rootCell;
        LocalActorRef? current = null;
        foreach (var name in elements)
        {
            current = cell.GetChild(name);
            if (current is null) return null;
            cell = current.Cell;
        }
        if (current is null) return null;
        return uid == ActorPath.UndefinedUid || current.Path.Uid == uid ? current : null;
    }

    internal ActorPath NewTempPath()
    {
        long n = Interlocked.Increment(ref _tempCounter);
        return new ActorPath(Address, ["temp", "$" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    internal void RegisterTempActor(InternalActorRef actor) => _temp[actor.Path.Name] = actor;

    internal void UnregisterTempActor(InternalActorRef actor) => _temp.TryRemove(actor.Path.Name, out _);

    // ---------------------------------------------------------------- logging

    private void StartLoggers()
    {
        if (Settings.StdoutLoggerEnabled && Settings.StdoutLogLevel != LogLevel.OffLevel)
        {
            var logger = new StandardOutLogger(Settings.StdoutLogLevel, Console.Error);
            _loggerSubscriptions.Add(EventStream.Subscribe(typeof(LogEvent), logger.Handle));
        }
        if (Settings.LogDeadLetters > 0 && Settings.LogLevel <= LogLevel.InfoLevel)
        {
            int count = 0;
            _loggerSubscriptions.Add(EventStream.Subscribe(typeof(DeadLetter), e =>
            {
                var d = (DeadLetter)e;
                int n = Interlocked.Increment(ref count);
                if (n > Settings.LogDeadLetters) return;
                var suffix = n == Settings.LogDeadLetters ? " No more dead letters will be logged." : "";
                EventStream.Publish(new Info(d.Recipient.Path.ToString(), typeof(DeadLetterActorRef),
                    $"Message [{d.Message.GetType().Name}] from {d.Sender} to {d.Recipient} was not delivered. [{n}] dead letters encountered.{suffix}"));
            }));
        }
    }

    // ---------------------------------------------------------------- termination

    /// <summary>
    /// Runs CoordinatedShutdown (when configured), which stops <c>/user</c>, then <c>/system</c>, then the transport.
    /// </summary>
    public Task Terminate()
    {
        if (Settings.RunCoordinatedShutdownWhenTerminate)
        {
            _ = CoordinatedShutdown.Get(this).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
            return WhenTerminated;
        }
        return FinalTerminate();
    }

    /// <summary>INTERNAL API: the actual stop; used by the last CoordinatedShutdown phase.</summary>
    internal Task FinalTerminate()
    {
        if (Interlocked.Exchange(ref _terminateStarted, 1) == 0) _ = RunTermination();
        return WhenTerminated;
    }

    private async Task RunTermination()
    {
        try
        {
            var timeout = Settings.CreationTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(20) : Settings.CreationTimeout;
            _userGuardian.Self.SendSystemMessage(Dispatch.Terminate.Instance);
            await WaitOrLog(_userGuardian.WhenTerminated, timeout, "/user");
            _systemGuardian.Self.SendSystemMessage(Dispatch.Terminate.Instance);
            await WaitOrLog(_systemGuardian.WhenTerminated, timeout, "/system");
            _rootCell.Self.SendSystemMessage(Dispatch.Terminate.Instance);
            await WaitOrLog(_rootCell.WhenTerminated, timeout, "/");
            if (Remote is not null) await Remote.ShutdownAsync();
            foreach (var t in _temp.Values) t.Tell(new Status.Failure(new IllegalStateException("actor system terminated")), null);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"actor system {Name}: error while terminating: {e}");
        }
        finally
        {
            (Scheduler as IDisposable)?.Dispose();
            foreach (var s in _loggerSubscriptions) s.Dispose();
            _terminated.TrySetResult();
        }
    }

    private async Task WaitOrLog(Task task, TimeSpan timeout, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(timeout)) != task)
            Log.Warning("guardian {0} did not stop within {1}", what, timeout);
    }

    public void Dispose()
    {
        Terminate().Wait(TimeSpan.FromSeconds(30));
    }

    public override string ToString() => Address.ToString();
}
