namespace ActorWarehouse.Engine.Storage.Writing;

/// <summary>Order of a slice's pending rows under the compound sort key.</summary>
internal static class SortPermutation
{
    public static int[] Compute(IReadOnlyList<ColumnBuilder> sortColumns, int count)
    {
        var permutation = new int[count];
        for (int i = 0; i < count; i++) permutation[i] = i;
        if (sortColumns.Count == 0 || count < 2) return permutation;

        if (sortColumns.Count == 1 && sortColumns[0].TryWidenToLongs() is { } keys)
        {
            Array.Sort(keys, permutation);
            return permutation;
        }

        var columns = sortColumns.ToArray();
        Array.Sort(permutation, (a, b) =>
        {
            foreach (var column in columns)
            {
                int c = column.CompareRows(a, b);
                if (c != 0) return c;
            }
            return a.CompareTo(b); // ties keep arrival order, so the result is deterministic
        });
        return permutation;
    }
}
