using System.Collections.Immutable;

namespace ActorWarehouse.Actors.Persistence;

public abstract partial class Eventsourced
{
    /// <summary>A handler waiting for its event's journal reply; stashing ones hold back new commands.</summary>
    private sealed record PendingHandler(Action<object> Handler, bool Stashing);

    private readonly LinkedList<PendingHandler> _pendingInvocations = new();
    private readonly List<IPersistentEnvelope> _eventBatch = [];
    private readonly List<IPersistentEnvelope> _journalBatch = [];
    private int _pendingStashingPersistInvocations;
    private bool _writeInProgress;
    private long _sequenceNr;

    // ---------------------------------------------------------------- persist API

    /// <summary>
    /// Writes one event; <paramref name="handler"/> runs after it is stored (with the command's Sender). New
    /// commands wait (internally stashed) until every such handler has run.
    /// </summary>
    public void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull
    {
        EnsureNotRecovering("Persist");
        _pendingStashingPersistInvocations++;
        _pendingInvocations.AddLast(new PendingHandler(o => handler((TEvent)o), Stashing: true));
        _eventBatch.Add(new AtomicWrite(NewPersistent(@event)));
    }

    /// <summary>Writes the events in one atomic write; the handler runs once per event, in order.</summary>
    public void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull
    {
        EnsureNotRecovering("PersistAll");
        var list = ToPersistents(events, handler, stashing: true);
        if (list.Count > 0) _eventBatch.Add(new AtomicWrite(list));
    }

    /// <summary>Like <see cref="Persist{TEvent}"/> but new commands are not held back; handlers still run in order.</summary>
    public void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull
    {
        EnsureNotRecovering("PersistAsync");
        _pendingInvocations.AddLast(new PendingHandler(o => handler((TEvent)o), Stashing: false));
        _eventBatch.Add(new AtomicWrite(NewPersistent(@event)));
    }

    public void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull
    {
        EnsureNotRecovering("PersistAllAsync");
        var list = ToPersistents(events, handler, stashing: false);
        if (list.Count > 0) _eventBatch.Add(new AtomicWrite(list));
    }

    /// <summary>
    /// Runs <paramref name="handler"/> after the handlers of every earlier persist call, without writing anything
    /// (at once when nothing is pending).
    /// </summary>
    public void DeferAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull
    {
        EnsureNotRecovering("DeferAsync");
        if (_pendingInvocations.Count == 0)
        {
            handler(@event);
            return;
        }
        _pendingInvocations.AddLast(new PendingHandler(o => handler((TEvent)o), Stashing: false));
        _eventBatch.Add(new NonPersistentMessage(@event, Sender));
    }

    /// <summary>Deletes journaled events up to and including <paramref name="toSequenceNr"/> (long.MaxValue = all so far).</summary>
    public void DeleteMessages(long toSequenceNr)
    {
        long to = toSequenceNr == long.MaxValue ? LastSequenceNr : toSequenceNr;
        if (to > LastSequenceNr)
        {
            Self.Tell(new DeleteMessagesFailure(new InvalidOperationException(
                $"toSequenceNr [{to}] must be less than or equal to lastSequenceNr [{LastSequenceNr}]"), to), Self);
            return;
        }
        Journal.Tell(new DeleteMessagesTo(PersistenceId, to, Self), Self);
    }

    private void EnsureNotRecovering(string what)
    {
        if (IsRecovering)
            throw new InvalidOperationException($"Cannot {what} during replay. Events can be persisted when receiving RecoveryCompleted or later.");
    }

    private Persistent NewPersistent(object @event) =>
        new(@event, ++_sequenceNr, PersistenceId, "", false, Sender, _writerGuid);

