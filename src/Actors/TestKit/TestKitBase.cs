using System.Collections.Concurrent;
using System.Diagnostics;

namespace ActorWarehouse.Actors.TestKit;

/// <summary>A failed expectation of the TestKit (reported by any test framework as a failure).</summary>
public sealed class TestKitAssertionException(string message) : Exception(message);

/// <summary>
/// The expectation API shared by <see cref="TestKit"/> and <see cref="TestProbe"/>: a <see cref="TestActor"/>
/// whose messages queue up for ExpectMsg and friends. Every wait is bounded (default 3 s, or the
/// remaining time of an enclosing <see cref="Within(TimeSpan, Action)"/>).
/// </summary>
public abstract class TestKitBase
{
    private readonly BlockingCollection<(object Message, IActorRef Sender)> _queue = new();
    private DateTime? _end;
    private IActorRef? _testActor;

    protected TestKitBase(ActorSystem system) => Sys = system;

    public ActorSystem Sys { get; }

    /// <summary>Receives everything sent to it; the messages are what Expect* methods look at.</summary>
    public IActorRef TestActor => _testActor ?? throw new InvalidOperationException("the test actor is not started yet");

    /// <summary>The sender of the last message taken from the queue.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    public TimeSpan SingleExpectDefault { get; protected init; } = TimeSpan.FromSeconds(3);

    protected void StartTestActor(string name)
    {
        _testActor = Sys.SystemActorOf(Props.CreateBy(() => new TestActorImpl(_queue)), name);
    }

    internal sealed record WatchCommand(IActorRef Target);
    internal sealed record UnwatchCommand(IActorRef Target);

    private sealed class TestActorImpl : ActorBase
    {
        private readonly BlockingCollection<(object, IActorRef)> _queue;

        public TestActorImpl(BlockingCollection<(object, IActorRef)> queue) => _queue = queue;

        protected internal override bool Receive(object message)
        {
            switch (message)
            {
                case WatchCommand w: Context.Watch(w.Target); break;
                case UnwatchCommand u: Context.Unwatch(u.Target); break;
                default: _queue.Add((message, Sender)); break;
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- timing

    /// <summary>Time left before the enclosing Within block ends, or the single-expect default.</summary>
    public TimeSpan RemainingOrDefault => _end is { } end ? Max(end - DateTime.UtcNow, TimeSpan.Zero) : SingleExpectDefault;

    private TimeSpan RemainingOr(TimeSpan? timeout)
    {
        var t = timeout ?? SingleExpectDefault;
        if (_end is { } end)
        {
            var left = Max(end - DateTime.UtcNow, TimeSpan.Zero);
            if (left < t) t = left;
        }
        return t;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Runs the block and fails if it takes longer than <paramref name="max"/>; inner waits share that budget.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, () => { action(); return 0; });

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        var start = Stopwatch.StartNew();
        var previous = _end;
        var end = DateTime.UtcNow + max;
        _end = previous is { } p && p < end ? p : end;
        try
        {
            var result = function();
            var elapsed = start.Elapsed;
            if (elapsed < min) throw new TestKitAssertionException($"block took {elapsed}, should have taken at least {min}");
            if (elapsed > max + TimeSpan.FromMilliseconds(100)) throw new TestKitAssertionException($"block took {elapsed}, exceeding {max}");
            return result;
        }
        finally
        {
            _end = previous;
        }
    }

    // ---------------------------------------------------------------- receiving

    /// <summary>Takes the next message or returns null when none arrived within the timeout.</summary>
    public object? ReceiveOne(TimeSpan? timeout = null)
    {
        if (_queue.TryTake(out var item, RemainingOr(timeout)))
        {
            LastSender = item.Sender;
            return item.Message;
        }
        return null;
    }

    public bool HasMessages => _queue.Count > 0;

    public T ExpectMsg<T>(TimeSpan? timeout = null)
    {
        var t = RemainingOr(timeout);
        var message = ReceiveOne(t) ?? throw new TestKitAssertionException($"timeout ({t}) while waiting for a message of type {typeof(T).Name}");
        if (message is not T typed)
            throw new TestKitAssertionException($"expected a message of type {typeof(T).Name}, got {message.GetType().Name}: {message}");
        return typed;
    }

    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        if (!Equals(message, expected)) throw new TestKitAssertionException($"expected {expected}, got {message}");
        return message;
    }

    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        if (!isMessage(message)) throw new TestKitAssertionException($"message {message} does not satisfy the predicate");
        return message;
    }

