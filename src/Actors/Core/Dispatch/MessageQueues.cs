using System.Collections.Concurrent;

namespace ActorWarehouse.Actors.Dispatch;

/// <summary>The user-message queue of a mailbox: many producers, one consumer (the actor's turn).</summary>
internal interface IMessageQueue
{
    /// <summary>Adds the envelope; false when it could not be queued in time (bounded queues).</summary>
    bool TryEnqueue(in Envelope envelope);
    bool TryDequeue(out Envelope envelope);
    bool HasMessages { get; }
    int Count { get; }
}

internal sealed class UnboundedMessageQueue : IMessageQueue
{
    private readonly ConcurrentQueue<Envelope> _queue = new();
    public bool TryEnqueue(in Envelope envelope) { _queue.Enqueue(envelope); return true; }
    public bool TryDequeue(out Envelope envelope) => _queue.TryDequeue(out envelope);
    public bool HasMessages => !_queue.IsEmpty;
    public int Count => _queue.Count;
}

/// <summary>
/// Holds at most <c>capacity</c> messages; a sender that finds it full waits up to the push timeout, after which
/// the message is refused (and becomes a dead letter).
/// </summary>
internal sealed class BoundedMessageQueue(int capacity, TimeSpan pushTimeout) : IMessageQueue
{
    private readonly ConcurrentQueue<Envelope> _queue = new();
    private readonly SemaphoreSlim _free = new(capacity, capacity);

    public bool TryEnqueue(in Envelope envelope)
    {
        if (!_free.Wait(0) && !_free.Wait(pushTimeout)) return false;
        _queue.Enqueue(envelope);
        return true;
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (!_queue.TryDequeue(out envelope)) return false;
        _free.Release();
        return true;
    }

    public bool HasMessages => !_queue.IsEmpty;
    public int Count => _queue.Count;
}
