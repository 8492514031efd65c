namespace ActorWarehouse.Actors.Persistence;

public abstract partial class Eventsourced
{
    private IActorRef? _journal;
    private IActorRef? _snapshotStore;
    private Recovery _recovery = Recovery.Default;
    private TimeSpan _recoveryEventTimeout;
    private bool _recoveryProgress;
    private bool _holdsPermit;

    /// <summary>The journal actor of this persistent actor (resolved when recovery starts).</summary>
    public IActorRef Journal => _journal ??= _persistence.JournalFor(JournalPluginId);

    /// <summary>The snapshot-store actor of this persistent actor (resolved when recovery starts).</summary>
    public IActorRef SnapshotStore => _snapshotStore ??= _persistence.SnapshotStoreFor(SnapshotPluginId);

    // ---------------------------------------------------------------- 1. wait for the first message, then a permit

    private void WaitingStart(object message)
    {
        if (message is not StartRecovery) { StashInternally(); return; }
        try
        {
            if (string.IsNullOrEmpty(PersistenceId)) throw new InvalidOperationException($"{GetType().Name}: PersistenceId must not be empty");
            _recovery = Recovery;
            _ = Journal;
            _ = SnapshotStore;
            _recoveryEventTimeout = _persistence.RecoveryEventTimeout(JournalPluginId);
        }
        catch (Exception e)
        {
            FailRecovery(e, null);
            return;
        }
        _phase = Phase.WaitingRecoveryPermit;
        _persistence.RecoveryPermitter().Tell(RequestRecoveryPermit.Instance, Self);
    }

    private void WaitingRecoveryPermit(object message)
    {
        if (message is not RecoveryPermitGranted) { StashInternally(); return; }
        _holdsPermit = true;
        _phase = Phase.LoadingSnapshot;
        ScheduleRecoveryTick();
        if (_recovery.FromSnapshot == SnapshotSelectionCriteria.None)
            Self.Tell(new LoadSnapshotResult(null, _recovery.ToSequenceNr), Self);
        else
            SnapshotStore.Tell(new LoadSnapshot(PersistenceId, _recovery.FromSnapshot, _recovery.ToSequenceNr), Self);
    }

    // ---------------------------------------------------------------- 2. snapshot

    private void LoadingSnapshot(object message)
    {
        switch (message)
        {
            case LoadSnapshotResult result:
                _recoveryProgress = true;
                if (result.Snapshot is { } selected)
                {
                    LastSequenceNr = selected.Metadata.SequenceNr;
                    _sequenceNr = LastSequenceNr;
                    var offer = new SnapshotOffer(selected.Metadata, selected.Snapshot);
                    if (!TryRecover(offer)) return;
                }
                _phase = Phase.Replaying;
                Journal.Tell(new ReplayMessages(LastSequenceNr + 1, result.ToSequenceNr, _recovery.ReplayMax, PersistenceId, Self), Self);
                return;
            case LoadSnapshotFailed failed:
                FailRecovery(failed.Cause, null);
                return;
            case RecoveryTick tick:
                if (tick.InstanceId == _instanceId) CheckRecoveryProgress("snapshot");
                return;
            default:
                StashInternally();
                return;
        }
    }

    // ---------------------------------------------------------------- 3. replay

    private void Replaying(object message)
    {
        switch (message)
        {
            case ReplayedMessage replayed:
                _recoveryProgress = true;
                LastSequenceNr = replayed.Persistent.SequenceNr;
                _sequenceNr = LastSequenceNr;
                TryRecover(replayed.Persistent.Payload);
                return;
            case RecoverySuccess success:
                FinishRecovery(success.HighestSequenceNr);
                return;
            case ReplayMessagesFailure failure:
                FailRecovery(failure.Cause, null);
                return;
            case RecoveryTick tick:
                if (tick.InstanceId == _instanceId) CheckRecoveryProgress("replayed event");
                return;
            default:
                StashInternally();
                return;
        }
    }

    private bool TryRecover(object payload)
    {
        try
        {
            ReceiveRecover(payload);
            return true;
        }
        catch (Exception e)
        {
            FailRecovery(e, payload);
            return false;
        }
    }

    private void FinishRecovery(long highestSequenceNr)
    {
        long highest = Math.Max(highestSequenceNr, LastSequenceNr);
        _sequenceNr = highest;
        LastSequenceNr = highest;
        _phase = Phase.ProcessingCommands;
        ReturnPermit();
        try
        {
            ReceiveRecover(RecoveryCompleted.Instance);
        }
        finally
        {
            // Events persisted from the RecoveryCompleted handler are written like a command's.
            FlushBatch();
            if (_pendingStashingPersistInvocations > 0) _phase = Phase.PersistingEvents;
            else _internalStash.UnstashAll();
        }
    }

    private void FailRecovery(Exception cause, object? message)
    {
        _phase = Phase.Failed;
        ReturnPermit();
        try { OnRecoveryFailure(cause, message); }
        finally { Context.Stop(Self); }
    }

    private void ReturnPermit()
    {
        if (!_holdsPermit) return;
        _holdsPermit = false;
        _persistence.RecoveryPermitter().Tell(ReturnRecoveryPermit.Instance, Self);
    }

    private void ScheduleRecoveryTick()
    {
        if (_recoveryEventTimeout <= TimeSpan.Zero || _recoveryEventTimeout == Timeout.InfiniteTimeSpan) return;
        Context.System.Scheduler.ScheduleTellOnce(_recoveryEventTimeout, Self, new RecoveryTick(_instanceId), Self);
    }

    private void CheckRecoveryProgress(string waitingFor)
    {
        if (_recoveryProgress)
        {
            _recoveryProgress = false;
            ScheduleRecoveryTick();
            return;
        }
        FailRecovery(new RecoveryTimedOutException(
            $"Recovery timed out, didn't get {waitingFor} within {_recoveryEventTimeout} for persistenceId [{PersistenceId}]"), null);
    }
}