    /// <summary>Expects a message of type T and runs <paramref name="assert"/> on it.</summary>
    public T ExpectMsg<T>(Action<T> assert, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        assert(message);
        return message;
    }

    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        if (!LastSender.Equals(sender)) throw new TestKitAssertionException($"expected sender {sender}, got {LastSender}");
        return message;
    }

    public object ExpectMsgAnyOf(params object[] candidates)
    {
        var message = ReceiveOne() ?? throw new TestKitAssertionException("timeout while waiting for any of the candidates");
        if (!candidates.Contains(message)) throw new TestKitAssertionException($"{message} is not one of [{string.Join(", ", candidates)}]");
        return message;
    }

    /// <summary>Expects all the messages in any order.</summary>
    public void ExpectMsgAllOf(params object[] expected)
    {
        var missing = expected.ToList();
        while (missing.Count > 0)
        {
            var message = ReceiveOne() ?? throw new TestKitAssertionException($"timeout; still missing [{string.Join(", ", missing)}]");
            if (!missing.Remove(message)) throw new TestKitAssertionException($"unexpected message {message}");
        }
    }

    /// <summary>Asserts that no message arrives during <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        var message = ReceiveOne(duration);
        if (message is not null) throw new TestKitAssertionException($"expected no message, got {message}");
    }

    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var result = new List<object>(count);
        var deadline = DateTime.UtcNow + RemainingOr(timeout);
        while (result.Count < count)
        {
            var left = Max(deadline - DateTime.UtcNow, TimeSpan.Zero);
            result.Add(ReceiveOne(left) ?? throw new TestKitAssertionException($"timeout after {result.Count} of {count} messages"));
        }
        return result;
    }

    /// <summary>Skips messages until one of type T satisfies <paramref name="isMessage"/>.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + RemainingOr(timeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var message = left > TimeSpan.Zero ? ReceiveOne(left) : null;
            if (message is null) throw new TestKitAssertionException($"timeout while fishing for a {typeof(T).Name}");
            if (message is T t && isMessage(t)) return t;
        }
    }

    /// <summary>Makes the test actor watch <paramref name="actor"/>; its Terminated will queue up.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        TestActor.Tell(new WatchCommand(actor), ActorRefs.NoSender);
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        TestActor.Tell(new UnwatchCommand(actor), ActorRefs.NoSender);
        return actor;
    }

    /// <summary>Expects the Terminated of an actor previously passed to <see cref="Watch"/>.</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        var t = ExpectMsg<Terminated>(timeout);
        if (!t.ActorRef.Equals(target)) throw new TestKitAssertionException($"expected Terminated of {target}, got it for {t.ActorRef}");
        return t;
    }

    // ---------------------------------------------------------------- polling

    /// <summary>Retries the assertion until it passes or the duration is over (then rethrows its last failure).</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + RemainingOr(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(pause);
            }
        }
    }

    public async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + RemainingOr(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(pause);
            }
        }
    }

    /// <summary>Waits until the condition holds; fails when it still does not after the duration.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, TimeSpan? interval = null, string? message = null)
    {
        var deadline = DateTime.UtcNow + RemainingOr(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
                throw new TestKitAssertionException(message ?? "condition was not met in time");
            Thread.Sleep(pause);
        }
    }

    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name);
}
