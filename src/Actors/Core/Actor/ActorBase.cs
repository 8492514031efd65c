using ActorWarehouse.Actors.Dispatch;

namespace ActorWarehouse.Actors;

/// <summary>
/// Base of every actor. The constructor runs inside its <see cref="ActorCell"/> (each incarnation gets a fresh
/// instance); state needs no locks because one message is handled at a time.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Current ?? throw new ActorInitializationException(null,
            "an actor can only be created through ActorOf/Props, not with 'new'");
        _cell.AttachActor(this);
    }

    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being handled (dead letters when there was none).</summary>
    protected IActorRef Sender => _cell.Sender;

    protected static IActorContext Context => ActorCell.Current
        ?? throw new NotSupportedException("Context is only available inside an actor while it handles a message");

    internal ActorCell Cell => _cell;

    /// <summary>Handles one message; false means "not handled" (published as <see cref="UnhandledMessage"/>).</summary>
    protected internal abstract bool Receive(object message);

    protected virtual void PreStart() { }

    protected virtual void PostStop() { }

    /// <summary>Default: stop all children, then <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in _cell.ChildRefs)
        {
            _cell.Unwatch(child);
            _cell.Stop(child);
        }
        PostStop();
    }

    /// <summary>Default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The strategy applied to this actor's children; default restarts on most exceptions.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => _cell.Props.SupervisorStrategy ?? Actors.SupervisorStrategy.DefaultStrategy;

    /// <summary>Publishes the message as unhandled; an unhandled <see cref="Terminated"/> throws DeathPactException.</summary>
    protected virtual void Unhandled(object message) => HandleUnhandled(message);

    internal void HandleUnhandled(object message)
    {
        if (message is Terminated t) throw new DeathPactException(t.ActorRef);
        _cell.System.EventStream.Publish(new UnhandledMessage(message, Sender, Self));
    }

    /// <summary>Sets a receive behaviour, replacing the current one (stack depth unchanged).</summary>
    protected void Become(Receive receive) => _cell.Become(receive);

    internal void InvokePreStart() => PreStart();
    internal void InvokePostStop() => PostStop();
    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);
    internal void InvokePostRestart(Exception reason) => PostRestart(reason);
    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();
}

/// <summary>A behaviour: returns true when it handled the message.</summary>
public delegate bool Receive(object message);

/// <summary>An actor with a single <see cref="OnReceive"/> method; call <c>Unhandled</c> for what it ignores.</summary>
public abstract class UntypedActor : ActorBase
{
    private bool _unhandled;

    protected internal sealed override bool Receive(object message)
    {
        _unhandled = false;
        OnReceive(message);
        return !_unhandled;
    }

    protected abstract void OnReceive(object message);

    protected override void Unhandled(object message)
    {
        _unhandled = true;
        // The cell publishes (or throws DeathPactException) when Receive reports false.
    }
}
