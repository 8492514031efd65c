using System.Collections.Immutable;
using ActorWarehouse.Actors.Configuration;

namespace ActorWarehouse.Actors.Persistence.Journal;

/// <summary>
/// Base of every journal plugin actor (Akka's <c>AsyncWriteJournal</c>): turns the journal protocol into calls of
/// four async methods. Calls run concurrently with the actor (it never waits for them), are guarded by a
/// <see cref="CircuitBreaker"/>, and the replies of write batches leave in the order the batches arrived.
/// Implementations may be called from any thread and must not touch actor state after an await.
/// </summary>
public abstract class AsyncWriteJournal : ActorBase
{
    private readonly CircuitBreaker _breaker;
    private Task _replyChain = Task.CompletedTask;

    protected AsyncWriteJournal(Config config)
    {
        var fallback = Persistence.ReferenceConfig.GetConfig("akka.persistence.journal-plugin-fallback");
        var c = config.WithFallback(fallback);
        _breaker = new CircuitBreaker(
            c.GetInt("circuit-breaker.max-failures"),
            c.GetTimeSpan("circuit-breaker.call-timeout"),
            c.GetTimeSpan("circuit-breaker.reset-timeout"));
    }

    /// <summary>
    /// Stores each <see cref="AtomicWrite"/> all-or-nothing. Return null when all succeeded, or a list aligned with
    /// <paramref name="messages"/> holding null or the rejection per write (nothing of a rejected write is stored).
    /// Fault the task for storage trouble or when the outcome is unknown.
    /// </summary>
    protected abstract Task<IImmutableList<Exception?>?> WriteMessagesAsync(IEnumerable<AtomicWrite> messages);

    /// <summary>Deletes events up to and including <paramref name="toSequenceNr"/>; the highest number must survive.</summary>
    protected abstract Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr);

    /// <summary>Calls <paramref name="recoveryCallback"/> for each stored event in [from, to], ascending, at most <paramref name="max"/>.</summary>
    public abstract Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback);

    /// <summary>The highest sequence number ever stored for the id (0 when none); never decreases, survives deletes.</summary>
    public abstract Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr);

    /// <summary>Messages other than the journal protocol; false = unhandled.</summary>
    protected virtual bool ReceivePluginInternal(object message) => false;

    protected internal sealed override bool Receive(object message)
    {
        switch (message)
        {
            case WriteMessages w: HandleWriteMessages(w); return true;
            case ReplayMessages r: _ = HandleReplayMessages(r, Context); return true;
            case DeleteMessagesTo d: _ = HandleDelete(d); return true;
            default: return ReceivePluginInternal(message);
        }
    }

    private void HandleWriteMessages(WriteMessages request)
    {
        var writes = new List<AtomicWrite>(request.Messages.Count);
        foreach (var m in request.Messages)
            if (m is AtomicWrite a) writes.Add(a);
        Task<IImmutableList<Exception?>?> write;
        try
        {
            write = writes.Count == 0 ? Task.FromResult<IImmutableList<Exception?>?>(null)
                : _breaker.WithCircuitBreaker(() => WriteMessagesAsync(writes));
        }
        catch (Exception e)
        {
            write = Task.FromException<IImmutableList<Exception?>?>(e);
        }
        // Replies follow the order of requests even when the store finishes them out of order.
        _replyChain = ReplyWhenWritten(_replyChain, write, request, writes.Count);
    }

    private static async Task ReplyWhenWritten(Task previous, Task<IImmutableList<Exception?>?> write, WriteMessages request, int writeCount)
    {
        await previous.ConfigureAwait(false);
        IImmutableList<Exception?>? results;
        try
        {
            results = await write.ConfigureAwait(false);
            if (results is not null && results.Count != writeCount)
                throw new IllegalStateException($"the journal returned {results.Count} results for {writeCount} atomic writes");
        }
        catch (Exception e)
        {
            var actor = request.PersistentActor;
            actor.Tell(new WriteMessagesFailed(e, writeCount), null);
            foreach (var m in request.Messages)
            {
                if (m is AtomicWrite a)
                    foreach (var p in a.Payload) actor.Tell(new WriteMessageFailure(p, e, request.ActorInstanceId), p.Sender);
                else actor.Tell(new LoopMessageSuccess(m.Payload, request.ActorInstanceId), m.Sender);
            }
            return;
        }
        var target = request.PersistentActor;
        target.Tell(WriteMessagesSuccessful.Instance, null);
        int index = 0;
        foreach (var m in request.Messages)
        {
            if (m is AtomicWrite a)
            {
                var rejection = results?[index];
                index++;
                foreach (var p in a.Payload)
                    target.Tell(rejection is null ? new WriteMessageSuccess(p, request.ActorInstanceId)
                        : new WriteMessageRejected(p, rejection, request.ActorInstanceId), p.Sender);
            }
            else target.Tell(new LoopMessageSuccess(m.Payload, request.ActorInstanceId), m.Sender);
        }
    }

    private async Task HandleReplayMessages(ReplayMessages request, IActorContext context)
    {
        var actor = request.PersistentActor;
        try
        {
            long from = Math.Max(1, request.FromSequenceNr);
            long highest = await _breaker.WithCircuitBreaker(() => ReadHighestSequenceNrAsync(request.PersistenceId, from)).ConfigureAwait(false);
            long to = Math.Min(request.ToSequenceNr, highest);
            if (to >= from && request.Max > 0)
            {
                await ReplayMessagesAsync(context, request.PersistenceId, from, to, request.Max, p =>
                {
                    if (!p.IsDeleted) actor.Tell(new ReplayedMessage(p), null);
                }).ConfigureAwait(false);
            }
            actor.Tell(new RecoverySuccess(highest), null);
        }
        catch (Exception e)
        {
            actor.Tell(new ReplayMessagesFailure(e), null);
        }
    }

    private async Task HandleDelete(DeleteMessagesTo request)
    {
        try
        {
            await _breaker.WithCircuitBreaker(() => DeleteMessagesToAsync(request.PersistenceId, request.ToSequenceNr)).ConfigureAwait(false);
            request.PersistentActor.Tell(new DeleteMessagesSuccess(request.ToSequenceNr), null);
        }
        catch (Exception e)
        {
            request.PersistentActor.Tell(new DeleteMessagesFailure(e, request.ToSequenceNr), null);
        }
    }
}