    private ImmutableList<IPersistentRepresentation> ToPersistents<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler, bool stashing)
        where TEvent : notnull
    {
        var builder = ImmutableList.CreateBuilder<IPersistentRepresentation>();
        Action<object> invoke = o => handler((TEvent)o);
        foreach (var e in events)
        {
            if (stashing) _pendingStashingPersistInvocations++;
            _pendingInvocations.AddLast(new PendingHandler(invoke, stashing));
            builder.Add(NewPersistent(e));
        }
        return builder.ToImmutable();
    }

    // ---------------------------------------------------------------- states

    private void ProcessingCommands(object message)
    {
        if (HandleJournalResponse(message))
        {
            AfterJournalResponse();
            return;
        }
        if (message is RecoveryTick) return;
        try
        {
            RunCommand(message);
        }
        catch
        {
            AfterCommand(failed: true);
            throw;
        }
        AfterCommand(failed: false);
    }

    private void PersistingEvents(object message)
    {
        if (HandleJournalResponse(message)) AfterJournalResponse();
        else if (message is not RecoveryTick) StashInternally();
    }

    /// <summary>
    /// After a journal reply: handlers may have persisted more (nested persist); once no stashing handler is
    /// pending, parked commands come back one at a time (each handled command releases the next).
    /// </summary>
    private void AfterJournalResponse()
    {
        if (_phase == Phase.Failed) return;
        FlushBatch();
        if (_pendingStashingPersistInvocations > 0)
        {
            if (_phase == Phase.ProcessingCommands) _phase = Phase.PersistingEvents;
            return;
        }
        if (_phase == Phase.PersistingEvents) _phase = Phase.ProcessingCommands;
        _internalStash.UnstashOne();
    }

    /// <summary>After a command: send what it persisted; hold new commands back while stashing handlers are pending.</summary>
    private void AfterCommand(bool failed)
    {
        FlushBatch();
        if (_pendingStashingPersistInvocations > 0) _phase = Phase.PersistingEvents;
        else if (failed) _internalStash.UnstashAll();
        else _internalStash.UnstashOne();
    }

    /// <summary>INTERNAL API: after an async command handler finished, its later persist calls are sent.</summary>
    internal void AfterAsyncCommand()
    {
        FlushBatch();
        if (_pendingStashingPersistInvocations > 0 && _phase == Phase.ProcessingCommands) _phase = Phase.PersistingEvents;
    }

    private void FlushBatch()
    {
        if (_eventBatch.Count == 0) return;
        _journalBatch.AddRange(_eventBatch);
        _eventBatch.Clear();
        FlushJournalBatch();
    }

    // At most one WriteMessages per actor is in flight; what accumulates meanwhile goes in the next one.
    private void FlushJournalBatch()
    {
        if (_writeInProgress || _journalBatch.Count == 0) return;
        var batch = _journalBatch.ToArray();
        _journalBatch.Clear();
        _writeInProgress = true;
        Journal.Tell(new WriteMessages(batch, Self, _instanceId), Self);
    }

    // ---------------------------------------------------------------- journal replies

    private bool HandleJournalResponse(object message)
    {
        switch (message)
        {
            case WriteMessageSuccess s:
                if (s.ActorInstanceId == _instanceId)
                {
                    LastSequenceNr = s.Persistent.SequenceNr;
                    InvokeNextHandler(s.Persistent.Payload, run: true);
                }
                return true;
            case WriteMessageRejected r:
                if (r.ActorInstanceId == _instanceId)
                {
                    LastSequenceNr = r.Persistent.SequenceNr;
                    InvokeNextHandler(r.Persistent.Payload, run: false);
                    OnPersistRejected(r.Cause, r.Persistent.Payload, r.Persistent.SequenceNr);
                }
                return true;
            case WriteMessageFailure f:
                if (f.ActorInstanceId == _instanceId)
                {
                    _phase = Phase.Failed;
                    try { OnPersistFailure(f.Cause, f.Persistent.Payload, f.Persistent.SequenceNr); }
                    finally { Context.Stop(Self); }
                }
                return true;
            case LoopMessageSuccess l:
                if (l.ActorInstanceId == _instanceId) InvokeNextHandler(l.Message, run: true);
                return true;
            case WriteMessagesSuccessful:
            case WriteMessagesFailed:
                _writeInProgress = false;
                FlushJournalBatch();
                return true;
            default:
                return false;
        }
    }

    private void InvokeNextHandler(object payload, bool run)
    {
        var next = _pendingInvocations.First?.Value
            ?? throw new IllegalStateException($"journal reply for {payload} but no persist handler is pending");
        _pendingInvocations.RemoveFirst();
        try
        {
            if (run) next.Handler(payload);
        }
        finally
        {
            if (next.Stashing) _pendingStashingPersistInvocations--;
        }
    }
}
