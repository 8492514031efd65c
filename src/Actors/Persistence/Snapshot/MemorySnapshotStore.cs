using System.Collections.Concurrent;
using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Persistence.Snapshot;

/// <summary><c>akka.persistence.snapshot-store.inmem</c>: snapshots kept in process memory as objects (tests).</summary>
public sealed class MemorySnapshotStore(Config config) : SnapshotStore(config)
{
    private readonly ConcurrentDictionary<string, List<SelectedSnapshot>> _snapshots = new(StringComparer.Ordinal);

    public MemorySnapshotStore() : this(Config.Empty) { }

    private List<SelectedSnapshot> Of(string persistenceId) => _snapshots.GetOrAdd(persistenceId, static _ => []);

    protected override Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        if (!_snapshots.TryGetValue(persistenceId, out var list)) return Task.FromResult<SelectedSnapshot?>(null);
        lock (list)
        {
            SelectedSnapshot? best = null;
            foreach (var s in list)
                if (criteria.IsMatch(s.Metadata) && (best is null || s.Metadata.SequenceNr > best.Metadata.SequenceNr)) best = s;
            return Task.FromResult(best);
        }
    }

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot)
    {
        var list = Of(metadata.PersistenceId);
        lock (list)
        {
            list.RemoveAll(s => s.Metadata.SequenceNr == metadata.SequenceNr);
            list.Add(new SelectedSnapshot(metadata, snapshot));
        }
        return Task.CompletedTask;
    }

    protected override Task DeleteAsync(SnapshotMetadata metadata)
    {
        var list = Of(metadata.PersistenceId);
        lock (list)
            list.RemoveAll(s => s.Metadata.SequenceNr == metadata.SequenceNr &&
                (metadata.Timestamp == DateTime.MinValue || s.Metadata.Timestamp <= metadata.Timestamp));
        return Task.CompletedTask;
    }

    protected override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        var list = Of(persistenceId);
        lock (list) list.RemoveAll(s => criteria.IsMatch(s.Metadata));
        return Task.CompletedTask;
    }
}
