using ActorWarehouse.Actors.Dispatch;

namespace ActorWarehouse.Actors;

/// <summary>Parks messages the actor cannot handle yet and puts them back, in order, at the front of the mailbox.</summary>
public interface IStash
{
    /// <summary>Parks the message being handled. Stashing the same message twice is an error.</summary>
    void Stash();
    /// <summary>Puts the oldest parked message back at the front of the mailbox.</summary>
    void Unstash();
    /// <summary>Puts every parked message back at the front of the mailbox, in original order.</summary>
    void UnstashAll();
    void UnstashAll(Func<object, bool> predicate);
    /// <summary>Drops every parked message and returns them.</summary>
    IEnumerable<object> ClearStash();
    int Count { get; }
    bool IsEmpty { get; }
}

/// <summary>Marks an actor that uses a stash; the runtime sets <see cref="Stash"/> before the constructor body runs.</summary>
public interface IActorStash
{
    IStash Stash { get; set; }
}

public interface IWithStash : IActorStash;

public interface IWithUnboundedStash : IWithStash;

/// <summary>INTERNAL API: the stash of one actor incarnation.</summary>
internal sealed class ActorStash(ActorCell cell, int capacity = int.MaxValue) : IStash
{
    private readonly LinkedList<Envelope> _stashed = new();
    private object? _lastStashed;

    public int Count => _stashed.Count;
    public bool IsEmpty => _stashed.Count == 0;

    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (current.Message is null) throw new IllegalActorStateException("there is no message to stash");
        if (ReferenceEquals(_lastStashed, current.Message) && _stashed.Count > 0 && ReferenceEquals(_stashed.Last!.Value.Message, current.Message))
            throw new IllegalActorStateException($"can't stash the same message {current.Message} more than once");
        if (_stashed.Count >= capacity) throw new IllegalActorStateException($"stash capacity {capacity} exceeded");
        _lastStashed = current.Message;
        _stashed.AddLast(current);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0) return;
        var first = _stashed.First!.Value;
        _stashed.RemoveFirst();
        cell.Mailbox.PrependAll([first]);
    }

    public void UnstashAll() => UnstashAll(static _ => true);

    public void UnstashAll(Func<object, bool> predicate)
    {
        if (_stashed.Count == 0) return;
        var selected = _stashed.Where(e => predicate(e.Message)).ToList();
        _stashed.Clear();
        _lastStashed = null;
        cell.Mailbox.PrependAll(selected);
    }

    public IEnumerable<object> ClearStash()
    {
        var all = _stashed.Select(e => e.Message).ToList();
        _stashed.Clear();
        _lastStashed = null;
        return all;
    }

    /// <summary>Before a restarted incarnation starts, everything parked goes back to the mailbox.</summary>
    internal void UnstashAllForRestart() => UnstashAll();
}
