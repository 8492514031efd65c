using ActorWarehouse.Actors.Dispatch;

namespace ActorWarehouse.Actors;

/// <summary>
/// INTERNAL API: the one-shot reply target of an Ask, registered under <c>/temp</c> so that remote replies find it.
/// </summary>
internal sealed class PromiseActorRef<T> : InternalActorRef
{
    private readonly ActorSystem _system;
    private readonly TaskCompletionSource<T> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PromiseActorRef(ActorSystem system)
    {
        _system = system;
        Path = system.NewTempPath().WithUid(Random.Shared.Next(1, int.MaxValue));
        system.RegisterTempActor(this);
        _promise.Task.ContinueWith(static (_, s) => ((PromiseActorRef<T>)s!).Unregister(), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public override ActorPath Path { get; }
    public Task<T> Task => _promise.Task;
    internal override bool IsTerminated => _promise.Task.IsCompleted;

    private void Unregister() => _system.UnregisterTempActor(this);

    public override void Tell(object message, IActorRef? sender)
    {
        switch (message)
        {
            case Status.Failure failure:
                _promise.TrySetException(failure.Cause);
                break;
            case T reply:
                _promise.TrySetResult(reply);
                break;
            default:
                _promise.TrySetException(new ArgumentException(
                    $"Received message of type [{message.GetType()}] - Ask expected message of type [{typeof(T)}]"));
                break;
        }
    }

    internal override void SendSystemMessage(SystemMessage message) { }

    public void Fail(Exception e) => _promise.TrySetException(e);
    public void Cancel() => _promise.TrySetCanceled();
}

public static class Futures
{
    public static Task<object> Ask(this ICanTell self, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        self.Ask<object>(message, timeout, cancellationToken);

    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply target as sender and completes with the reply.
    /// Faults with <see cref="AskTimeoutException"/> on timeout, with the cause of a <see cref="Status.Failure"/>
    /// reply, and with <see cref="ArgumentException"/> for a reply of another type.
    /// </summary>
    public static Task<T> Ask<T>(this ICanTell self, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var system = SystemOf(self);
        var effective = timeout ?? system.Settings.AskTimeout;
        var promise = new PromiseActorRef<T>(system);
        if (effective != Timeout.InfiniteTimeSpan)
        {
            if (effective <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "Ask timeout must be positive");
            var timer = system.Scheduler.ScheduleOnce(effective, () =>
                promise.Fail(new AskTimeoutException($"Timeout after {effective.TotalSeconds} seconds waiting for a reply to {message.GetType().Name} from {Describe(self)}")));
            promise.Task.ContinueWith(static (_, t) => ((ICancelable)t!).Cancel(), timer,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(static p => ((PromiseActorRef<T>)p!).Cancel(), promise);
            promise.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        self.Tell(message, promise);
        return promise.Task;
    }

    private static string Describe(ICanTell target) => target is IActorRef r ? r.Path.ToString() : target.ToString() ?? "?";

    internal static ActorSystem SystemOf(ICanTell target) => target switch
    {
        LocalActorRef l => l.Cell.System,
        Remote.RemoteActorRef r => r.Provider.System,
        ActorSelection s => SystemOf(s.Anchor),
        _ => ActorCell.Current?.System
             ?? throw new NotSupportedException($"cannot Ask {target}: it belongs to no known actor system"),
    };
}

public static class PipeToSupport
{
    /// <summary>
    /// When the task finishes, sends its result (or <c>Status.Failure</c>) to <paramref name="recipient"/> as an
    /// ordinary message: the safe way to bring async results back into an actor.
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, ICanTell recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null) =>
        task.ContinueWith(t =>
        {
            if (t.IsFaulted || t.IsCanceled)
            {
                var cause = t.IsCanceled ? new TaskCanceledException(t) : Unwrap(t.Exception!);
                recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
            }
            else
            {
                var result = success is null ? (object?)t.Result : success(t.Result);
                if (result is not null) recipient.Tell(result, sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Ours for the non-generic task: success sends <c>success()</c> if given, otherwise nothing.</summary>
    public static Task PipeTo(this Task task, ICanTell recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null) =>
        task.ContinueWith(t =>
        {
            if (t.IsFaulted || t.IsCanceled)
            {
                var cause = t.IsCanceled ? new TaskCanceledException(t) : Unwrap(t.Exception!);
                recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
            }
            else if (success is not null)
            {
                recipient.Tell(success(), sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static Exception Unwrap(AggregateException e) => e.InnerExceptions.Count == 1 ? e.InnerExceptions[0] : e;
}

public static class GracefulStopSupport
{
    /// <summary>
    /// Sends <paramref name="stopMessage"/> (PoisonPill by default) and completes with true once the actor has
    /// terminated; faults with <see cref="TaskCanceledException"/> if that takes longer than the timeout.
    /// </summary>
    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout, object? stopMessage = null)
    {
        if (target is not InternalActorRef internalRef) throw new ArgumentException("not a runtime actor ref", nameof(target));
        var system = Futures.SystemOf(target);
        var watcher = new StopWatcher(system);
        internalRef.SendSystemMessage(new Watch(internalRef, watcher));
        target.Tell(stopMessage ?? PoisonPill.Instance, ActorRefs.NoSender);
        if (await Task.WhenAny(watcher.Stopped, Task.Delay(timeout)) != watcher.Stopped)
        {
            internalRef.SendSystemMessage(new Unwatch(internalRef, watcher));
            system.UnregisterTempActor(watcher);
            throw new TaskCanceledException($"{target.Path} did not stop within {timeout}");
        }
        return true;
    }

    private sealed class StopWatcher : MinimalActorRef
    {
        private readonly ActorSystem _system;
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StopWatcher(ActorSystem system)
        {
            _system = system;
            Path = system.NewTempPath().WithUid(Random.Shared.Next(1, int.MaxValue));
            system.RegisterTempActor(this);
        }

        public override ActorPath Path { get; }
        public Task Stopped => _stopped.Task;
        public override void Tell(object message, IActorRef? sender) { }

        internal override void SendSystemMessage(SystemMessage message)
        {
            if (message is DeathWatchNotification)
            {
                _system.UnregisterTempActor(this);
                _stopped.TrySetResult();
            }
        }
    }
}
