using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Execution.Hashing;

/// <summary>Hashes whole rows over several key columns (NULL hashes to a constant), column by column.</summary>
public static class RowHasher
{
    public static void Hash(IReadOnlyList<ColumnVector> keys, int rowCount, Span<ulong> hashes)
    {
        if (keys.Count == 0)
        {
            hashes[..rowCount].Clear();
            return;
        }
        for (int k = 0; k < keys.Count; k++) KeyColumn.Create(keys[k].Type).Hash(keys[k], hashes, rowCount, k == 0);
    }
}
