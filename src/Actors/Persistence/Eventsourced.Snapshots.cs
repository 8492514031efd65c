namespace ActorWarehouse.Actors.Persistence;

public abstract partial class Eventsourced
{
    /// <summary>
    /// Saves <paramref name="snapshot"/> at <see cref="SnapshotSequenceNr"/>; the command handler later receives
    /// <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.
    /// </summary>
    public void SaveSnapshot(object snapshot) =>
        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, SnapshotSequenceNr), snapshot), Self);

    /// <summary>Deletes the snapshot at <paramref name="sequenceNr"/> → <see cref="DeleteSnapshotSuccess"/> / <see cref="DeleteSnapshotFailure"/>.</summary>
    public void DeleteSnapshot(long sequenceNr) =>
        SnapshotStore.Tell(new DeleteSnapshot(new SnapshotMetadata(PersistenceId, sequenceNr)), Self);

    /// <summary>Deletes every matching snapshot → <see cref="DeleteSnapshotsSuccess"/> / <see cref="DeleteSnapshotsFailure"/>.</summary>
    public void DeleteSnapshots(SnapshotSelectionCriteria criteria) =>
        SnapshotStore.Tell(new DeleteSnapshots(PersistenceId, criteria), Self);
}
