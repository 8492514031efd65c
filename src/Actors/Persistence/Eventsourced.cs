using ActorWarehouse.Actors.Dispatch;
using ActorWarehouse.Actors.Event;

namespace ActorWarehouse.Actors.Persistence;

/// <summary>
/// The engine under every persistent actor (Akka's <c>Eventsourced</c>): a small state machine (waiting for a
/// recovery permit → loading a snapshot → replaying → processing commands ⇄ persisting events) in front of the
/// user's command and recover handlers. Split by concern: <c>Eventsourced.Recovery.cs</c> (recovery states),
/// <c>Eventsourced.Writing.cs</c> (persist calls, journal replies), <c>Eventsourced.Snapshots.cs</c>.
/// </summary>
/// <remarks>
/// Use <see cref="Become(Receive)"/> of this class (not <c>Context.Become</c>) to change the command behaviour, and
/// call <c>base.PreRestart</c> / <c>base.PostStop</c> when overriding them (they hand parked commands to the next
/// incarnation, or to dead letters).
/// </remarks>
public abstract partial class Eventsourced : ActorBase, IPersistentIdentity, IWithUnboundedStash
{
    private static int s_instanceCounter;

    private readonly int _instanceId = Interlocked.Increment(ref s_instanceCounter);
    private readonly string _writerGuid = Guid.NewGuid().ToString();
    private readonly EnvelopeStash _internalStash;
    private readonly Persistence _persistence;
    private Phase _phase;
    private Receive? _commandBehavior;
    private ILoggingAdapter? _log;

    protected Eventsourced()
    {
        _persistence = Persistence.Get(Context.System);
        _internalStash = new EnvelopeStash(Cell);
        Stash = new PersistentActorStash(Cell, _internalStash);
        _phase = Phase.WaitingStart;
        // PersistenceId is virtual (and may read fields the subclass sets after this constructor), so recovery
        // starts with the first message, which goes in front of anything already queued.
        Cell.Mailbox.PrependAll([new Envelope(StartRecovery.Instance, Self)]);
    }

    /// <summary>Unique, stable id of this actor's event stream.</summary>
    public abstract string PersistenceId { get; }

    public virtual string JournalPluginId => "";

    public virtual string SnapshotPluginId => "";

    /// <summary>How to recover (override to start from an older snapshot, stop early, or skip recovery).</summary>
    public virtual Recovery Recovery => Recovery.Default;

    /// <summary>The user stash; unstashed messages are handled before commands parked by persistence.</summary>
    public IStash Stash { get; set; }

    /// <summary>Sequence number of the last event persisted or replayed (0 when none).</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence number a snapshot taken now is saved under (= <see cref="LastSequenceNr"/>).</summary>
    public long SnapshotSequenceNr => LastSequenceNr;

    public bool IsRecovering => _phase < Phase.ProcessingCommands;

    public bool IsRecoveryFinished => !IsRecovering;

    protected ILoggingAdapter Log => _log ??= Context.GetLogger();

    /// <summary>Handles a replayed event, a <see cref="SnapshotOffer"/> or <see cref="RecoveryCompleted"/>.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command (anything else sent to the actor).</summary>
    protected abstract bool ReceiveCommand(object message);

    /// <summary>Replaces the command behaviour (persistence keeps its own states around it).</summary>
    protected new void Become(Receive receive) => _commandBehavior = receive;

    /// <summary>Ours: back to <see cref="ReceiveCommand"/> after <see cref="Become(Receive)"/>.</summary>
    protected void UnbecomeCommand() => _commandBehavior = null;

    /// <summary>Recovery failed (replay, snapshot load or a recover handler threw); the actor stops afterwards.</summary>
    protected virtual void OnRecoveryFailure(Exception reason, object? message = null)
    {
        if (message is null)
            Log.Error(reason, "Persistence failure when replaying events for persistenceId [{0}]. Last known sequence number [{1}]", PersistenceId, LastSequenceNr);
        else
            Log.Error(reason, "Exception in ReceiveRecover when replaying event type [{0}] with sequence number [{1}] for persistenceId [{2}]",
                message.GetType().Name, LastSequenceNr, PersistenceId);
    }

    /// <summary>Writing an event failed (store trouble, outcome unknown); the actor stops afterwards.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Log.Error(cause, "Failed to persist event type [{0}] with sequence number [{1}] for persistenceId [{2}]",
            @event.GetType().Name, sequenceNr, PersistenceId);

    /// <summary>The journal refused the event (nothing of its write was stored); the actor keeps running.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        Log.Warning(cause, "Rejected to persist event type [{0}] with sequence number [{1}] for persistenceId [{2}] due to [{3}]",
            @event.GetType().Name, sequenceNr, PersistenceId, cause.Message);

    /// <summary>Hands parked commands (internal and user stash) back to the mailbox for the next incarnation.</summary>
    protected override void PreRestart(Exception reason, object? message)
    {
        Stash.UnstashAll();
        _internalStash.UnstashAll();
        base.PreRestart(reason, message);
    }

    /// <summary>Parked commands go back to the mailbox, which hands them to dead letters when the actor stops.</summary>
    protected override void PostStop()
    {
        Stash.UnstashAll();
        _internalStash.UnstashAll();
        base.PostStop();
    }

    protected internal sealed override bool Receive(object message)
    {
        switch (_phase)
        {
            case Phase.WaitingStart: WaitingStart(message); break;
            case Phase.WaitingRecoveryPermit: WaitingRecoveryPermit(message); break;
            case Phase.LoadingSnapshot: LoadingSnapshot(message); break;
            case Phase.Replaying: Replaying(message); break;
            case Phase.ProcessingCommands: ProcessingCommands(message); break;
            case Phase.PersistingEvents: PersistingEvents(message); break;
            default: break; // Failed: everything is dropped while the stop is under way.
        }
        return true;
    }

    /// <summary>The states, in the order they are entered; everything before ProcessingCommands is recovery.</summary>
    private enum Phase
    {
        WaitingStart,
        WaitingRecoveryPermit,
        LoadingSnapshot,
        Replaying,
        ProcessingCommands,
        PersistingEvents,
        Failed,
    }

    private void StashInternally() => _internalStash.StashCurrent();

    private bool RunCommand(object message)
    {
        var behavior = _commandBehavior;
        bool handled = behavior is not null ? behavior(message) : ReceiveCommand(message);
        if (!handled) Unhandled(message);
        return handled;
    }

    public override string ToString() => $"{GetType().Name}({PersistenceId}, {_phase})";
}
