using System.Collections.Immutable;
using ActorWarehouse.Actors.Persistence;
using static ActorWarehouse.Actors.Sharding.Internal.ShardProtocol;

namespace ActorWarehouse.Actors.Sharding.Internal;

/// <summary>
/// INTERNAL API: the remembered entity ids of one shard, event-sourced in the configured journal
/// (persistence id <c>/sharding/&lt;type&gt;Shard/&lt;shard&gt;</c>, upstream's eventsourced remember-entities store).
/// </summary>
internal sealed class RememberEntitiesStore : ReceivePersistentActor
{
    private const int SnapshotAfter = 1000;
    private readonly string _persistenceId;
    private readonly ClusterShardingSettings _settings;
    private readonly HashSet<string> _entities = new(StringComparer.Ordinal);
    private int _eventsSinceSnapshot;

    public RememberEntitiesStore(string typeName, string shardId, ClusterShardingSettings settings)
    {
        _persistenceId = $"/sharding/{typeName}Shard/{shardId}";
        _settings = settings;
        Recover<EntitiesStarted>(e => { _entities.UnionWith(e.Entities); _eventsSinceSnapshot++; });
        Recover<EntitiesStopped>(e => { _entities.ExceptWith(e.Entities); _eventsSinceSnapshot++; });
        Recover<SnapshotOffer>(o =>
        {
            if (o.Snapshot is not EntitiesStarted all) return;
            _entities.Clear();
            _entities.UnionWith(all.Entities);
        });
        Command<GetEntities>(_ => Sender.Tell(new RememberedEntities(_entities.ToImmutableHashSet())));
        Command<Update>(OnUpdate);
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => Log.Warning("remember-entities snapshot of {0} failed: {1}", _persistenceId, f.Cause.Message));
    }

    public override string PersistenceId => _persistenceId;
    public override string JournalPluginId => _settings.JournalPluginId;
    public override string SnapshotPluginId => _settings.SnapshotPluginId;

    private void OnUpdate(Update update)
    {
        var replyTo = Sender;
        var events = new List<IShardingProtocolMessage>(2);
        if (update.Started.Count > 0) events.Add(new EntitiesStarted(update.Started));
        if (update.Stopped.Count > 0) events.Add(new EntitiesStopped(update.Stopped));
        if (events.Count == 0)
        {
            replyTo.Tell(new UpdateDone(update.Started, update.Stopped));
            return;
        }
        int left = events.Count;
        PersistAll(events, e =>
        {
            if (e is EntitiesStarted s) _entities.UnionWith(s.Entities);
            else if (e is EntitiesStopped t) _entities.ExceptWith(t.Entities);
            if (++_eventsSinceSnapshot >= SnapshotAfter)
            {
                _eventsSinceSnapshot = 0;
                SaveSnapshot(new EntitiesStarted(_entities.ToImmutableHashSet()));
            }
            if (--left == 0) replyTo.Tell(new UpdateDone(update.Started, update.Stopped));
        });
    }
}
