using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Persistence.Snapshot;

/// <summary>
/// Base of every snapshot-store plugin actor (Akka's <c>SnapshotStore</c>): turns the snapshot protocol into four
/// async calls guarded by a <see cref="CircuitBreaker"/>; replies go to the requesting actor.
/// </summary>
public abstract class SnapshotStore : ActorBase
{
    private readonly CircuitBreaker _breaker;

    protected SnapshotStore(Config config)
    {
        var c = config.WithFallback(Persistence.ReferenceConfig.GetConfig("akka.persistence.snapshot-store-plugin-fallback"));
        _breaker = new CircuitBreaker(
            c.GetInt("circuit-breaker.max-failures"),
            c.GetTimeSpan("circuit-breaker.call-timeout"),
            c.GetTimeSpan("circuit-breaker.reset-timeout"));
    }

    /// <summary>The youngest snapshot matching <paramref name="criteria"/>, or null.</summary>
    protected abstract Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria);

    /// <summary>Stores a snapshot; the same (persistence id, sequence number) overwrites.</summary>
    protected abstract Task SaveAsync(SnapshotMetadata metadata, object snapshot);

    /// <summary>Deletes the snapshot with that id and sequence number (and timestamp, unless it is MinValue).</summary>
    protected abstract Task DeleteAsync(SnapshotMetadata metadata);

    protected abstract Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria);

    protected virtual bool ReceivePluginInternal(object message) => false;

    protected internal sealed override bool Receive(object message)
    {
        var sender = Sender;
        switch (message)
        {
            case LoadSnapshot l:
                Reply(sender, async () =>
                {
                    var selected = await _breaker.WithCircuitBreaker(() => LoadAsync(l.PersistenceId, l.Criteria.Limit(l.ToSequenceNr))).ConfigureAwait(false);
                    return new LoadSnapshotResult(selected, l.ToSequenceNr);
                }, e => new LoadSnapshotFailed(e));
                return true;
            case SaveSnapshot s:
                var metadata = s.Metadata.Timestamp == DateTime.MinValue ? s.Metadata with { Timestamp = DateTime.UtcNow } : s.Metadata;
                Reply(sender, async () =>
                {
                    await _breaker.WithCircuitBreaker(() => SaveAsync(metadata, s.Snapshot)).ConfigureAwait(false);
                    return new SaveSnapshotSuccess(metadata);
                }, e => new SaveSnapshotFailure(metadata, e));
                return true;
            case DeleteSnapshot d:
                Reply(sender, async () =>
                {
                    await _breaker.WithCircuitBreaker(() => DeleteAsync(d.Metadata)).ConfigureAwait(false);
                    return new DeleteSnapshotSuccess(d.Metadata);
                }, e => new DeleteSnapshotFailure(d.Metadata, e));
                return true;
            case DeleteSnapshots ds:
                Reply(sender, async () =>
                {
                    await _breaker.WithCircuitBreaker(() => DeleteAsync(ds.PersistenceId, ds.Criteria)).ConfigureAwait(false);
                    return new DeleteSnapshotsSuccess(ds.Criteria);
                }, e => new DeleteSnapshotsFailure(ds.Criteria, e));
                return true;
            default:
                return ReceivePluginInternal(message);
        }
    }

    private void Reply(IActorRef to, Func<Task<object>> call, Func<Exception, object> failure) =>
        _ = RunAndReply(to, call, failure, Self);

    private static async Task RunAndReply(IActorRef to, Func<Task<object>> call, Func<Exception, object> failure, IActorRef self)
    {
        object reply;
        try { reply = await call().ConfigureAwait(false); }
        catch (Exception e) { reply = failure(e); }
        to.Tell(reply, self);
    }
}
