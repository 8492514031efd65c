namespace ActorWarehouse.Actors.TestKit;

/// <summary>
/// Virtual time for tests: nothing fires until the test calls <see cref="Advance"/> or <see cref="AdvanceTo"/>.
/// Select it with <c>akka.scheduler.implementation = "test"</c>. Due work runs synchronously inside Advance, in
/// due-time order, so a test controls exactly which timers have fired.
/// </summary>
public sealed class TestScheduler : SchedulerBase
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<Item, (long Due, long Seq)> _queue = new();
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private long _now;
    private long _seq;

    private sealed record Item(long Due, TimeSpan? Interval, Action Action, Cancelable Cancelable);

    public override DateTimeOffset Now => _start + TimeSpan.FromTicks(Interlocked.Read(ref _now));
    public override TimeSpan MonotonicClock => TimeSpan.FromTicks(Interlocked.Read(ref _now));

    protected override void InternalSchedule(TimeSpan delay, TimeSpan? interval, Action action, Cancelable cancelable)
    {
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        lock (_lock)
        {
            long due = _now + delay.Ticks;
            _queue.Enqueue(new Item(due, interval, action, cancelable), (due, _seq++));
        }
    }

    /// <summary>Moves the clock forward and runs everything that became due.</summary>
    public void Advance(TimeSpan by) => AdvanceTo(TimeSpan.FromTicks(Interlocked.Read(ref _now)) + by);

    public void AdvanceTo(TimeSpan when)
    {
        while (true)
        {
            Item item;
            lock (_lock)
            {
                if (!_queue.TryPeek(out item!, out var key) || key.Due > when.Ticks) break;
                _queue.Dequeue();
                Interlocked.Exchange(ref _now, Math.Max(_now, key.Due));
                if (item.Cancelable.IsCancellationRequested) continue;
                if (item.Interval is { } iv) _queue.Enqueue(item with { Due = item.Due + iv.Ticks }, (item.Due + iv.Ticks, _seq++));
            }
            item.Action();
        }
        lock (_lock) Interlocked.Exchange(ref _now, Math.Max(_now, when.Ticks));
    }

    /// <summary>Number of scheduled, not yet fired or cancelled, items.</summary>
    public int PendingCount
    {
        get { lock (_lock) return _queue.UnorderedItems.Count(i => !i.Element.Cancelable.IsCancellationRequested); }
    }
}
