using ActorWarehouse.Actors.Dispatch;

namespace ActorWarehouse.Actors;

/// <summary>INTERNAL API: a ref to an actor in this process; Tell enqueues straight into its mailbox.</summary>
internal sealed class LocalActorRef : InternalActorRef
{
    private readonly ActorPath _path;

    public LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        _path = path.Uid == ActorPath.UndefinedUid ? path.WithUid(NewUid()) : path;
    }

    internal ActorCell Cell { get; }
    public override ActorPath Path => _path;
    internal override bool IsTerminated => Cell.IsTerminated;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.Post(message, sender);
    }

    internal override void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    private static long NewUid()
    {
        // Positive, non-zero, random: a new incarnation at the same path gets a different one.
        long uid;
        do { uid = Random.Shared.Next(1, int.MaxValue); } while (uid == ActorPath.UndefinedUid);
        return uid;
    }
}

/// <summary>
/// INTERNAL API: <c>/deadLetters</c>. Publishes every message as <see cref="DeadLetter"/>; answers Identify with an
/// empty identity and Watch with an immediate death notification.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : InternalActorRef
{
    public override ActorPath Path { get; } = path;

    public override void Tell(object message, IActorRef? sender)
    {
        switch (message)
        {
            case DeadLetter d:
                if (d.Message is Identify i) { d.Sender.Tell(new ActorIdentity(i.MessageId, null), this); return; }
                system.EventStream.Publish(d);
                break;
            case Identify identify:
                sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
                break;
            default:
                system.EventStream.Publish(new DeadLetter(message, sender ?? this, this));
                break;
        }
    }

    internal override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w && !w.Watcher.Equals(w.Watchee))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(w.Watchee, existenceConfirmed: false, addressTerminated: false));
    }
}

/// <summary>INTERNAL API: the supervisor above the root guardian; a failure there stops the root.</summary>
internal sealed class TopLevelSupervisorRef(ActorPath path, Action<Exception> onRootFailure) : MinimalActorRef
{
    public override ActorPath Path { get; } = path;
    public override void Tell(object message, IActorRef? sender) { }

    internal override void SendSystemMessage(SystemMessage message)
    {
        if (message is Failed f) onRootFailure(f.Cause);
    }
}

/// <summary>INTERNAL API: the behaviour of /, /user and /system: nothing but supervision.</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : ActorBase
{
    protected internal override bool Receive(object message) => false;
    protected override SupervisorStrategy SupervisorStrategy() => strategy;
}
