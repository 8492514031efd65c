namespace ActorWarehouse.Actors;

/// <summary>Messages with this marker do not reset an actor's receive timeout.</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Messages the runtime handles itself before the actor's behaviour sees them.</summary>
public interface IAutoReceivedMessage;

/// <summary>Stops the actor when it reaches the head of the mailbox; later messages go to dead letters.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();
    private PoisonPill() { }
    public override string ToString() => "<PoisonPill>";
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/> (the default decider stops it).</summary>
public sealed class Kill : IAutoReceivedMessage
{
    public static readonly Kill Instance = new();
    private Kill() { }
    public override string ToString() => "<Kill>";
}

/// <summary>Every actor answers it with <see cref="ActorIdentity"/>; used to resolve selections.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;

/// <summary>Answer to <see cref="Identify"/>; <see cref="Subject"/> is null when nothing lives at the path.</summary>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);

/// <summary>Sent to a watcher exactly once when a watched actor has stopped (or its system was lost).</summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated) : IAutoReceivedMessage, IPossiblyHarmful
{
    public override string ToString() => $"<Terminated>: {ActorRef} - ExistenceConfirmed={ExistenceConfirmed}";
}

/// <summary>Marker for messages that are dangerous to receive from untrusted peers.</summary>
public interface IPossiblyHarmful;

/// <summary>Delivered after the inactivity period set with <see cref="IActorContext.SetReceiveTimeout"/>.</summary>
public sealed class ReceiveTimeout : IPossiblyHarmful
{
    public static readonly ReceiveTimeout Instance = new();
    private ReceiveTimeout() { }
    public override string ToString() => "<ReceiveTimeout>";
}

/// <summary>Replies that carry success or failure of an operation; a Failure reply faults an Ask.</summary>
public static class Status
{
    public sealed record Success(object? Status);

    public sealed record Failure(Exception Cause, object? State = null)
    {
        public override string ToString() => $"Failure: {Cause.GetType().Name}: {Cause.Message}";
    }
}

/// <summary>A message that could not be delivered, as published on the event stream.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient)
{
    public override string ToString() => $"DeadLetter from {Sender} to {Recipient}: <{Message}>";
}

/// <summary>A message no behaviour of the recipient matched, as published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>"Finished, nothing to report."</summary>
public sealed class Done
{
    public static readonly Done Instance = new();
    private Done() { }
    public override string ToString() => "Done";
}

public sealed class NotUsed
{
    public static readonly NotUsed Instance = new();
    private NotUsed() { }
}
