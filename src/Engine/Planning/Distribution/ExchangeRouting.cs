using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage;

namespace ActorWarehouse.Engine.Planning.Distribution;

/// <summary>
/// Which consumer of a redistribution each row goes to. One key column uses <see cref="SliceHash"/>, the function
/// that placed DISTSTYLE KEY rows on slices, so a row redistributed to consumer <c>s</c> meets the stored rows of
/// slice <c>s</c> with the same key (DS_DIST_INNER / DS_DIST_OUTER). Every transport must route with this.
/// </summary>
public static class ExchangeRouting
{
    /// <summary>
    /// False for types whose equal values can differ in their stored form ('1 mon' = '30 days'; CHAR compares without
    /// trailing blanks): rows equal under SQL could hash to different slices, so nothing may rely on their placement.
    /// </summary>
    public static bool HashMatchesEquality(Types.SqlType type) => type.Id is not (Types.TypeId.Interval or Types.TypeId.Char);

    /// <summary>Writes each row's consumer into <paramref name="consumerOfRow"/>.</summary>
    public static void Route(Batch batch, IReadOnlyList<int> keyColumns, int consumers, Span<int> consumerOfRow)
    {
        int n = batch.RowCount;
        var hashes = new ulong[n];
        SliceHash.HashColumn(batch.Columns[keyColumns[0]], n, hashes);
        if (keyColumns.Count > 1)
        {
            var next = new ulong[n];
            for (int k = 1; k < keyColumns.Count; k++)
            {
                SliceHash.HashColumn(batch.Columns[keyColumns[k]], n, next);
                for (int i = 0; i < n; i++) hashes[i] = SliceHash.Mix(hashes[i] * 31 + next[i]);
            }
        }
        for (int i = 0; i < n; i++) consumerOfRow[i] = SliceHash.SliceOf(hashes[i], consumers);
    }

    /// <summary>
    /// Splits <paramref name="batch"/> by consumer: <paramref name="send"/> gets each non-empty part once, in
    /// consumer order (a counting sort of row indices, then one gather per column and part).
    /// </summary>
    public static void Split(Batch batch, IReadOnlyList<int> keyColumns, int consumers, Action<int, Batch> send)
    {
        int n = batch.RowCount;
        if (n == 0) return;
        if (consumers == 1)
        {
            send(0, batch);
            return;
        }
        var consumerOfRow = new int[n];
        Route(batch, keyColumns, consumers, consumerOfRow);
        var start = new int[consumers + 1];
        for (int i = 0; i < n; i++) start[consumerOfRow[i] + 1]++;
        for (int c = 0; c < consumers; c++) start[c + 1] += start[c];
        var order = new int[n];
        var fill = start.AsSpan(0, consumers).ToArray();
        for (int i = 0; i < n; i++) order[fill[consumerOfRow[i]]++] = i;
        for (int c = 0; c < consumers; c++)
        {
            int count = start[c + 1] - start[c];
            if (count == 0) continue;
            send(c, count == n ? batch : VectorSelection.Take(batch, order.AsSpan(start[c], count)));
        }
    }
}
