using static ActorWarehouse.Actors.Cluster.ClusterEvent;

namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// Runs one instance of an actor in the cluster: start this manager on every node (of the role) under the same
/// name; the oldest Up member with the role runs the singleton as the manager's child (settings' singleton name).
/// When the oldest leaves it stops its singleton and hands over (HandOverDone) to the next oldest, which asks
/// for the hand-over (HandOverToMe) until it is done or the old one is gone; when the oldest crashes, the next
/// oldest takes over once the crashed one has been downed. Never runs on WeaklyUp members.
/// </summary>
public sealed class ClusterSingletonManager : ReceiveActor, IWithTimers
{
    private readonly Props _singletonProps;
    private readonly object _terminationMessage;
    private readonly ClusterSingletonManagerSettings _settings;
    private readonly Cluster _cluster;
    private readonly List<Member> _members = []; // with the role, not Down/Removed, any of Up/Leaving/Exiting
    private readonly List<IActorRef> _waitingForHandOver = [];
    private IActorRef? _singleton;
    private bool _stopping;
    private volatile bool _running;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Props singletonProps, object terminationMessage, ClusterSingletonManagerSettings settings) =>
        Actors.Props.CreateBy(() => new ClusterSingletonManager(singletonProps, terminationMessage, settings));

    private ClusterSingletonManager(Props singletonProps, object terminationMessage, ClusterSingletonManagerSettings settings)
    {
        _singletonProps = singletonProps;
        _terminationMessage = terminationMessage;
        _settings = settings;
        _cluster = Cluster.Get(Context.System);

        Receive<CurrentClusterState>(OnState);
        Receive<IMemberEvent>(OnMemberEvent);
        Receive<SingletonMessages.HandOverToMe>(_ => OnHandOverToMe(Sender));
        Receive<SingletonMessages.HandOverInProgress>(_ => { });
        Receive<SingletonMessages.HandOverDone>(_ => OnHandOverDone(Sender));
        Receive<SingletonMessages.TakeOverFromMe>(_ => Evaluate());
        Receive<AskForHandOver>(_ => Evaluate());
        Receive<Terminated>(t =>
        {
            if (!t.ActorRef.Equals(_singleton)) return;
            Context.GetLogger().Info("singleton {0} stopped", t.ActorRef.Path);
            _singleton = null;
            _stopping = false;
            _running = false;
            foreach (var requester in _waitingForHandOver) requester.Tell(SingletonMessages.HandOverDone.Instance, Self);
            _waitingForHandOver.Clear();
            Evaluate();
        });
    }

    private sealed class AskForHandOver { public static readonly AskForHandOver Instance = new(); }

    private bool RoleMatches(Member m) => _settings.Role is null || m.HasRole(_settings.Role);

    protected override void PreStart()
    {
        if (_settings.Role is not null && !_cluster.SelfRoles.Contains(_settings.Role))
        {
            Context.GetLogger().Warning("this node does not have the role [{0}]: the singleton [{1}] never runs here", _settings.Role, _settings.SingletonName);
            return;
        }
        // A snapshot first: deciding on a partial view (events arrive by address, not age) could start a second instance.
        _cluster.Subscribe(Self, InitialStateAsSnapshot, typeof(IMemberEvent));
        try
        {
            CoordinatedShutdown.Get(Context.System).AddTask(CoordinatedShutdown.PhaseClusterExiting, "singleton-exiting-" + Self.Path.Name, async () =>
            {
                // Leaving: the singleton hands over (stops here) before this node exits.
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                while (_running && DateTime.UtcNow < deadline) await Task.Delay(50);
                return Done.Instance;
            });
        }
        catch (IllegalStateException)
        {
            // Shutdown already running: nothing to hand over from a node that never ran the singleton.
        }
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnState(CurrentClusterState state)
    {
        _members.Clear();
        _members.AddRange(state.Members.Where(m => RoleMatches(m) && m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting));
        _members.Sort(Member.AgeOrdering);
        Evaluate();
    }

    private void OnMemberEvent(IMemberEvent e)
    {
        var m = e.Member;
        if (!RoleMatches(m)) return;
        _members.RemoveAll(x => x.UniqueAddress.Equals(m.UniqueAddress));
        if (m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting) _members.Add(m);
        _members.Sort(Member.AgeOrdering);
        Evaluate();
    }

    /// <summary>The member that should run the singleton: the oldest Up member with the role.</summary>
    private Member? Target() => _members.FirstOrDefault(m => m.Status == MemberStatus.Up);

    private void Evaluate()
    {
        var target = Target();
        bool selfIsTarget = target is not null && target.UniqueAddress.Equals(_cluster.SelfUniqueAddress);
        if (selfIsTarget)
        {
            if (_singleton is not null) return;
            // Older members that are leaving may still run it: they must hand it over first.
            var previous = _members.Where(m => m.IsOlderThan(target!) && m.Status is MemberStatus.Leaving or MemberStatus.Exiting).ToList();
            if (previous.Count > 0)
            {
                foreach (var p in previous) ManagerAt(p.Address).Tell(SingletonMessages.HandOverToMe.Instance, Self);
                Timers.StartSingleTimer("hand-over", AskForHandOver.Instance, _settings.HandOverRetryInterval);
                return;
            }
            StartSingleton();
            return;
        }
        if (_singleton is not null && !_stopping)
        {
            // Someone else is (or will be) the oldest: stop ours, then tell the new oldest.
            if (target is not null) _waitingForHandOver.Add(ManagerAt(target.Address));
            StopSingleton();
        }
    }

    private void StartSingleton()
    {
        Timers.Cancel("hand-over");
        _singleton = Context.ActorOf(_singletonProps, _settings.SingletonName);
        Context.Watch(_singleton);
        _running = true;
        Context.GetLogger().Info("singleton [{0}] started on the oldest node {1}", _settings.SingletonName, _cluster.SelfAddress);
    }

    private void StopSingleton()
    {
        _stopping = true;
        Context.GetLogger().Info("handing over singleton [{0}]", _settings.SingletonName);
        _singleton!.Tell(_terminationMessage, Self);
    }

    private void OnHandOverToMe(IActorRef requester)
    {
        if (_singleton is null)
        {
            requester.Tell(SingletonMessages.HandOverDone.Instance, Self);
            return;
        }
        requester.Tell(SingletonMessages.HandOverInProgress.Instance, Self);
        if (!_waitingForHandOver.Contains(requester)) _waitingForHandOver.Add(requester);
        if (!_stopping) StopSingleton();
    }

    private void OnHandOverDone(IActorRef from)
    {
        var target = Target();
        if (_singleton is not null || target is null || !target.UniqueAddress.Equals(_cluster.SelfUniqueAddress)) return;
        Context.GetLogger().Info("hand-over of singleton [{0}] done by {1}", _settings.SingletonName, from.Path.Address);
        // The previous holder stopped its instance: it no longer blocks us even while it is still leaving.
        _members.RemoveAll(m => m.Address.Equals(from.Path.Address) && m.Status != MemberStatus.Up);
        StartSingleton();
    }

    private IActorRef ManagerAt(Address address) => Context.System.ResolveActorRef(new ActorPath(address, Self.Path.Elements));
}
