using System.Collections.Concurrent;
using ActorWarehouse.Actors.Dispatch;
using ActorWarehouse.Actors.Event;

namespace ActorWarehouse.Actors;

/// <summary>
/// INTERNAL API. The runtime side of one actor position: mailbox, current instance, behaviour stack, children,
/// watch sets and supervision state. Everything not marked otherwise is touched only during the actor's turn.
/// Split by concern: <c>ActorCell.Children.cs</c>, <c>ActorCell.DeathWatch.cs</c>, <c>ActorCell.Supervision.cs</c>.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? t_current;

    private readonly ActorSystem _system;
    private readonly List<Receive> _behaviors = [];
    private ActorBase? _actor;
    private ActorStash? _stash;
    private TimerScheduler? _timers;
    private ILoggingAdapter? _log;

    private TimeSpan? _receiveTimeout;
    private ICancelable? _receiveTimeoutTask;

    private Envelope _asyncEnvelope;
    private ActorSynchronizationContext? _syncContext;

    public ActorCell(ActorSystem system, ActorPath path, Props props, InternalActorRef parent, Mailbox mailbox)
    {
        _system = system;
        Props = props;
        Parent = parent;
        Mailbox = mailbox;
        Self = new LocalActorRef(this, path);
        mailbox.SetCell(this);
    }

    /// <summary>The cell whose actor is running on this thread (constructor, message or system message).</summary>
    internal static ActorCell? Current => t_current;

    public LocalActorRef Self { get; }
    IActorRef IActorContext.Self => Self;
    public InternalActorRef Parent { get; }
    IActorRef IActorContext.Parent => Parent;
    public Props Props { get; }
    public Mailbox Mailbox { get; }
    public ActorSystem System => _system;
    internal Envelope CurrentEnvelope { get; private set; }
    internal ActorBase? Actor => _actor;

    public IActorRef Sender => CurrentEnvelope.Sender ?? _system.DeadLetters;

    public void Start() => Mailbox.PostSystem(Create.Instance);

    internal void AttachActor(ActorBase actor)
    {
        _actor = actor;
        if (actor is IActorStash withStash) withStash.Stash = _stash = new ActorStash(this);
        if (actor is IWithTimers withTimers) withTimers.Timers = _timers ??= new TimerScheduler(this);
    }

    private ActorBase NewActor()
    {
        var previous = t_current;
        t_current = this;
        try
        {
            _actor = null;
            var actor = Props.NewActor();
            _behaviors.Clear();
            _behaviors.Add(actor.Receive);
            return actor;
        }
        finally
        {
            t_current = previous;
        }
    }

    // ---------------------------------------------------------------- user messages

    public void Invoke(Envelope envelope)
    {
        var previous = t_current;
        t_current = this;
        CurrentEnvelope = envelope;
        var message = envelope.Message;
        try
        {
            if (_actor is null) { SendToDeadLetters(message, envelope.Sender); return; }
            if (message is IAutoReceivedMessage) AutoReceive(message);
            else if (message is TimerMessage timer) ReceiveTimer(timer, envelope.Sender);
            else ReceiveMessage(message);
            if (_receiveTimeout is not null && message is not INotInfluenceReceiveTimeout) RescheduleReceiveTimeout();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, message);
        }
        finally
        {
            CurrentEnvelope = default;
            t_current = previous;
        }
    }

    private void ReceiveMessage(object message)
    {
        var behavior = _behaviors[^1];
        if (!behavior(message)) _actor!.HandleUnhandled(message);
    }

    private void ReceiveTimer(TimerMessage timer, IActorRef? sender)
    {
        var message = _timers?.Accept(timer);
        if (message is null) return;
        CurrentEnvelope = new Envelope(message, sender);
        if (message is IAutoReceivedMessage) AutoReceive(message);
        else ReceiveMessage(message);
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case Terminated t:
                if (AcceptTerminated(t)) ReceiveMessage(t);
                break;
            case PoisonPill:
                Stop(Self);
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                break;
            default:
                ReceiveMessage(message);
                break;
        }
    }

    // ---------------------------------------------------------------- system messages

    public void SystemInvoke(SystemMessage message)
    {
        var previous = t_current;
        t_current = this;
        try
        {
            switch (message)
            {
                case Create: HandleCreate(); break;
                case Terminate: HandleTerminate(); break;
                case Watch w: HandleWatch(w); break;
                case Unwatch u: HandleUnwatch(u); break;
                case DeathWatchNotification d: HandleDeathWatchNotification(d); break;
                case Failed f: HandleFailed(f); break;
                case Resume r: HandleResume(r); break;
                case Recreate r: HandleRecreate(r); break;
                case RunContinuation c: RunContinuationInside(c); break;
                case AsyncHandlerCompleted a: HandleAsyncCompleted(a); break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
        }
        finally
        {
            t_current = previous;
        }
    }

    /// <summary>A system message that reached a dead actor: watchers still deserve their notification.</summary>
    public void SystemInvokeAfterDeath(SystemMessage message)
    {
        if (message is Watch w && w.Watchee.Equals(Self) && !w.Watcher.Equals(Self))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: false, addressTerminated: false));
    }

    private void HandleCreate()
    {
        try
        {
            var actor = NewActor();
            actor.InvokePreStart();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e is ActorInitializationException ? e
                : new ActorInitializationException(Self, $"Exception during creation of {Self.Path}: {e.Message}", e), null);
        }
    }

    // ---------------------------------------------------------------- behaviours

    public void Become(Receive receive)
    {
        if (_behaviors.Count > 1) _behaviors[^1] = receive;
        else _behaviors.Add(receive);
    }

    public void BecomeStacked(Receive receive) => _behaviors.Add(receive);

    public void UnbecomeStacked()
    {
        if (_behaviors.Count > 1) _behaviors.RemoveAt(_behaviors.Count - 1);
    }

    // ---------------------------------------------------------------- receive timeout

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        _receiveTimeout = timeout is { } t && t > TimeSpan.Zero && t != Timeout.InfiniteTimeSpan ? t : null;
        RescheduleReceiveTimeout();
    }

    private void RescheduleReceiveTimeout()
    {
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = _receiveTimeout is { } t
            ? _system.Scheduler.ScheduleTellOnceCancelable(t, Self, Actors.ReceiveTimeout.Instance, Self)
            : null;
    }

    // ---------------------------------------------------------------- async handlers

    /// <summary>Runs a ReceiveAsync handler; while its task is pending, user messages wait.</summary>
    internal void RunAsyncHandler(Func<Task> start)
    {
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext ??= new ActorSynchronizationContext(this));
        Task task;
        try { task = start(); }
        finally { SynchronizationContext.SetSynchronizationContext(previousContext); }

        if (task.IsCompleted)
        {
            if (task.IsFaulted) global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(task.Exception!.InnerException!);
            if (task.IsCanceled) throw new TaskCanceledException(task);
            return;
        }
        Mailbox.Suspend();
        _asyncEnvelope = CurrentEnvelope;
        task.ContinueWith(static (t, state) => ((LocalActorRef)state!).SendSystemMessage(new AsyncHandlerCompleted(t)),
            Self, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void RunContinuationInside(RunContinuation continuation)
    {
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        CurrentEnvelope = _asyncEnvelope;
        try { continuation.Callback(continuation.State); }
        finally
        {
            CurrentEnvelope = default;
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }
    }

    private void HandleAsyncCompleted(AsyncHandlerCompleted completed)
    {
        var envelope = _asyncEnvelope;
        _asyncEnvelope = default;
        Mailbox.ResumeProcessing();
        var task = completed.Task;
        if (task.IsFaulted) HandleInvokeFailure(task.Exception!.InnerException!, envelope.Message);
        else if (task.IsCanceled) HandleInvokeFailure(new TaskCanceledException(task), envelope.Message);
    }

    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) =>
            cell.Self.SendSystemMessage(new RunContinuation(d, state));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("synchronous Send into an actor would deadlock");

        public override SynchronizationContext CreateCopy() => this;
    }

    // ---------------------------------------------------------------- misc

    public ILoggingAdapter GetLogger() =>
        _log ??= new BusLogging(_system.EventStream, Self.Path.ToString(), _actor?.GetType() ?? Props.Type, _system.Settings.LogLevel);

    internal void SendToDeadLetters(object message, IActorRef? sender) =>
        _system.DeadLetters.Tell(new DeadLetter(message, sender ?? _system.DeadLetters, Self), ActorRefs.NoSender);

    public ActorSelection ActorSelection(string path) => _system.SelectionFrom(Self, path);
    public ActorSelection ActorSelection(ActorPath path) => _system.ActorSelection(path);

    public override string ToString() => $"ActorCell({Self.Path})";
}
