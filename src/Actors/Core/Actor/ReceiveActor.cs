namespace ActorWarehouse.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered in the constructor (or inside a
/// <see cref="Become(Action)"/> block); the first handler that matches wins.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly List<Func<object, bool>> _initial = [];
    private List<Func<object, bool>>? _building;

    protected ReceiveActor() => _building = _initial;

    protected internal sealed override bool Receive(object message)
    {
        // The constructor is over once the first message arrives: later registrations need Become.
        _building = null;
        return Dispatch(_initial, message);
    }

    private static bool Dispatch(List<Func<object, bool>> handlers, object message)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(handlers);
        foreach (var h in span)
            if (h(message)) return true;
        return false;
    }

    private void Add(Func<object, bool> handler)
    {
        if (_building is null)
            throw new InvalidOperationException("Receive handlers can only be registered in the constructor or inside Become(...)");
        _building.Add(handler);
    }

    protected void Receive<T>(Action<T> handler) =>
        Add(m => { if (m is T t) { handler(t); return true; } return false; });

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Add(m => { if (m is T t && shouldHandle(t)) { handler(t); return true; } return false; });

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle) =>
        Add(m => { if (m is T t && (shouldHandle is null || shouldHandle(t))) { handler(t); return true; } return false; });

    /// <summary>The handler returns whether it handled the message; false lets later handlers try.</summary>
    protected void Receive<T>(Func<T, bool> handler) =>
        Add(m => m is T t && handler(t));

    /// <summary>
    /// The mailbox is suspended until the returned task finishes: no other user message interleaves, and await
    /// continuations run inside the actor (Self, Sender and Context stay valid).
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        Add(m =>
        {
            if (m is not T t || (shouldHandle is not null && !shouldHandle(t))) return false;
            Cell.RunAsyncHandler(() => handler(t));
            return true;
        });

    protected void ReceiveAny(Action<object> handler) => Add(m => { handler(m); return true; });

    protected void ReceiveAnyAsync(Func<object, Task> handler) =>
        Add(m => { Cell.RunAsyncHandler(() => handler(m)); return true; });

    /// <summary>Replaces the behaviour with the handlers registered by <paramref name="configure"/>.</summary>
    protected void Become(Action configure) => Cell.Become(Build(configure));

    /// <summary>Pushes the handlers registered by <paramref name="configure"/>; <see cref="UnbecomeStacked"/> pops.</summary>
    protected void BecomeStacked(Action configure) => Cell.BecomeStacked(Build(configure));

    protected void UnbecomeStacked() => Cell.UnbecomeStacked();

    private Receive Build(Action configure)
    {
        var previous = _building;
        var list = new List<Func<object, bool>>();
        _building = list;
        try { configure(); }
        finally { _building = previous; }
        return m => Dispatch(list, m);
    }
}
