namespace ActorWarehouse.Actors;

/// <summary>Implemented by actors that use timers; the runtime sets <see cref="Timers"/> before the constructor body.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}

/// <summary>
/// Per-actor timers keyed by name. Starting a key again cancels the previous timer of that key; all timers die
/// with the actor (and on restart). A message of a cancelled timer is never delivered, even if already queued.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan timeout);
    void StartPeriodicTimer(object key, object message, TimeSpan interval);
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);
    bool IsTimerActive(object key);
    IReadOnlyCollection<object> ActiveTimers { get; }
    void Cancel(object key);
    void CancelAll();
}

/// <summary>INTERNAL API: the envelope a timer sends to its own actor; checked against the live generation.</summary>
internal sealed record TimerMessage(object Key, int Generation, object Message, TimerScheduler Owner) : INotInfluenceReceiveTimeout;

internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, (int Generation, bool Repeat, ICancelable Task)> _timers = new();
    private int _generation;

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys.ToList();

    public void StartSingleTimer(object key, object message, TimeSpan timeout) => Start(key, message, timeout, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        Cancel(key);
        int generation = ++_generation;
        var envelope = new TimerMessage(key, generation, message, this);
        var scheduler = cell.System.Scheduler;
        var task = interval is { } iv
            ? scheduler.ScheduleTellRepeatedlyCancelable(delay, iv, cell.Self, envelope, cell.Self)
            : scheduler.ScheduleTellOnceCancelable(delay, cell.Self, envelope, cell.Self);
        _timers[key] = (generation, interval is not null, task);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var t)) t.Task.Cancel();
    }

    public void CancelAll()
    {
        foreach (var t in _timers.Values) t.Task.Cancel();
        _timers.Clear();
    }

    /// <summary>Returns the user message when the timer is still live (and forgets single timers), else null.</summary>
    internal object? Accept(TimerMessage timer)
    {
        if (!ReferenceEquals(timer.Owner, this)) return null;
        if (!_timers.TryGetValue(timer.Key, out var t) || t.Generation != timer.Generation) return null;
        if (!t.Repeat) _timers.Remove(timer.Key);
        return timer.Message;
    }
}
