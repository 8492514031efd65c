using ActorWarehouse.Engine.Storage;

namespace ActorWarehouse.Engine.Catalog.Entries;

/// <summary>
/// A table's definition: columns and Redshift physical design (DISTSTYLE/DISTKEY/SORTKEY, slice count).
/// <paramref name="Id"/> is stable for the table's lifetime.
/// </summary>
public sealed record TableDefinition(
    long Id,
    string Schema,
    string Name,
    IReadOnlyList<ColumnDefinition> Columns,
    DistStyle DistStyle,
    int DistKeyOrdinal,
    IReadOnlyList<int> SortKeyOrdinals,
    int SliceCount)
{
    public string QualifiedName => $"{Schema}.{Name}";

    /// <summary>The column's ordinal by (already folded) name, or -1.</summary>
    public int FindColumn(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == name) return i;
        return -1;
    }

    /// <summary>What storage needs to write and scan this table.</summary>
    public TableLayout ToLayout() => new(
        Columns.Select(c => new ColumnLayout(c.Name, c.Type, c.Encoding.Length == 0 ? ColumnEncoding.Auto : ColumnEncodings.Parse(c.Encoding))).ToList(),
        DistStyle, DistKeyOrdinal, SortKeyOrdinals, SliceCount);
}
