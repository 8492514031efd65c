using ActorWarehouse.Actors.Event;

namespace ActorWarehouse.Actors;

/// <summary>Creates actors and selections: the actor system (under /user) and every actor context (as children).</summary>
public interface IActorRefFactory
{
    IActorRef ActorOf(Props props, string? name = null);
    ActorSelection ActorSelection(string path);
    ActorSelection ActorSelection(ActorPath path);
}

/// <summary>What an actor sees of its own cell while it handles a message.</summary>
public interface IActorContext : IActorRefFactory
{
    IActorRef Self { get; }
    IActorRef Sender { get; }
    IActorRef Parent { get; }
    ActorSystem System { get; }
    Props Props { get; }

    IEnumerable<IActorRef> GetChildren();
    /// <summary>The child of that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>Delivers one <see cref="Terminated"/> when <paramref name="subject"/> stops.</summary>
    IActorRef Watch(IActorRef subject);
    IActorRef Unwatch(IActorRef subject);
    /// <summary>Stops a child (or Self) after the message being handled.</summary>
    void Stop(IActorRef child);

    void Become(Receive receive);
    void BecomeStacked(Receive receive);
    void UnbecomeStacked();

    /// <summary>Sends <see cref="ReceiveTimeout"/> after this much inactivity, repeatedly; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);
    TimeSpan? ReceiveTimeout { get; }

    ILoggingAdapter GetLogger();
}
