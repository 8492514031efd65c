using ActorWarehouse.Actors.Dispatch;

namespace ActorWarehouse.Actors.Persistence;

/// <summary>
/// INTERNAL API: the persistent actor's internal stash: commands parked during recovery and while a stashing
/// persist is in flight, put back (in order, with their senders) at the front of the mailbox.
/// </summary>
internal sealed class EnvelopeStash(ActorCell cell)
{
    private readonly LinkedList<Envelope> _items = new();

    public int Count => _items.Count;

    public void StashCurrent() => _items.AddLast(cell.CurrentEnvelope);

    /// <summary>Puts envelopes in front of everything parked here, keeping their order.</summary>
    public void PrependAll(IReadOnlyList<Envelope> envelopes)
    {
        for (int i = envelopes.Count - 1; i >= 0; i--) _items.AddFirst(envelopes[i]);
    }

    public void UnstashOne()
    {
        if (_items.First is not { } first) return;
        _items.RemoveFirst();
        cell.Mailbox.PrependAll([first.Value]);
    }

    public void UnstashAll()
    {
        if (_items.Count == 0) return;
        var all = _items.ToList();
        _items.Clear();
        cell.Mailbox.PrependAll(all);
    }
}

/// <summary>
/// INTERNAL API: the user-visible stash of a persistent actor. Unstashed messages go in front of the internal stash
/// (as upstream), so they are handled before commands parked by the persistence machinery.
/// </summary>
internal sealed class PersistentActorStash(ActorCell cell, EnvelopeStash internalStash) : IStash
{
    private readonly LinkedList<Envelope> _stashed = new();

    public int Count => _stashed.Count;
    public bool IsEmpty => _stashed.Count == 0;

    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (current.Message is null) throw new IllegalActorStateException("there is no message to stash");
        if (_stashed.Last is { } last && ReferenceEquals(last.Value.Message, current.Message))
            throw new IllegalActorStateException($"can't stash the same message {current.Message} more than once");
        _stashed.AddLast(current);
    }

    public void Unstash()
    {
        if (_stashed.First is not { } first) return;
        _stashed.RemoveFirst();
        internalStash.PrependAll([first.Value]);
    }

    public void UnstashAll() => UnstashAll(static _ => true);

    public void UnstashAll(Func<object, bool> predicate)
    {
        var selected = _stashed.Where(e => predicate(e.Message)).ToList();
        _stashed.Clear();
        internalStash.PrependAll(selected);
    }

    public IEnumerable<object> ClearStash()
    {
        var all = _stashed.Select(e => e.Message).ToList();
        _stashed.Clear();
        return all;
    }
}
