using System.Collections.Immutable;
using ActorWarehouse.Actors.Cluster;
using ActorWarehouse.Actors.Event;
using ActorWarehouse.Actors.Persistence;
using static ActorWarehouse.Actors.Sharding.Internal.CoordinatorEvents;
using static ActorWarehouse.Actors.Sharding.Internal.CoordinatorProtocol;

namespace ActorWarehouse.Actors.Sharding.Internal;

/// <summary>
/// INTERNAL API: the coordinator of one entity type, run as a cluster singleton on the oldest member with the
/// role. Allocates shards to regions through the strategy, moves them with the hand-off protocol (periodic
/// rebalance, graceful region shutdown), and reallocates a dead region's shards. Its state is event-sourced in
/// the configured journal (state-store-mode = persistence). Rebalances are logged at INFO (upstream #5487).
/// </summary>
internal sealed class ShardCoordinator : ReceivePersistentActor, IWithTimers
{
    private readonly string _typeName;
    private readonly ClusterShardingSettings _settings;
    private readonly IShardAllocationStrategy _strategy;
    private readonly Cluster.Cluster _cluster;
    private readonly CoordinatorState _state;
    private readonly Dictionary<string, HandOffProgress> _rebalance = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allocating = new(StringComparer.Ordinal);
    // Allocations decided but not yet persisted: the next decisions must count them (else a burst all lands on one region).
    private readonly Dictionary<string, IActorRef> _persistingHomes = new(StringComparer.Ordinal);
    private readonly HashSet<IActorRef> _gracefulShutdown = new();
    private readonly HashSet<Address> _leaving = new();
    private int _eventsSinceSnapshot;

    public ITimerScheduler Timers { get; set; } = null!;

