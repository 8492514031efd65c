namespace ActorWarehouse.Actors.Dispatch;

/// <summary>
/// INTERNAL API. Runtime messages that live in their own queue and are always handled before user messages:
/// creation, stopping, DeathWatch and supervision.
/// </summary>
internal abstract class SystemMessage;

internal sealed class Create : SystemMessage
{
    public static readonly Create Instance = new();
}

/// <summary>Stop the actor (after its children have stopped).</summary>
internal sealed class Terminate : SystemMessage
{
    public static readonly Terminate Instance = new();
}

internal sealed class Watch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;
    public InternalActorRef Watcher { get; } = watcher;
}

internal sealed class Unwatch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;
    public InternalActorRef Watcher { get; } = watcher;
}

/// <summary>Tells a watcher (or the parent) that <see cref="Actor"/> has stopped.</summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed, bool addressTerminated) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
    public bool AddressTerminated { get; } = addressTerminated;
}

/// <summary>A child reports to its parent that it failed and is suspended until the parent decides.</summary>
internal sealed class Failed(IActorRef child, Exception cause, long uid) : SystemMessage
{
    public IActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
    public long Uid { get; } = uid;
}

/// <summary>Continue after a failure, keeping state (the failing message is dropped).</summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}

/// <summary>Replace the actor instance with a fresh one.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>An await continuation of a ReceiveAsync handler, run inside the actor.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
}

/// <summary>The task of a ReceiveAsync handler finished: resume the mailbox or fail.</summary>
internal sealed class AsyncHandlerCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
