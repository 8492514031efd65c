using ActorWarehouse.Actors.Dispatch;
using ActorWarehouse.Actors.Event;

namespace ActorWarehouse.Actors;

internal sealed partial class ActorCell
{
    private readonly Dictionary<IActorRef, ChildRestartStats> _childStats = [];
    private volatile bool _terminating;
    private volatile bool _isTerminated;
    private bool _failed;
    private object? _failedMessage;
    private Exception? _pendingRecreate;
    private TaskCompletionSource? _terminatedSignal;

    internal bool IsTerminated => _isTerminated;
    internal bool IsTerminating => _terminating;

    /// <summary>Completes when the actor has fully stopped (after PostStop and its children).</summary>
    internal Task WhenTerminated
    {
        get
        {
            var tcs = _terminatedSignal;
            if (tcs is null)
            {
                Interlocked.CompareExchange(ref _terminatedSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
                tcs = _terminatedSignal!;
            }
            if (_isTerminated) tcs.TrySetResult();
            return tcs.Task;
        }
    }

    /// <summary>The actor threw: suspend, remember the message and let the parent decide.</summary>
    private void HandleInvokeFailure(Exception cause, object? message)
    {
        if (_terminating)
        {
            GetLogger().Error(cause, "exception while stopping {0}", Self.Path);
            return;
        }
        if (!_failed)
        {
            _failed = true;
            Mailbox.Suspend();
        }
        _failedMessage = message;
        Parent.SendSystemMessage(new Failed(Self, cause, Self.Path.Uid));
    }

    private void HandleFailed(Failed failed)
    {
        if (!_children.TryGetValue(failed.Child.Path.Name, out var child) || child.Path.Uid != failed.Uid) return;
        var strategy = _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        Directive directive;
        try { directive = strategy.Decider(failed.Cause); }
        catch (Exception) { directive = Directive.Escalate; }

        if (directive == Directive.Restart)
        {
            if (!_childStats.TryGetValue(child, out var stats)) _childStats[child] = stats = new ChildRestartStats();
            if (!stats.RequestRestartPermission(strategy.MaxNumberOfRetries, strategy.WithinTimeRange)) directive = Directive.Stop;
        }

        if (strategy.LoggingEnabled && directive != Directive.Escalate)
        {
            var log = new BusLogging(_system.EventStream, child.Path.ToString(), Props.Type, _system.Settings.LogLevel);
            if (directive == Directive.Resume) log.Warning(failed.Cause, "{0}", failed.Cause.Message);
            else log.Error(failed.Cause, "{0}", failed.Cause.Message);
        }

        var targets = strategy.AppliesToAllChildren ? _children.Values.ToList() : [child];
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new Resume(failed.Cause));
                break;
            case Directive.Restart:
                foreach (var t in targets) t.SendSystemMessage(new Recreate(failed.Cause));
                break;
            case Directive.Stop:
                foreach (var t in targets) Stop(t);
                break;
            case Directive.Escalate:
                HandleInvokeFailure(failed.Cause, _failedMessage);
                break;
        }
    }

    private void HandleResume(Resume resume)
    {
        if (!_failed) return;
        _failed = false;
        _failedMessage = null;
        Mailbox.ResumeProcessing();
    }

    private void HandleRecreate(Recreate recreate)
    {
        if (_terminating) return;
        var failedActor = _actor;
        if (failedActor is not null)
        {
            var previousEnvelope = CurrentEnvelope;
            try { failedActor.InvokePreRestart(recreate.Cause, _failedMessage); }
            catch (Exception e) { GetLogger().Error(e, "PreRestart of {0} failed", Self.Path); }
            finally { CurrentEnvelope = previousEnvelope; }
        }
        _timers?.CancelAll();
        _receiveTimeout = null;
        _receiveTimeoutTask?.Cancel();
        _stash?.UnstashAllForRestart();
        _failedMessage = null;
        _pendingRecreate = recreate.Cause;
        // The new incarnation starts only when the children the old one stopped are gone (names become free).
        if (_childrenStopping.Count == 0) FinishRecreate();
    }

    private void FinishRecreate()
    {
        var cause = _pendingRecreate!;
        _pendingRecreate = null;
        try
        {
            var actor = NewActor();
            actor.InvokePostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(Self, $"Exception during restart of {Self.Path}: {e.Message}", e), null);
            return;
        }
        if (_failed)
        {
            _failed = false;
            Mailbox.ResumeProcessing();
        }
    }

    private void HandleTerminate()
    {
        if (_terminating) return;
        _terminating = true;
        _receiveTimeoutTask?.Cancel();
        _timers?.CancelAll();
        Mailbox.Suspend();
        if (_children.IsEmpty)
        {
            FinishTerminate();
            return;
        }
        foreach (var child in _children.Values)
        {
            _childrenStopping.Add(child);
            child.SendSystemMessage(Terminate.Instance);
        }
    }

    private void FinishTerminate()
    {
        if (_isTerminated) return;
        var actor = _actor;
        try { actor?.InvokePostStop(); }
        catch (Exception e) { GetLogger().Error(e, "PostStop of {0} failed", Self.Path); }
        _isTerminated = true;
        Mailbox.Close();
        TellWatchersWeDied();
        _actor = null;
        _behaviors.Clear();
        _stash?.ClearStash();
        _terminatedSignal?.TrySetResult();
        _system.OnActorTerminated(this);
    }
}
