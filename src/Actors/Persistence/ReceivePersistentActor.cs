using System.Runtime.InteropServices;

namespace ActorWarehouse.Actors.Persistence;

/// <summary>
/// A persistent actor whose command and recover handlers are registered in the constructor:
/// <c>Command&lt;T&gt;</c>, <c>CommandAsync&lt;T&gt;</c>, <c>CommandAny</c>, <c>Recover&lt;T&gt;</c>, <c>RecoverAny</c>.
/// The first matching handler wins. <see cref="Become(Action)"/> swaps the command handlers.
/// </summary>
public abstract class ReceivePersistentActor : Eventsourced
{
    private readonly List<Func<object, bool>> _recoverHandlers = [];
    private List<Func<object, bool>> _commandHandlers = [];
    private List<Func<object, bool>>? _building;
    private bool _constructed;

    protected ReceivePersistentActor() => _building = _commandHandlers;

    protected sealed override bool ReceiveRecover(object message)
    {
        _constructed = true;
        _building = null;
        return Dispatch(_recoverHandlers, message);
    }

    protected sealed override bool ReceiveCommand(object message)
    {
        _constructed = true;
        _building = null;
        return Dispatch(_commandHandlers, message);
    }

    private static bool Dispatch(List<Func<object, bool>> handlers, object message)
    {
        foreach (var h in CollectionsMarshal.AsSpan(handlers))
            if (h(message)) return true;
        return false;
    }

    private void AddCommand(Func<object, bool> handler)
    {
        if (_building is null)
            throw new InvalidOperationException("Command handlers can only be registered in the constructor or inside Become(...)");
        _building.Add(handler);
    }

    private void AddRecover(Func<object, bool> handler)
    {
        if (_constructed) throw new InvalidOperationException("Recover handlers can only be registered in the constructor");
        _recoverHandlers.Add(handler);
    }

    protected void Command<T>(Action<T> handler) =>
        AddCommand(m => { if (m is T t) { handler(t); return true; } return false; });

    protected void Command<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        AddCommand(m => { if (m is T t && shouldHandle(t)) { handler(t); return true; } return false; });

    /// <summary>The handler returns whether it handled the command; false lets later handlers try.</summary>
    protected void Command<T>(Func<T, bool> handler) => AddCommand(m => m is T t && handler(t));

    protected void CommandAny(Action<object> handler) => AddCommand(m => { handler(m); return true; });

    /// <summary>
    /// The mailbox waits until the task finishes; persist calls made after an await are sent when it finishes.
    /// </summary>
    protected void CommandAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        AddCommand(m =>
        {
            if (m is not T t || (shouldHandle is not null && !shouldHandle(t))) return false;
            Cell.RunAsyncHandler(async () =>
            {
                try { await handler(t); }
                finally { AfterAsyncCommand(); }
            });
            return true;
        });

    protected void Recover<T>(Action<T> handler) =>
        AddRecover(m => { if (m is T t) { handler(t); return true; } return false; });

    protected void Recover<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        AddRecover(m => { if (m is T t && shouldHandle(t)) { handler(t); return true; } return false; });

    protected void Recover<T>(Func<T, bool> handler) => AddRecover(m => m is T t && handler(t));

    protected void RecoverAny(Action<object> handler) => AddRecover(m => { handler(m); return true; });

    /// <summary>Replaces the command handlers with those registered by <paramref name="configure"/>.</summary>
    protected void Become(Action configure)
    {
        var previous = _building;
        var list = new List<Func<object, bool>>();
        _building = list;
        try { configure(); }
        finally { _building = previous; }
        _commandHandlers = list;
        UnbecomeCommand();
    }
}

/// <summary>A persistent actor with two methods: <see cref="OnCommand"/> and <see cref="OnRecover"/>.</summary>
public abstract class UntypedPersistentActor : Eventsourced
{
    private bool _unhandled;

    protected abstract void OnCommand(object message);

    protected abstract void OnRecover(object message);

    protected sealed override bool ReceiveCommand(object message)
    {
        _unhandled = false;
        OnCommand(message);
        return !_unhandled;
    }

    protected sealed override bool ReceiveRecover(object message)
    {
        _unhandled = false;
        OnRecover(message);
        return !_unhandled;
    }

    /// <summary>Marks the current message as not handled (published as <see cref="UnhandledMessage"/> for commands).</summary>
    protected override void Unhandled(object message)
    {
        if (!_unhandled) { _unhandled = true; return; }
        base.Unhandled(message);
    }
}
