namespace ActorWarehouse.Actors;

/// <summary>A handle to scheduled work.</summary>
public interface ICancelable
{
    void Cancel();
    bool IsCancellationRequested { get; }
}

/// <summary>A simple cancelable flag, shared by the scheduler implementations.</summary>
public sealed class Cancelable : ICancelable
{
    private volatile bool _cancelled;
    public void Cancel() => _cancelled = true;
    public bool IsCancellationRequested => _cancelled;
}

/// <summary>
/// Sends messages later (Akka's <c>IScheduler</c> with its tell-scheduling methods). Fire times are approximate.
/// </summary>
public interface IScheduler
{
    /// <summary>The scheduler's clock (virtual in the <c>TestScheduler</c>).</summary>
    DateTimeOffset Now { get; }

    /// <summary>Monotonic time since the scheduler started.</summary>
    TimeSpan MonotonicClock { get; }

    void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);
    ICancelable ScheduleTellOnceCancelable(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);
    void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);
    ICancelable ScheduleTellRepeatedlyCancelable(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Runs an action later (on a thread-pool thread; never inside an actor).</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}

/// <summary>The shared core of scheduler implementations: turns tell-requests into actions.</summary>
public abstract class SchedulerBase : IScheduler
{
    public abstract DateTimeOffset Now { get; }
    public abstract TimeSpan MonotonicClock { get; }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/>, then every <paramref name="interval"/> if set.</summary>
    protected abstract void InternalSchedule(TimeSpan delay, TimeSpan? interval, Action action, Cancelable cancelable);

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender) =>
        ScheduleTellOnceCancelable(delay, receiver, message, sender);

    public ICancelable ScheduleTellOnceCancelable(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender)
    {
        var c = new Cancelable();
        InternalSchedule(delay, null, () => receiver.Tell(message, sender), c);
        return c;
    }

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender) =>
        ScheduleTellRepeatedlyCancelable(initialDelay, interval, receiver, message, sender);

    public ICancelable ScheduleTellRepeatedlyCancelable(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "interval must be positive");
        var c = new Cancelable();
        InternalSchedule(initialDelay, interval, () => receiver.Tell(message, sender), c);
        return c;
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        var c = new Cancelable();
        InternalSchedule(delay, null, action, c);
        return c;
    }
}

/// <summary>
/// The default scheduler: one timer thread over a priority queue ordered by due time, sleeping until the next
/// due item (or a new earlier one). Actions run on the thread pool so a slow action cannot delay others.
/// </summary>
internal sealed class HeapScheduler : SchedulerBase, IDisposable
{
    private readonly PriorityQueue<Item, long> _queue = new();
    private readonly object _lock = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Thread _thread;
    private bool _stopped;

    private sealed class Item(long dueTicks, TimeSpan? interval, Action action, Cancelable cancelable)
    {
        public long DueTicks = dueTicks;
        public readonly TimeSpan? Interval = interval;
        public readonly Action Action = action;
        public readonly Cancelable Cancelable = cancelable;
    }

    public HeapScheduler(string systemName)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = $"{systemName}-scheduler" };
        _thread.Start();
    }

    public override DateTimeOffset Now => DateTimeOffset.UtcNow;
    public override TimeSpan MonotonicClock => _clock.Elapsed;

    protected override void InternalSchedule(TimeSpan delay, TimeSpan? interval, Action action, Cancelable cancelable)
    {
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        long due = _clock.Elapsed.Ticks + delay.Ticks;
        lock (_lock)
        {
            if (_stopped) return;
            _queue.Enqueue(new Item(due, interval, action, cancelable), due);
            Monitor.Pulse(_lock);
        }
    }

    private void Loop()
    {
        var due = new List<Item>();
        while (true)
        {
            lock (_lock)
            {
                while (true)
                {
                    if (_stopped) return;
                    if (_queue.TryPeek(out _, out var next))
                    {
                        long wait = next - _clock.Elapsed.Ticks;
                        if (wait <= 0) break;
                        Monitor.Wait(_lock, TimeSpan.FromTicks(Math.Min(wait, TimeSpan.TicksPerSecond)));
                    }
                    else
                    {
                        Monitor.Wait(_lock);
                    }
                }
                long now = _clock.Elapsed.Ticks;
                while (_queue.TryPeek(out var item, out var at) && at <= now)
                {
                    _queue.Dequeue();
                    if (item.Cancelable.IsCancellationRequested) continue;
                    due.Add(item);
                    if (item.Interval is { } iv)
                    {
                        item.DueTicks = Math.Max(item.DueTicks + iv.Ticks, now);
                        _queue.Enqueue(item, item.DueTicks);
                    }
                }
            }
            if (due.Count > 0)
            {
                // One work item per tick, run in due order: tells scheduled in order arrive in order.
                var batch = due.ToArray();
                due.Clear();
                ThreadPool.UnsafeQueueUserWorkItem(static b =>
                {
                    foreach (var item in b)
                    {
                        if (item.Cancelable.IsCancellationRequested) continue;
                        try { item.Action(); }
                        catch (Exception e) { Console.Error.WriteLine($"scheduled action failed: {e}"); }
                    }
                }, batch, preferLocal: false);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopped = true;
            _queue.Clear();
            Monitor.Pulse(_lock);
        }
    }
}
