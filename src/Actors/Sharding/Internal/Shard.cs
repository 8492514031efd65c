using System.Collections.Immutable;
using static ActorWarehouse.Actors.Sharding.Internal.CoordinatorProtocol;
using static ActorWarehouse.Actors.Sharding.Internal.ShardProtocol;

namespace ActorWarehouse.Actors.Sharding.Internal;

/// <summary>
/// INTERNAL API: one shard inside its region — starts entities on demand (children named by URL-escaped id),
/// delivers their messages, passivates them (explicitly through <see cref="Passivate"/>, or when idle), remembers
/// started entities when configured, and on <see cref="HandOff"/> stops every entity (after delivering everything
/// it already received) before answering <see cref="ShardStopped"/>.
/// </summary>
internal sealed class Shard : ActorBase, IWithTimers
{
    private readonly string _typeName;
    private readonly string _shardId;
    private readonly Func<string, Props> _entityProps;
    private readonly ClusterShardingSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly object _handOffStopMessage;
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _idByRef = new();
    private readonly HashSet<IActorRef> _passivating = new();
    // Messages for entities that are passivating or whose start is being remembered, in arrival order.
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _buffers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastActivity = new(StringComparer.Ordinal);
    private readonly List<(object Message, IActorRef Sender)> _beforeInit = [];
    private readonly HashSet<string> _toStart = new(StringComparer.Ordinal);
    private readonly HashSet<string> _toStop = new(StringComparer.Ordinal);
    private IActorRef? _store;
    private bool _writing;
    private bool _initialized;
    private IActorRef? _handOffReplyTo;

    public ITimerScheduler Timers { get; set; } = null!;

    public Shard(string typeName, string shardId, Func<string, Props> entityProps, ClusterShardingSettings settings,
        IMessageExtractor extractor, object handOffStopMessage)
    {
        _typeName = typeName;
        _shardId = shardId;
        _entityProps = entityProps;
        _settings = settings;
        _extractor = extractor;
        _handOffStopMessage = handOffStopMessage;
    }

    private sealed record IdleCheck
    {
        public static readonly IdleCheck Instance = new();
    }
    private sealed record HandOffTimedOut
    {
        public static readonly HandOffTimedOut Instance = new();
    }

    protected override void PreStart()
    {
        if (_settings.EffectiveIdleTimeout is { } idle)
        {
            var every = TimeSpan.FromTicks(Math.Max(idle.Ticks / 2, TimeSpan.FromMilliseconds(100).Ticks));
            Timers.StartPeriodicTimer("idle", IdleCheck.Instance, every);
        }
        if (_settings.RememberEntities)
        {
            _store = Context.ActorOf(Props.CreateBy(() => new RememberEntitiesStore(_typeName, _shardId, _settings)));
            Context.Watch(_store);
            _store.Tell(GetEntities.Instance);
        }
        else Initialized();
    }

    private void Initialized()
    {
        _initialized = true;
        Context.Parent.Tell(new ShardInitialized(_shardId));
        foreach (var (message, sender) in _beforeInit) Receive(message, sender);
        _beforeInit.Clear();
    }

    protected internal override bool Receive(object message) => Receive(message, Sender);

    private bool Receive(object message, IActorRef sender)
    {
        switch (message)
        {
            case RememberedEntities r:
                foreach (var id in r.Entities) StartEntity(id);
                if (r.Entities.Count > 0) Context.GetLogger().Info("{0}: shard {1} restarted {2} remembered entities", _typeName, _shardId, r.Entities.Count);
                Initialized();
                return true;
            case Terminated t:
                OnTerminated(t.ActorRef);
                return true;
            case UpdateDone done:
                OnUpdateDone(done);
                return true;
            case IdleCheck:
                PassivateIdle();
                return true;
            case HandOffTimedOut:
                Context.GetLogger().Warning("{0}: hand-off of shard {1} timed out; stopping its {2} entities forcibly", _typeName, _shardId, _entities.Count);
                foreach (var e in _entities.Values) Context.Stop(e);
                return true;
            case Passivate p:
                OnPassivate(sender, p.StopMessage);
                return true;
            case GetShardStats:
                sender.Tell(new ShardStats(_shardId, _entities.Keys.ToImmutableHashSet()));
                return true;
        }
        if (!_initialized)
        {
            _beforeInit.Add((message, sender));
            return true;
        }
        if (message is HandOff)
        {
            OnHandOff(sender);
            return true;
        }
        Deliver(message, sender);
        return true;
    }

    // ------------------------------------------------------------------ delivery

    private void Deliver(object message, IActorRef sender)
    {
        var id = EntityMessages.EntityId(_extractor, message);
        if (id is null)
        {
            Context.GetLogger().Warning("{0}: shard {1} dropped a message without entity id: {2}", _typeName, _shardId, message.GetType().Name);
            return;
        }
        if (message is ShardRegion.StartEntity)
        {
            if (!_entities.ContainsKey(id) && !_buffers.ContainsKey(id)) GetOrStartEntity(id, null, sender);
            sender.Tell(new ShardRegion.StartEntityAck(id, _shardId));
            return;
        }
        var payload = EntityMessages.Payload(_extractor, message);
        if (payload is null) return;
        if (_buffers.TryGetValue(id, out var buffer))
        {
            buffer.Add((payload, sender));
            return;
        }
        GetOrStartEntity(id, payload, sender);
    }

