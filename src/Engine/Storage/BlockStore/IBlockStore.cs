namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// Immutable, content-addressed block storage (architecture.md §3). Put is idempotent: storing the same bytes
/// twice yields the same id and one copy. Implementations must be safe for concurrent use.
/// </summary>
public interface IBlockStore
{
    /// <summary>Stores <paramref name="content"/> (if not already present) and returns its address.</summary>
    BlockId Put(ReadOnlySpan<byte> content);

    /// <summary>The bytes of a block. A missing block raises SqlException XX001 (data corrupted).</summary>
    byte[] Get(BlockId id);

    bool Contains(BlockId id);

    /// <summary>Every stored block id, for garbage collection.</summary>
    IReadOnlyList<BlockId> List();

    /// <summary>Removes a block; a no-op when it is absent.</summary>
    void Delete(BlockId id);
}
