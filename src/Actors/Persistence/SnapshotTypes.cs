namespace ActorWarehouse.Actors.Persistence;

/// <summary>Identifies a snapshot: whose, at which sequence number, taken when (UTC).</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTime Timestamp)
{
    public SnapshotMetadata(string persistenceId, long sequenceNr) : this(persistenceId, sequenceNr, DateTime.MinValue) { }
}

/// <summary>
/// Which snapshots qualify: sequence number in [MinSequenceNr, MaxSequenceNr] and timestamp in
/// [MinTimestamp, MaxTimeStamp]. Loading picks the youngest (highest sequence number) that qualifies.
/// </summary>
public sealed record SnapshotSelectionCriteria(long MaxSequenceNr, DateTime MaxTimeStamp, long MinSequenceNr = 0, DateTime? MinTimestamp = null)
{
    public SnapshotSelectionCriteria(long maxSequenceNr) : this(maxSequenceNr, DateTime.MaxValue) { }

    /// <summary>Any snapshot: the latest one is loaded.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, DateTime.MaxValue);

    /// <summary>No snapshot at all.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0L, DateTime.MinValue);

    /// <summary>The same criteria, capped at <paramref name="toSequenceNr"/>.</summary>
    public SnapshotSelectionCriteria Limit(long toSequenceNr) =>
        toSequenceNr < MaxSequenceNr ? this with { MaxSequenceNr = toSequenceNr } : this;

    public bool IsMatch(SnapshotMetadata metadata) =>
        metadata.SequenceNr <= MaxSequenceNr && metadata.Timestamp <= MaxTimeStamp &&
        metadata.SequenceNr >= MinSequenceNr && metadata.Timestamp >= (MinTimestamp ?? DateTime.MinValue);
}

/// <summary>A loaded snapshot with its metadata.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Given to the recover handler first when recovery starts from a snapshot.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>
/// How a persistent actor recovers: from the snapshot selected by <see cref="FromSnapshot"/>, then events up to
/// <see cref="ToSequenceNr"/>, at most <see cref="ReplayMax"/> of them.
/// </summary>
public sealed record Recovery(SnapshotSelectionCriteria FromSnapshot, long ToSequenceNr = long.MaxValue, long ReplayMax = long.MaxValue)
{
    public Recovery() : this(SnapshotSelectionCriteria.Latest) { }

    /// <summary>Latest snapshot plus every later event.</summary>
    public static Recovery Default { get; } = new(SnapshotSelectionCriteria.Latest);

    /// <summary>
    /// No snapshot and no replay; the journal is still asked for the highest sequence number so that new events
    /// continue the numbering.
    /// </summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, 0L);
}

/// <summary>Recovery produced no message within <c>recovery-event-timeout</c>.</summary>
public sealed class RecoveryTimedOutException(string message) : Exception(message);
