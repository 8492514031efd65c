using ActorWarehouse.Actors.Event;

namespace ActorWarehouse.Actors.TestKit;

/// <summary>
/// Captures log events and dead letters while a block runs and checks how many matched. Matched events are
/// swallowed; unmatched warnings and errors are printed to standard error.
/// </summary>
public sealed class EventFilterFactory : IDisposable
{
    private readonly ActorSystem _system;
    private readonly List<EventFilter> _active = [];
    private readonly Lock _lock = new();
    private readonly IDisposable _logSubscription;
    private readonly IDisposable _deadLetterSubscription;

    internal EventFilterFactory(ActorSystem system)
    {
        _system = system;
        _logSubscription = system.EventStream.Subscribe(typeof(LogEvent), OnEvent);
        _deadLetterSubscription = system.EventStream.Subscribe(typeof(DeadLetter), OnEvent);
    }

    private void OnEvent(object e)
    {
        lock (_lock)
        {
            foreach (var filter in _active)
                if (filter.TryMatch(e)) return;
        }
        if (e is LogEvent { } log && log.LogLevel() >= LogLevel.WarningLevel)
            Console.Error.WriteLine(log.ToString());
    }

    /// <summary>An error log event caused by an exception of type T (or subtype).</summary>
    public EventFilter Exception<T>(string? message = null, string? contains = null) where T : Exception =>
        New(e => e is Error err && err.Cause is T && TextMatches(err, message, contains));

    public EventFilter Error(string? message = null, string? contains = null, string? start = null) =>
        New(e => e is Error err && TextMatches(err, message, contains, start));

    public EventFilter Warning(string? message = null, string? contains = null, string? start = null) =>
        New(e => e is Warning w && TextMatches(w, message, contains, start));

    public EventFilter Info(string? message = null, string? contains = null, string? start = null) =>
        New(e => e is Info i && TextMatches(i, message, contains, start));

    public EventFilter Debug(string? message = null, string? contains = null, string? start = null) =>
        New(e => e is Debug d && TextMatches(d, message, contains, start));

    /// <summary>A dead letter whose message is of type T.</summary>
    public EventFilter DeadLetter<T>() => New(e => e is DeadLetter d && d.Message is T);

    public EventFilter DeadLetter() => New(e => e is DeadLetter);

    private static bool TextMatches(LogEvent e, string? message, string? contains, string? start = null)
    {
        var text = e.Message.ToString() ?? "";
        return (message is null || text == message)
            && (contains is null || text.Contains(contains, StringComparison.Ordinal))
            && (start is null || text.StartsWith(start, StringComparison.Ordinal));
    }

    private EventFilter New(Func<object, bool> predicate) => new(this, predicate);

    internal void Activate(EventFilter filter) { lock (_lock) _active.Add(filter); }
    internal void Deactivate(EventFilter filter) { lock (_lock) _active.Remove(filter); }

    internal TimeSpan DefaultTimeout => _system.Settings.Config.GetTimeSpan("akka.test.single-expect-default", TimeSpan.FromSeconds(3));

    public void Dispose()
    {
        _logSubscription.Dispose();
        _deadLetterSubscription.Dispose();
    }
}

public sealed class EventFilter
{
    private readonly EventFilterFactory _factory;
    private readonly Func<object, bool> _predicate;
    private int _count;

    internal EventFilter(EventFilterFactory factory, Func<object, bool> predicate)
    {
        _factory = factory;
        _predicate = predicate;
    }

    internal bool TryMatch(object e)
    {
        if (!_predicate(e)) return false;
        Interlocked.Increment(ref _count);
        return true;
    }

    public void ExpectOne(Action action, TimeSpan? timeout = null) => Expect(1, action, timeout);

    /// <summary>Runs the action and waits (bounded) until exactly <paramref name="expected"/> events matched.</summary>
    public void Expect(int expected, Action action, TimeSpan? timeout = null)
    {
        _factory.Activate(this);
        try
        {
            action();
            var deadline = DateTime.UtcNow + (timeout ?? _factory.DefaultTimeout);
            while (Volatile.Read(ref _count) < expected && DateTime.UtcNow < deadline) Thread.Sleep(10);
            // A short grace period catches events beyond the expected number.
            Thread.Sleep(50);
        }
        finally
        {
            _factory.Deactivate(this);
        }
        if (_count != expected)
            throw new TestKitAssertionException($"expected {expected} matching event(s), got {_count}");
    }

    public async Task ExpectOneAsync(Func<Task> action, TimeSpan? timeout = null)
    {
        _factory.Activate(this);
        try
        {
            await action();
            var deadline = DateTime.UtcNow + (timeout ?? _factory.DefaultTimeout);
            while (Volatile.Read(ref _count) < 1 && DateTime.UtcNow < deadline) await Task.Delay(10);
            await Task.Delay(50);
        }
        finally
        {
            _factory.Deactivate(this);
        }
        if (_count != 1) throw new TestKitAssertionException($"expected 1 matching event, got {_count}");
    }

    /// <summary>Swallows matching events while the action runs, without counting them.</summary>
    public T Mute<T>(Func<T> action)
    {
        _factory.Activate(this);
        try { return action(); }
        finally { _factory.Deactivate(this); }
    }
}
