using ActorWarehouse.Actors.Dispatch;

namespace ActorWarehouse.Actors;

internal sealed partial class ActorCell
{
    // Actors this one watches (it gets one Terminated for each) and actors watching this one.
    private readonly HashSet<IActorRef> _watching = [];
    private readonly HashSet<InternalActorRef> _watchedBy = [];
    // Terminated notifications sitting in the mailbox, and those Unwatch revoked while queued (dropped on arrival).
    // By reference: a Terminated that a user forwards is an ordinary message.
    private readonly Dictionary<IActorRef, Terminated> _terminatedQueued = [];
    private readonly HashSet<object> _terminatedRevoked = new(ReferenceEqualityComparer.Instance);

    /// <summary>False for a Terminated that Unwatch has revoked while it was queued.</summary>
    private bool AcceptTerminated(Terminated t)
    {
        if (_terminatedRevoked.Count > 0 && _terminatedRevoked.Remove(t)) return false;
        if (_terminatedQueued.TryGetValue(t.ActorRef, out var queued) && ReferenceEquals(queued, t)) _terminatedQueued.Remove(t.ActorRef);
        return true;
    }

    public IActorRef Watch(IActorRef subject)
    {
        if (subject is not InternalActorRef target || target.Equals(Self)) return subject;
        if (_watching.Add(target)) target.SendSystemMessage(new Watch(target, Self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (subject is not InternalActorRef target || target.Equals(Self)) return subject;
        if (_watching.Remove(target))
        {
            target.SendSystemMessage(new Unwatch(target, Self));
        }
        // No Terminated may arrive after Unwatch, even one already queued.
        if (_terminatedQueued.Remove(target, out var revoked)) _terminatedRevoked.Add(revoked);
        return subject;
    }

    private void HandleWatch(Watch watch)
    {
        if (!watch.Watchee.Equals(Self) || watch.Watcher.Equals(Self)) return;
        if (_isTerminated)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: false, addressTerminated: false));
        else
            _watchedBy.Add(watch.Watcher);
    }

    private void HandleUnwatch(Unwatch unwatch)
    {
        if (unwatch.Watchee.Equals(Self)) _watchedBy.Remove(unwatch.Watcher);
    }

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        var dead = notification.Actor;
        bool wasChild = _children.TryGetValue(dead.Path.Name, out var child) && child.Equals(dead)
            && _children.TryRemove(dead.Path.Name, out _);
        if (wasChild)
        {
            _childrenStopping.Remove(dead);
            _childStats.Remove(dead);
        }

        if (_watching.Remove(dead) && !_terminating)
        {
            // Queued behind whatever the dead actor sent us before it stopped (those are already enqueued).
            var terminated = new Terminated(dead, notification.ExistenceConfirmed, notification.AddressTerminated);
            _terminatedQueued[dead] = terminated;
            Mailbox.EnqueueInternal(new Envelope(terminated, dead));
        }

        if (wasChild)
        {
            if (_terminating) { if (_children.IsEmpty) FinishTerminate(); }
            else if (_pendingRecreate is not null && _childrenStopping.Count == 0) FinishRecreate();
        }
    }

    /// <summary>Unwatches everything, then tells every watcher and the parent that this actor has stopped.</summary>
    private void TellWatchersWeDied()
    {
        foreach (var watchee in _watching)
            if (watchee is InternalActorRef w) w.SendSystemMessage(new Unwatch(w, Self));
        _watching.Clear();

        bool parentNotified = false;
        foreach (var watcher in _watchedBy)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
            if (watcher.Equals(Parent)) parentNotified = true;
        }
        _watchedBy.Clear();
        if (!parentNotified)
            Parent.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
    }
}
