using ActorWarehouse.Engine.Columnar;

namespace ActorWarehouse.Engine.Execution.Operators.Sort;

/// <summary>
/// Fast path for ORDER BY one numeric key: sorts (key, row) pairs with a struct comparer the JIT specialises,
/// instead of comparing rows through <see cref="RowComparer"/>. NULL rows keep input order at the chosen end;
/// ties keep input order (the row index breaks them), so the result equals the general stable sort.
/// </summary>
internal static class SingleKeySort
{
    public static bool TrySort(ColumnVector column, SortKey key, int[] permutation) => column switch
    {
        ColumnVector<int> v => Sort(v, key, permutation),
        ColumnVector<long> v => Sort(v, key, permutation),
        ColumnVector<double> v => Sort(v, key, permutation),
        ColumnVector<short> v => Sort(v, key, permutation),
        _ => false,
    };

    private static bool Sort<T>(ColumnVector<T> column, SortKey key, int[] permutation) where T : struct
    {
        int n = column.Length;
        var values = column.Values;
        var validity = column.Validity;
        var pairs = new Entry<T>[n];
        var nulls = new List<int>();
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            if (validity is not null && !validity.IsValid(i))
            {
                nulls.Add(i);
                continue;
            }
            pairs[count++] = new Entry<T>(values[i], i);
        }
        var span = pairs.AsSpan(0, count);
        if (key.Descending) span.Sort(new Descending<T>());
        else span.Sort(new Ascending<T>());
        int position = 0;
        if (key.NullsFirst)
            foreach (int row in nulls) permutation[position++] = row;
        for (int i = 0; i < count; i++) permutation[position++] = span[i].Row;
        if (!key.NullsFirst)
            foreach (int row in nulls) permutation[position++] = row;
        return true;
    }

    private readonly record struct Entry<T>(T Key, int Row);

    private readonly struct Ascending<T> : IComparer<Entry<T>>
    {
        public int Compare(Entry<T> a, Entry<T> b)
        {
            int c = ValueOrder.Compare(a.Key, b.Key);
            return c != 0 ? c : a.Row.CompareTo(b.Row);
        }
    }

    private readonly struct Descending<T> : IComparer<Entry<T>>
    {
        public int Compare(Entry<T> a, Entry<T> b)
        {
            int c = ValueOrder.Compare(b.Key, a.Key);
            return c != 0 ? c : a.Row.CompareTo(b.Row);
        }
    }
}
