namespace ActorWarehouse.Engine.Catalog.Entries;

/// <summary>
/// A table's definition: columns and Redshift physical design (DISTSTYLE/DISTKEY/SORTKEY, slice count).
/// <paramref name="Id"/> is stable for the table's lifetime and used for write-write conflict detection.
/// </summary>
public sealed record TableDefinition(
    long Id,
    string Schema,
    string Name,
    IReadOnlyList<ColumnDefinition> Columns,
    string DistStyle,
    int DistKeyOrdinal,
    IReadOnlyList<int> SortKeyOrdinals,
    int SliceCount)
{
    /// <summary>The column's ordinal by case-sensitive (already folded) name, or -1.</summary>
    public int FindColumn(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == name) return i;
        return -1;
    }
}