    public ShardCoordinator(string typeName, ClusterShardingSettings settings, IShardAllocationStrategy strategy)
    {
        _typeName = typeName;
        _settings = settings;
        _strategy = strategy;
        _cluster = Cluster.Cluster.Get(Context.System);
        _state = new CoordinatorState { RememberEntities = settings.RememberEntities };
        if (strategy is LeastShardAllocationStrategy least) least.UseLeavingCheck(IsLeaving);

        Recover<IDomainEvent>(e => { _state.Apply(e); _eventsSinceSnapshot++; });
        Recover<SnapshotOffer>(o => { if (o.Snapshot is CoordinatorState.Snapshot s) _state.Load(s); });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<Register>(OnRegister);
        Command<RegisterProxy>(OnRegisterProxy);
        Command<GetShardHome>(g => OnGetShardHome(g.Shard, Sender));
        Command<AllocationResult>(OnAllocationResult);
        Command<ShardStarted>(_ => { });
        Command<Terminated>(t => OnTerminated(t.ActorRef));
        Command<RebalanceTick>(_ => OnRebalanceTick());
        Command<RebalanceResult>(r => { foreach (var s in r.Shards) StartHandOff(s); });
        Command<BeginHandOffAck>(a => OnBeginHandOffAck(a.Shard, Sender));
        Command<ShardStopped>(s => OnShardStopped(s.Shard));
        Command<HandOffTimedOut>(t => OnHandOffTimedOut(t.Shard));
        Command<GracefulShutdownRequest>(r => OnGracefulShutdownRequest(r.ShardRegion));
        Command<GetCurrentRegions>(_ => Sender.Tell(new CurrentRegions(_state.Regions.Keys.Select(AddressOf).ToImmutableHashSet())));
        Command<GetRegions>(_ => Sender.Tell(new Regions(_state.Regions.Keys.ToImmutableList())));
        Command<ClusterEvent.CurrentClusterState>(OnClusterState);
        Command<ClusterEvent.IMemberEvent>(OnMemberEvent);
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => Log.Warning("coordinator snapshot failed: {0}", f.Cause.Message));
    }

    public override string PersistenceId => $"/sharding/{_typeName}Coordinator";
    public override string JournalPluginId => _settings.JournalPluginId;
    public override string SnapshotPluginId => _settings.SnapshotPluginId;

    private sealed record RebalanceTick
    {
        public static readonly RebalanceTick Instance = new();
    }
    private sealed record RebalanceResult(IImmutableSet<string> Shards);
    private sealed record AllocationResult(string Shard, IActorRef? Region, IActorRef Requester, Exception? Error);
    private sealed record HandOffTimedOut(string Shard);

    private sealed class HandOffProgress(IActorRef owner)
    {
        public IActorRef Owner { get; } = owner;
        public HashSet<IActorRef> AwaitingAcks { get; } = new();
        public HashSet<IActorRef> WaitingForHome { get; } = new();
        public bool HandOffSent { get; set; }
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        base.PostStop();
    }

    private void OnRecovered()
    {
        foreach (var r in _state.Regions.Keys) Context.Watch(r);
        foreach (var p in _state.Proxies) Context.Watch(p);
        _cluster.Subscribe(Self, ClusterEvent.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer("rebalance", RebalanceTick.Instance, _settings.RebalanceInterval);
        Log.Info("{0}: coordinator started with {1} regions, {2} allocated shards, {3} shards to allocate again",
            _typeName, _state.Regions.Count, _state.Shards.Count, _state.Unallocated.Count);
    }

    // ------------------------------------------------------------------ registration and membership

    private void OnRegister(Register r)
    {
        var region = r.ShardRegion;
        if (_state.Regions.ContainsKey(region))
        {
            region.Tell(new RegisterAck(Self));
            AllocateUnallocated();
            return;
        }
        _gracefulShutdown.Remove(region);
        Update(new ShardRegionRegistered(region), () =>
        {
            Context.Watch(region);
            Log.Info("{0}: region {1} registered", _typeName, region.Path);
            region.Tell(new RegisterAck(Self));
            AllocateUnallocated();
        });
    }

    private void OnRegisterProxy(RegisterProxy r)
    {
        var proxy = r.ShardRegionProxy;
        if (_state.Proxies.Contains(proxy))
        {
            proxy.Tell(new RegisterAck(Self));
            return;
        }
        Update(new ShardRegionProxyRegistered(proxy), () =>
        {
            Context.Watch(proxy);
            proxy.Tell(new RegisterAck(Self));
        });
    }

    private void OnTerminated(IActorRef actor)
    {
        if (_state.Regions.ContainsKey(actor)) RegionTerminated(actor);
        else if (_state.Proxies.Contains(actor)) Update(new ShardRegionProxyTerminated(actor), () => ForgetAcks(actor));
    }

    private void RegionTerminated(IActorRef region)
    {
        var shards = _state.Regions.TryGetValue(region, out var list) ? list.ToList() : [];
        Update(new ShardRegionTerminated(region), () =>
        {
            Log.Info("{0}: region {1} terminated; its {2} shards will be allocated again", _typeName, region.Path, shards.Count);
            _gracefulShutdown.Remove(region);
            foreach (var shard in shards)
                if (_rebalance.Remove(shard, out var progress))
                {
                    Timers.Cancel(("handoff", shard));
                    foreach (var requester in progress.WaitingForHome) OnGetShardHome(shard, requester);
                }
            ForgetAcks(region);
            AllocateUnallocated();
        });
    }

    /// <summary>A region or proxy that is gone will never acknowledge a BeginHandOff.</summary>
    private void ForgetAcks(IActorRef actor)
    {
        foreach (var (shard, progress) in _rebalance.ToList())
            if (progress.AwaitingAcks.Remove(actor)) ContinueHandOff(shard, progress);
    }

    private void OnClusterState(ClusterEvent.CurrentClusterState state)
    {
        var live = state.Members.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Removed)).Select(m => m.Address).ToHashSet();
        _leaving.Clear();
        foreach (var m in state.Members)
            if (m.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down) _leaving.Add(m.Address);
        // Regions recovered from the journal whose node is no longer a member will never register again.
        foreach (var region in _state.Regions.Keys.ToList())
            if (!live.Contains(AddressOf(region))) RegionTerminated(region);
        foreach (var proxy in _state.Proxies.ToList())
            if (!live.Contains(AddressOf(proxy))) Update(new ShardRegionProxyTerminated(proxy), () => ForgetAcks(proxy));
    }

    private void OnMemberEvent(ClusterEvent.IMemberEvent e)
    {
        var address = e.Member.Address;
        switch (e)
        {
            case ClusterEvent.MemberLeft or ClusterEvent.MemberExited or ClusterEvent.MemberDowned:
                _leaving.Add(address);
                break;
            case ClusterEvent.MemberRemoved:
                _leaving.Remove(address);
                foreach (var region in _state.Regions.Keys.Where(r => AddressOf(r).Equals(address)).ToList()) RegionTerminated(region);
                break;
        }
    }

    private bool IsLeaving(IActorRef region) => _gracefulShutdown.Contains(region) || _leaving.Contains(AddressOf(region));

    private Address AddressOf(IActorRef actor) =>
        actor.Path.Address.HasGlobalScope ? actor.Path.Address : _cluster.SelfAddress;

    // ------------------------------------------------------------------ allocation

    private void OnGetShardHome(string shard, IActorRef requester)
    {
        if (_rebalance.TryGetValue(shard, out var progress))
        {
            // Answered once the shard has stopped on its old home and been allocated again.
            if (!requester.IsNobody()) progress.WaitingForHome.Add(requester);
            return;
        }
        if (_state.Shards.TryGetValue(shard, out var home))
        {
            if (!requester.IsNobody()) requester.Tell(new ShardHome(shard, home));
            return;
        }
        var candidates = Candidates();
        if (candidates.Count == 0 || !_allocating.Add(shard)) return; // the requester retries
        Task<IActorRef> allocation;
        try { allocation = _strategy.AllocateShard(requester, shard, candidates); }
        catch (Exception e) { allocation = Task.FromException<IActorRef>(e); }
        if (allocation.IsCompletedSuccessfully) OnAllocationResult(new AllocationResult(shard, allocation.Result, requester, null));
        else
            allocation.ContinueWith(t => new AllocationResult(shard, t.IsCompletedSuccessfully ? t.Result : null, requester,
                t.Exception?.GetBaseException()), TaskScheduler.Default).PipeTo(Self);
    }

    private void OnAllocationResult(AllocationResult result)
    {
        _allocating.Remove(result.Shard);
        if (result.Region is not { } region || !_state.Regions.ContainsKey(region))
        {
            if (result.Error is not null) Log.Warning("{0}: allocation of shard {1} failed: {2}", _typeName, result.Shard, result.Error.Message);
            return;
        }
        if (_state.Shards.TryGetValue(result.Shard, out var existing))
        {
            if (!result.Requester.IsNobody()) result.Requester.Tell(new ShardHome(result.Shard, existing));
            return;
        }
        _persistingHomes[result.Shard] = region;
        Update(new ShardHomeAllocated(result.Shard, region), () =>
        {
            _persistingHomes.Remove(result.Shard);
            Log.Debug("{0}: shard {1} allocated at {2}", _typeName, result.Shard, region.Path);
            region.Tell(new HostShard(result.Shard));
            if (!result.Requester.IsNobody() && !result.Requester.Equals(region)) result.Requester.Tell(new ShardHome(result.Shard, region));
        });
    }

    /// <summary>Regions that may receive shards, with their shards including allocations still being persisted.</summary>
    private IImmutableDictionary<IActorRef, IImmutableList<string>> Candidates()
    {
        var current = _state.Allocations(r => !_gracefulShutdown.Contains(r));
        foreach (var (shard, region) in _persistingHomes)
            if (current.TryGetValue(region, out var list)) current = current.SetItem(region, list.Add(shard));
        return current;
    }

    /// <summary>With remember-entities, shards of dead regions (and handed-off shards) are allocated without waiting for a message.</summary>
    private void AllocateUnallocated()
    {
        if (!_settings.RememberEntities) return;
        foreach (var shard in _state.Unallocated.ToList())
            if (!_state.Shards.ContainsKey(shard) && !_rebalance.ContainsKey(shard)) OnGetShardHome(shard, ActorRefs.Nobody);
    }

    // ------------------------------------------------------------------ rebalance and hand-off

    private void OnRebalanceTick()
    {
        AllocateUnallocated();
        if (_state.Regions.Count == 0) return;
        var current = _state.Allocations(r => !_gracefulShutdown.Contains(r));
        if (current.Count == 0) return;
        Task<IImmutableSet<string>> decision;
        try { decision = _strategy.Rebalance(current, _rebalance.Keys.ToImmutableHashSet()); }
        catch (Exception e)
        {
            // A failing strategy must never take the coordinator down (upstream #7366).
            Log.Warning("{0}: rebalance strategy failed: {1}", _typeName, e.Message);
            return;
        }
        if (decision.IsCompletedSuccessfully) { foreach (var s in decision.Result) StartHandOff(s); }
        else decision.ContinueWith(t => new RebalanceResult(t.IsCompletedSuccessfully ? t.Result : ImmutableHashSet<string>.Empty),
            TaskScheduler.Default).PipeTo(Self);
    }

    private void StartHandOff(string shard)
    {
        if (_rebalance.ContainsKey(shard) || !_state.Shards.TryGetValue(shard, out var owner)) return;
        Log.Info("{0}: rebalance: moving shard {1} away from {2}", _typeName, shard, owner.Path);
        var progress = new HandOffProgress(owner);
        _rebalance[shard] = progress;
        foreach (var r in _state.Regions.Keys) progress.AwaitingAcks.Add(r);
        foreach (var p in _state.Proxies) progress.AwaitingAcks.Add(p);
        var begin = new BeginHandOff(shard);
        foreach (var r in progress.AwaitingAcks) r.Tell(begin);
        Timers.StartSingleTimer(("handoff", shard), new HandOffTimedOut(shard), _settings.HandOffTimeout);
        ContinueHandOff(shard, progress);
    }

    private void OnBeginHandOffAck(string shard, IActorRef from)
    {
        if (_rebalance.TryGetValue(shard, out var progress) && progress.AwaitingAcks.Remove(from)) ContinueHandOff(shard, progress);
    }

    private void ContinueHandOff(string shard, HandOffProgress progress)
    {
        if (progress.HandOffSent || progress.AwaitingAcks.Count > 0) return;
        progress.HandOffSent = true;
        progress.Owner.Tell(new HandOff(shard));
    }

    private void OnShardStopped(string shard)
    {
        if (!_rebalance.ContainsKey(shard)) return;
        Update(new ShardHomeDeallocated(shard), () =>
        {
            Timers.Cancel(("handoff", shard));
            _rebalance.Remove(shard, out var progress);
            Log.Info("{0}: shard {1} handed off", _typeName, shard);
            if (progress is not null)
                foreach (var requester in progress.WaitingForHome) OnGetShardHome(shard, requester);
            AllocateUnallocated();
            foreach (var region in _gracefulShutdown) MaybeHandOffAll(region);
        });
    }

    private void OnHandOffTimedOut(string shard)
    {
        if (!_rebalance.Remove(shard, out var progress)) return;
        Log.Warning("{0}: hand-off of shard {1} timed out; it stays at {2}", _typeName, shard, progress.Owner.Path);
        foreach (var requester in progress.WaitingForHome) OnGetShardHome(shard, requester);
    }

    private void OnGracefulShutdownRequest(IActorRef region)
    {
        if (!_state.Regions.ContainsKey(region)) return;
        if (_gracefulShutdown.Add(region))
            Log.Info("{0}: region {1} is shutting down; handing off its {2} shards", _typeName, region.Path, _state.Regions[region].Count);
        MaybeHandOffAll(region);
    }

    private void MaybeHandOffAll(IActorRef region)
    {
        if (!_state.Regions.TryGetValue(region, out var shards)) return;
        foreach (var shard in shards.ToList()) StartHandOff(shard);
    }

    // ------------------------------------------------------------------ persistence

    private void Update(IDomainEvent e, Action then)
    {
        Persist(e, persisted =>
        {
            _state.Apply(persisted);
            if (++_eventsSinceSnapshot >= _settings.SnapshotAfter)
            {
                _eventsSinceSnapshot = 0;
                SaveSnapshot(_state.ToSnapshot());
            }
            then();
        });
    }
}
