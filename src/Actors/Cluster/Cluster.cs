using System.Collections.Immutable;
using ActorWarehouse.Actors.Cluster.Internal;
using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Cluster;

/// <summary>
/// Cluster membership of one actor system (Akka.Cluster's extension): joining through seed nodes, leaving,
/// downing, the current state and event subscriptions. Needs <c>akka.actor.provider = cluster</c>; the system
/// starts it by itself and joins <c>akka.cluster.seed-nodes</c> when that list is not empty.
/// </summary>
public sealed class Cluster
{
    private readonly ActorSystem _system;
    private readonly IActorRef _daemon;
    private readonly Lock _callbackLock = new();
    private readonly List<Action> _onUp = [];
    private readonly List<Action> _onRemoved = [];
    private volatile ClusterEvent.CurrentClusterState _state = ClusterEvent.CurrentClusterState.Empty;
    private volatile Member _selfMember;
    private int _terminated;

    private Cluster(ActorSystem system)
    {
        if (system.Remote is null || !ClusterProvider.IsCluster(system.Settings.Provider))
            throw new ConfigurationException($"the cluster needs akka.actor.provider = cluster (this system uses '{system.Settings.Provider}')");
        _system = system;
        Settings = new ClusterSettings(system.Settings.Config, system.Name);
        SelfUniqueAddress = new UniqueAddress(system.Address, system.Remote.SystemUid);
        _selfMember = new Member(SelfUniqueAddress, Member.NotUpNumber, MemberStatus.Removed, Settings.Roles);
        Statistics = new ClusterStatistics(system);
        // Before the daemon exists: a peer's first cluster message must find its serializer.
        system.Serialization.AddSerializationMap(typeof(IClusterMessage), new ClusterMessageSerializer(system, Statistics));
        system.Remote.IsManagedByCluster = IsMemberAddress;
        _daemon = system.SystemActorOf(Props.Create(() => new ClusterDaemon(this)), "cluster");
        ClusterShutdownTasks.Register(this, system);
    }

    /// <summary>The cluster of <paramref name="system"/> (created on first use; the system creates it at start).</summary>
    public static Cluster Get(ActorSystem system) => system.GetOrAddExtension(s => new Cluster(s));

    internal ActorSystem System => _system;
    internal IActorRef Daemon => _daemon;

    public ClusterSettings Settings { get; }
    public Address SelfAddress => SelfUniqueAddress.Address;
    public UniqueAddress SelfUniqueAddress { get; }
    public ImmutableHashSet<string> SelfRoles => Settings.Roles;

    /// <summary>This node as the latest gossip shows it (status Removed before it has joined and after it left).</summary>
    public Member SelfMember => _selfMember;

    /// <summary>The latest membership snapshot (updated when events are published).</summary>
    public ClusterEvent.CurrentClusterState State => _state;

    /// <summary>True once this node's cluster has shut down (left, downed or removed); it cannot join again.</summary>
    public bool IsTerminated => Volatile.Read(ref _terminated) != 0;

    /// <summary>Counters of the cluster's own traffic (gossip, heartbeats), for measuring it at rest.</summary>
    public ClusterStatistics Statistics { get; }

    /// <summary>Joins the cluster that <paramref name="address"/> belongs to (or forms one when it is this node).</summary>
    public void Join(Address address) => _daemon.Tell(new InternalClusterAction.JoinTo(address));

    /// <summary>Joins through the seed nodes: the first seed forms the cluster when no other seed answers.</summary>
    public void JoinSeedNodes(IEnumerable<Address> seedNodes) =>
        _daemon.Tell(new InternalClusterAction.JoinSeedNodes(seedNodes.ToImmutableList()));

    /// <summary>Asks the member at <paramref name="address"/> to leave gracefully (Leaving → Exiting → Removed).</summary>
    public void Leave(Address address) => _daemon.Tell(new ClusterUserAction.Leave(address));

