namespace ActorWarehouse.Actors.Persistence;

// Messages between persistent actors and snapshot-store actors (Akka's SnapshotProtocol).

public interface ISnapshotRequest;

public interface ISnapshotResponse;

/// <summary>Loads the youngest snapshot matching the criteria, capped at <see cref="ToSequenceNr"/>.</summary>
public sealed record LoadSnapshot(string PersistenceId, SnapshotSelectionCriteria Criteria, long ToSequenceNr) : ISnapshotRequest;

/// <summary><see cref="Snapshot"/> is null when none matched.</summary>
public sealed record LoadSnapshotResult(SelectedSnapshot? Snapshot, long ToSequenceNr) : ISnapshotResponse;

public sealed record LoadSnapshotFailed(Exception Cause) : ISnapshotResponse;

public sealed record SaveSnapshot(SnapshotMetadata Metadata, object Snapshot) : ISnapshotRequest;

/// <summary>Reply to <c>SaveSnapshot</c>, delivered to the persistent actor's command handler.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata) : ISnapshotResponse;

public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause) : ISnapshotResponse;

/// <summary>Deletes one snapshot (its timestamp must match too, unless it is <see cref="DateTime.MinValue"/>).</summary>
public sealed record DeleteSnapshot(SnapshotMetadata Metadata) : ISnapshotRequest;

public sealed record DeleteSnapshotSuccess(SnapshotMetadata Metadata) : ISnapshotResponse;

public sealed record DeleteSnapshotFailure(SnapshotMetadata Metadata, Exception Cause) : ISnapshotResponse;

/// <summary>Deletes every snapshot of the id that matches the criteria.</summary>
public sealed record DeleteSnapshots(string PersistenceId, SnapshotSelectionCriteria Criteria) : ISnapshotRequest;

public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria) : ISnapshotResponse;

public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause) : ISnapshotResponse;
