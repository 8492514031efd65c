using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Tests.Storage;

/// <summary>Small helpers to build vectors, batches and layouts in storage tests.</summary>
internal static class StorageTestData
{
    /// <summary>A vector of <paramref name="values"/> (null = NULL); strings come back in batch form.</summary>
    public static ColumnVector Vector<T>(SqlType type, params T?[] values)
    {
        var array = new T[values.Length];
        ValidityBitmap? validity = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                validity ??= new ValidityBitmap(values.Length);
                validity.SetNull(i);
            }
            else array[i] = values[i]!;
        }
        return StringForms.Encode(new ColumnVector<T>(type, array, values.Length, validity));
    }

    public static ColumnVector<int> Ints(params int[] values) => new(SqlType.Integer, values, values.Length);

    public static StringVector Strings(params string[] values) => StringVector.FromStrings(SqlType.Text, values);

    public static TableLayout Layout(DistStyle style, int distKey = -1, int[]? sortKey = null, int slices = 2, params (string Name, SqlType Type)[] columns) =>
        new(columns.Select(c => new ColumnLayout(c.Name, c.Type)).ToArray(), style, distKey, sortKey, slices);

    /// <summary>Every row of every slice (slice 0 only when replicated), as boxed values per row.</summary>
    public static List<object?[]> ReadAll(IBlockStore store, TableLayout layout, TableManifest manifest, ZonePredicate? predicate = null)
    {
        var scanner = TableScanner.WithoutCache(store, layout);
        var columns = Enumerable.Range(0, layout.ColumnCount).ToArray();
        var rows = new List<object?[]>();
        for (int s = 0; s < manifest.SliceCount; s++)
            foreach (var batch in scanner.Scan(manifest, s, columns, predicate))
                for (int r = 0; r < batch.RowCount; r++)
                    rows.Add(batch.Columns.Select(c => c.GetBoxed(r)).ToArray());
        return rows;
    }
}
