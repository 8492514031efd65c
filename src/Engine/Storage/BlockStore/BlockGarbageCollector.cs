namespace ActorWarehouse.Engine.Storage;

/// <summary>
/// VACUUM's garbage collection: deletes blocks that no live manifest references. The caller passes the
/// manifests of every catalog version still readable (and of any transaction in flight), since a block
/// written by an uncommitted writer is otherwise indistinguishable from garbage.
/// </summary>
public static class BlockGarbageCollector
{
    /// <summary>Deletes unreferenced blocks; returns how many were removed.</summary>
    public static int Collect(IBlockStore store, IEnumerable<TableManifest> liveManifests)
    {
        var live = new HashSet<BlockId>();
        foreach (var manifest in liveManifests)
            foreach (var id in manifest.BlockIds()) live.Add(id);
        int removed = 0;
        foreach (var id in store.List())
        {
            if (live.Contains(id)) continue;
            store.Delete(id);
            removed++;
        }
        return removed;
    }
}
