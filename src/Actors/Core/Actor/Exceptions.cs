namespace ActorWarehouse.Actors;

public class AkkaException(string message, Exception? cause = null) : Exception(message, cause);

/// <summary>The actor's constructor or PreStart threw; the default decider stops it.</summary>
public sealed class ActorInitializationException(IActorRef? actor, string message, Exception? cause = null)
    : AkkaException(message, cause)
{
    public IActorRef? Actor { get; } = actor;
}

/// <summary>Thrown inside an actor that received <see cref="Kill"/>; the default decider stops it.</summary>
public sealed class ActorKilledException(string message) : AkkaException(message);

/// <summary>An actor did not handle a <see cref="Terminated"/> of an actor it watched.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : AkkaException($"Monitored actor [{deadActor}] terminated")
{
    public IActorRef DeadActor { get; } = deadActor;
}

public sealed class AskTimeoutException(string message) : AkkaException(message);

public sealed class InvalidActorNameException(string message) : AkkaException(message);

public sealed class ActorNotFoundException(string message) : AkkaException(message);

/// <summary>Misuse of an actor API, e.g. stashing the same message twice.</summary>
public sealed class IllegalActorStateException(string message) : AkkaException(message);

/// <summary>An actor was asked to create a child after it started stopping, or the system is shutting down.</summary>
public sealed class IllegalStateException(string message) : AkkaException(message);