    /// <summary>Completes when this node has been removed (or its cluster has otherwise shut down).</summary>
    public Task LeaveAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        RegisterOnMemberRemoved(() => done.TrySetResult());
        Leave(SelfAddress);
        return done.Task;
    }

    /// <summary>Marks the member at <paramref name="address"/> Down: the leader removes it without waiting for it.</summary>
    public void Down(Address address) => _daemon.Tell(new ClusterUserAction.Down(address));

    /// <summary>
    /// Sends cluster events of the given types (or base types such as <see cref="ClusterEvent.IMemberEvent"/>) to
    /// <paramref name="subscriber"/>, preceded by the current state as a snapshot or as events.
    /// </summary>
    public void Subscribe(IActorRef subscriber, ClusterEvent.SubscriptionInitialStateMode initialStateMode, params Type[] to)
    {
        if (to.Length == 0) throw new ArgumentException("at least one cluster event type to subscribe to is required", nameof(to));
        foreach (var t in to)
            if (!typeof(ClusterEvent.IClusterDomainEvent).IsAssignableFrom(t))
                throw new ArgumentException($"{t.Name} is not a cluster event (ClusterEvent.IClusterDomainEvent)", nameof(to));
        _daemon.Tell(new InternalClusterAction.Subscribe(subscriber, initialStateMode, to.ToImmutableHashSet()));
    }

    /// <summary>Subscribes with <see cref="ClusterEvent.InitialStateAsSnapshot"/>.</summary>
    public void Subscribe(IActorRef subscriber, params Type[] to) => Subscribe(subscriber, ClusterEvent.InitialStateAsSnapshot, to);

    public void Unsubscribe(IActorRef subscriber) => _daemon.Tell(new InternalClusterAction.Unsubscribe(subscriber, null));

    public void Unsubscribe(IActorRef subscriber, Type to) => _daemon.Tell(new InternalClusterAction.Unsubscribe(subscriber, to));

    /// <summary>Sends the current state to <paramref name="receiver"/> as one <see cref="ClusterEvent.CurrentClusterState"/>.</summary>
    public void SendCurrentClusterState(IActorRef receiver) => receiver.Tell(_state);

    /// <summary>Runs <paramref name="callback"/> once this node is Up (at once when it already is).</summary>
    public void RegisterOnMemberUp(Action callback)
    {
        lock (_callbackLock)
        {
            if (_selfMember.Status is not (MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting) && !IsTerminated)
            {
                _onUp.Add(callback);
                return;
            }
        }
        if (!IsTerminated) RunCallback(callback);
    }

    /// <summary>Runs <paramref name="callback"/> once this node is removed or its cluster shut down (at once when it already is).</summary>
    public void RegisterOnMemberRemoved(Action callback)
    {
        lock (_callbackLock)
        {
            if (!IsTerminated)
            {
                _onRemoved.Add(callback);
                return;
            }
        }
        RunCallback(callback);
    }

    // ---------------------------------------------------------------- INTERNAL API (publisher and daemon)

    private volatile ImmutableHashSet<Address> _memberAddresses = ImmutableHashSet<Address>.Empty;

    internal void SetMemberAddresses(ImmutableHashSet<Address> addresses) => _memberAddresses = addresses;

    /// <summary>Whether a member lives at <paramref name="address"/> (read by remoting on its own threads).</summary>
    internal bool IsMemberAddress(Address address) => _memberAddresses.Contains(address);

    internal void UpdateState(ClusterEvent.CurrentClusterState state, Member self)
    {
        _state = state;
        _selfMember = self;
        if (self.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting)
        {
            List<Action> run;
            lock (_callbackLock)
            {
                run = [.. _onUp];
                _onUp.Clear();
            }
            foreach (var c in run) RunCallback(c);
        }
    }

    /// <summary>Marks the cluster as shut down and runs the on-removed callbacks (once).</summary>
    internal void MarkTerminated()
    {
        List<Action> run;
        lock (_callbackLock)
        {
            if (Interlocked.Exchange(ref _terminated, 1) != 0) return;
            run = [.. _onRemoved];
            _onRemoved.Clear();
            _onUp.Clear();
        }
        foreach (var c in run) RunCallback(c);
    }

    private void RunCallback(Action callback)
    {
        try { callback(); }
        catch (Exception e) { _system.Log.Error(e, "cluster callback failed"); }
    }
}
