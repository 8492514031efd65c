namespace ActorWarehouse.Actors.Persistence;

// Messages between persistent actors and journal actors (Akka's JournalProtocol). Replies go to the
// persistent actor; per-event replies carry the original command's sender as their sender.

/// <summary>Marker of every journal request.</summary>
public interface IJournalRequest;

/// <summary>Marker of every journal reply.</summary>
public interface IJournalResponse;

/// <summary>Writes a batch of atomic writes (and looped deferred messages) for one actor incarnation.</summary>
public sealed record WriteMessages(IReadOnlyList<IPersistentEnvelope> Messages, IActorRef PersistentActor, int ActorInstanceId) : IJournalRequest;

/// <summary>The whole batch was handled (each event still gets its own reply).</summary>
public sealed class WriteMessagesSuccessful : IJournalResponse
{
    public static readonly WriteMessagesSuccessful Instance = new();
    private WriteMessagesSuccessful() { }
}

/// <summary>The batch failed as a whole (storage trouble); per-event <see cref="WriteMessageFailure"/>s follow.</summary>
public sealed record WriteMessagesFailed(Exception Cause, int WriteCount) : IJournalResponse;

public sealed record WriteMessageSuccess(IPersistentRepresentation Persistent, int ActorInstanceId) : IJournalResponse;

/// <summary>The journal refused the event (e.g. it cannot be serialized); nothing of its AtomicWrite was stored.</summary>
public sealed record WriteMessageRejected(IPersistentRepresentation Persistent, Exception Cause, int ActorInstanceId) : IJournalResponse;

/// <summary>Storing failed or its outcome is unknown.</summary>
public sealed record WriteMessageFailure(IPersistentRepresentation Persistent, Exception Cause, int ActorInstanceId) : IJournalResponse;

/// <summary>A looped (deferred) message, back in its place in line.</summary>
public sealed record LoopMessageSuccess(object Message, int ActorInstanceId) : IJournalResponse;

/// <summary>Replays events with sequence numbers in [From, To] (at most Max), then reports the highest number.</summary>
public sealed record ReplayMessages(long FromSequenceNr, long ToSequenceNr, long Max, string PersistenceId, IActorRef PersistentActor) : IJournalRequest;

public sealed record ReplayedMessage(IPersistentRepresentation Persistent) : IJournalResponse;

/// <summary>Replay finished; <see cref="HighestSequenceNr"/> is the highest number ever written for the id.</summary>
public sealed record RecoverySuccess(long HighestSequenceNr) : IJournalResponse;

public sealed record ReplayMessagesFailure(Exception Cause) : IJournalResponse;

/// <summary>Deletes events up to and including <see cref="ToSequenceNr"/>.</summary>
public sealed record DeleteMessagesTo(string PersistenceId, long ToSequenceNr, IActorRef PersistentActor) : IJournalRequest;

/// <summary>Reply to <c>DeleteMessages</c>, delivered to the persistent actor's command handler.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr) : IJournalResponse;

public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr) : IJournalResponse;
