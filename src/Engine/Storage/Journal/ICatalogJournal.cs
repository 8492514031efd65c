namespace ActorWarehouse.Engine.Storage;

/// <summary>A committed catalog version and its opaque payload (the planner's serialized catalog).</summary>
public sealed record CatalogRecord(long Version, byte[] Payload);

/// <summary>
/// Durable, versioned store of catalog payloads (architecture.md §4). Versions start at 1 and grow by one per
/// commit. A commit is all or nothing: after a crash at any point, <see cref="ReadCurrent"/> returns the last
/// version whose <see cref="Commit"/> returned. Single writer per journal; readers may run concurrently.
/// </summary>
public interface ICatalogJournal : IDisposable
{
    /// <summary>The last committed version, 0 when nothing was committed yet.</summary>
    long CurrentVersion { get; }

    /// <summary>The last committed version and payload, or null for an empty journal.</summary>
    CatalogRecord? ReadCurrent();

    /// <summary>The payload of an older version still retained, or null when it was pruned or never existed.</summary>
    byte[]? ReadVersion(long version);

    /// <summary>
    /// Commits <paramref name="payload"/> as version <paramref name="expectedCurrentVersion"/> + 1 and returns it.
    /// When another commit got there first, raises SqlException 40001 (serialization failure) and changes nothing.
    /// </summary>
    long Commit(long expectedCurrentVersion, ReadOnlySpan<byte> payload);

    /// <summary>Versions still retained, ascending.</summary>
    IReadOnlyList<long> Versions();

    /// <summary>Forgets versions older than <paramref name="oldestToKeep"/> (never the current one).</summary>
    void Prune(long oldestToKeep);
}