    private void GetOrStartEntity(string id, object? payload, IActorRef sender)
    {
        if (_entities.TryGetValue(id, out var entity))
        {
            Touch(id);
            if (payload is not null) entity.Tell(payload, sender);
            return;
        }
        if (_settings.RememberEntities)
        {
            // The start is written first; messages wait until the journal confirms it.
            var buffer = new List<(object, IActorRef)>();
            if (payload is not null) buffer.Add((payload, sender));
            _buffers[id] = buffer;
            _toStart.Add(id);
            _toStop.Remove(id);
            WriteRemembered();
            return;
        }
        entity = StartEntity(id);
        if (payload is not null) entity.Tell(payload, sender);
    }

    private IActorRef StartEntity(string id)
    {
        if (_entities.TryGetValue(id, out var existing)) return existing;
        var entity = Context.ActorOf(_entityProps(id), EntityMessages.ActorName(id));
        Context.Watch(entity);
        _entities[id] = entity;
        _idByRef[entity] = id;
        Touch(id);
        return entity;
    }

    private void Touch(string id)
    {
        if (_settings.EffectiveIdleTimeout is not null) _lastActivity[id] = Environment.TickCount64;
    }

    /// <summary>Starts an entity whose buffer has waited, hands it the buffered messages in order.</summary>
    private void StartAndFlush(string id)
    {
        var entity = StartEntity(id);
        if (_buffers.Remove(id, out var buffer))
            foreach (var (m, s) in buffer) entity.Tell(m, s);
        if (_handOffReplyTo is not null) entity.Tell(_handOffStopMessage);
    }

    // ------------------------------------------------------------------ remember-entities writes (one batch in flight)

    private void WriteRemembered()
    {
        if (_writing || _store is null || (_toStart.Count == 0 && _toStop.Count == 0)) return;
        _writing = true;
        _store.Tell(new Update(_toStart.ToImmutableHashSet(), _toStop.ToImmutableHashSet()));
        _toStart.Clear();
        _toStop.Clear();
    }

    private void OnUpdateDone(UpdateDone done)
    {
        _writing = false;
        foreach (var id in done.Started)
            if (_buffers.ContainsKey(id) && !_entities.ContainsKey(id)) StartAndFlush(id);
        WriteRemembered();
        MaybeHandOffDone();
    }

    // ------------------------------------------------------------------ passivation and termination

    private void OnPassivate(IActorRef entity, object stopMessage)
    {
        if (!_idByRef.TryGetValue(entity, out var id) || !_passivating.Add(entity)) return;
        _buffers.TryAdd(id, []);
        entity.Tell(stopMessage);
    }

    private void PassivateIdle()
    {
        if (_settings.EffectiveIdleTimeout is not { } idle || _handOffReplyTo is not null) return;
        long now = Environment.TickCount64;
        foreach (var (id, last) in _lastActivity.ToList())
            if (now - last >= (long)idle.TotalMilliseconds && _entities.TryGetValue(id, out var entity))
            {
                _lastActivity.Remove(id);
                OnPassivate(entity, _handOffStopMessage);
            }
    }

    private void OnTerminated(IActorRef actor)
    {
        if (actor.Equals(_store))
        {
            // The journal failed under the store: without it the shard cannot keep its promise (upstream #7399).
            Context.GetLogger().Error("{0}: remember-entities store of shard {1} stopped; stopping the shard", _typeName, _shardId);
            Context.Stop(Self);
            return;
        }
        if (!_idByRef.Remove(actor, out var id)) return;
        _entities.Remove(id);
        _lastActivity.Remove(id);
        bool wasPassivating = _passivating.Remove(actor);
        if (_handOffReplyTo is not null)
        {
            // Messages that reached this shard before the hand-off are delivered here, then the entity stops again.
            if (_buffers.TryGetValue(id, out var pending) && pending.Count > 0) StartAndFlush(id);
            else _buffers.Remove(id);
            MaybeHandOffDone();
            return;
        }
        if (wasPassivating)
        {
            if (_buffers.TryGetValue(id, out var buffer) && buffer.Count > 0) StartAndFlush(id);
            else
            {
                _buffers.Remove(id);
                if (_settings.RememberEntities)
                {
                    _toStop.Add(id);
                    WriteRemembered();
                }
            }
            return;
        }
        // Stopped without passivation (crashed or stopped itself): a remembered entity comes back at once.
        _buffers.Remove(id);
        if (_settings.RememberEntities) StartEntity(id);
    }

    // ------------------------------------------------------------------ hand-off

    private void OnHandOff(IActorRef replyTo)
    {
        if (_handOffReplyTo is not null) return;
        _handOffReplyTo = replyTo;
        Context.GetLogger().Info("{0}: handing off shard {1} ({2} entities)", _typeName, _shardId, _entities.Count);
        foreach (var (id, entity) in _entities)
            if (!_passivating.Contains(entity) && !_buffers.ContainsKey(id)) entity.Tell(_handOffStopMessage);
        Timers.StartSingleTimer("handoff", HandOffTimedOut.Instance, _settings.HandOffTimeout - TimeSpan.FromSeconds(Math.Min(5, _settings.HandOffTimeout.TotalSeconds / 2)));
        MaybeHandOffDone();
    }

    private void MaybeHandOffDone()
    {
        if (_handOffReplyTo is null || _entities.Count > 0 || _buffers.Count > 0 || _writing) return;
        _handOffReplyTo.Tell(new ShardStopped(_shardId));
        Context.Stop(Self);
    }
}
