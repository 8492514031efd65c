using System.Collections.Concurrent;

namespace ActorWarehouse.Actors.Dispatch;

/// <summary>
/// An actor's two queues and its turn on the thread pool. A turn drains system messages first, then handles up
/// to <c>throughput</c> user messages (re-checking system messages before each), then yields so that one busy
/// actor cannot starve the others. At most one turn runs at a time (the <c>_scheduled</c> flag), which is what
/// lets actor state live without locks.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private readonly IMessageQueue _queue;
    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private readonly int _throughput;
    private ActorCell _cell = null!;

    // 0 = idle, 1 = a turn is queued or running. Only the CAS winner queues a turn.
    private int _scheduled;
    private volatile bool _closed;

    // Touched only during turns (single consumer): suspension depth and messages put back in front
    // (unstashed messages, Terminated notifications).
    private int _suspendCount;
    private LinkedList<Envelope>? _front;

    public Mailbox(IMessageQueue queue, int throughput)
    {
        _queue = queue;
        _throughput = Math.Max(1, throughput);
    }

    public void SetCell(ActorCell cell) => _cell = cell;

    public bool IsClosed => _closed;
    public bool IsSuspended => _suspendCount > 0;
    public int NumberOfMessages => _queue.Count + (_front?.Count ?? 0);

    public void Post(object message, IActorRef? sender)
    {
        if (_closed)
        {
            _cell.SendToDeadLetters(message, sender);
            return;
        }
        if (!_queue.TryEnqueue(new Envelope(message, sender)))
        {
            _cell.SendToDeadLetters(message, sender);
            return;
        }
        if (_closed)
        {
            // Lost the race with termination: whatever is left goes to dead letters.
            DrainUserToDeadLetters();
            return;
        }
        Schedule();
    }

    public void PostSystem(SystemMessage message)
    {
        _system.Enqueue(message);
        if (_closed)
        {
            DrainSystemAfterClose();
            return;
        }
        Schedule();
    }

    /// <summary>Puts messages back at the head of the queue, preserving their order (stash, Terminated).</summary>
    public void PrependAll(IEnumerable<Envelope> envelopes)
    {
        _front ??= new LinkedList<Envelope>();
        LinkedListNode<Envelope>? after = null;
        foreach (var e in envelopes)
            after = after is null ? _front.AddFirst(e) : _front.AddAfter(after, e);
    }

    /// <summary>
    /// The runtime's own message to this actor from inside its turn (Terminated): behind everything queued, except
    /// for bounded queues, where waiting for room would block the turn, so it goes in front instead.
    /// </summary>
    public void EnqueueInternal(Envelope envelope)
    {
        if (_queue is BoundedMessageQueue) EnqueueFront(envelope);
        else _queue.TryEnqueue(envelope);
    }

    /// <summary>Queues a message behind earlier front messages but ahead of the ordinary queue.</summary>
    public void EnqueueFront(Envelope envelope) => (_front ??= new LinkedList<Envelope>()).AddLast(envelope);

    public void RemoveFront(Func<Envelope, bool> predicate)
    {
        if (_front is null) return;
        for (var node = _front.First; node is not null;)
        {
            var next = node.Next;
            if (predicate(node.Value)) _front.Remove(node);
            node = next;
        }
    }

    public void Suspend() => _suspendCount++;

    public void ResumeProcessing()
    {
        if (_suspendCount > 0) _suspendCount--;
    }

    private void Schedule()
    {
        // A plain read first: when a turn is already queued (the common case under load) no locked instruction.
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public void Execute()
    {
        try
        {
            ProcessSystemMessages();
            if (!_closed) ProcessUserMessages();
        }
        finally
        {
            // A full fence (not a plain release store): the queue checks below must not be reordered before the
            // flag clears, or a producer that enqueued meanwhile and still saw the flag set would be lost.
            Interlocked.Exchange(ref _scheduled, 0);
            // A producer may have enqueued after our last look but before the flag cleared.
            if (!_closed && (!_system.IsEmpty || (_suspendCount == 0 && HasUserMessages)))
                Schedule();
        }
    }

    private bool HasUserMessages => (_front is { Count: > 0 }) || _queue.HasMessages;

    private void ProcessSystemMessages()
    {
        while (!_closed && _system.TryDequeue(out var message))
            _cell.SystemInvoke(message);
        if (_closed) DrainSystemAfterClose();
    }

    private void ProcessUserMessages()
    {
        var cell = _cell;
        for (int left = _throughput; left > 0; left--)
        {
            if (_suspendCount > 0 || _closed) return;
            Envelope envelope;
            if (_front is { Count: > 0 })
            {
                envelope = _front.First!.Value;
                _front.RemoveFirst();
            }
            else if (!_queue.TryDequeue(out envelope))
            {
                return;
            }
            cell.Invoke(envelope);
            if (!_system.IsEmpty) ProcessSystemMessages();
        }
    }

    /// <summary>Marks the mailbox dead: queued and future user messages go to dead letters.</summary>
    public void Close()
    {
        _closed = true;
        if (_front is { Count: > 0 })
        {
            foreach (var e in _front) _cell.SendToDeadLetters(e.Message, e.Sender);
            _front.Clear();
        }
        DrainUserToDeadLetters();
    }

    private void DrainUserToDeadLetters()
    {
        while (_queue.TryDequeue(out var e)) _cell.SendToDeadLetters(e.Message, e.Sender);
    }

    private void DrainSystemAfterClose()
    {
        while (_system.TryDequeue(out var message)) _cell.SystemInvokeAfterDeath(message);
    }
}
