using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Storage;

/// <summary>How rows are placed on slices (Redshift's DISTSTYLE).</summary>
public enum DistStyle : byte
{
    /// <summary>ALL while the table is small (see <see cref="TableLayout.AutoAllRowLimit"/>), then EVEN.</summary>
    Auto = 0,
    /// <summary>Round-robin over slices, continuing across appends.</summary>
    Even = 1,
    /// <summary>Slice chosen by <see cref="SliceHash"/> of the DISTKEY value; equal values land together.</summary>
    Key = 2,
    /// <summary>A full copy per node. One node stores the rows once and marks the manifest replicated.</summary>
    All = 3,
}

/// <summary>One column as storage sees it: its name (for error messages), type and requested encoding.</summary>
public sealed record ColumnLayout(string Name, SqlType Type, ColumnEncoding Encoding = ColumnEncoding.Auto);

/// <summary>
/// The storage-side description of a table: what the writer needs to distribute, sort and encode rows.
/// The planner maps its catalog's table definition to this record, so storage never depends on the catalog.
/// </summary>
public sealed record TableLayout
{
    /// <summary>Default slices per node (architecture.md §3, <c>--slices-per-node</c>).</summary>
    public const int DefaultSliceCount = 2;

    /// <summary>DISTSTYLE AUTO keeps the table replicated (ALL) up to this many rows, then switches to EVEN.</summary>
    public const long AutoAllRowLimit = 100_000;

    public TableLayout(IReadOnlyList<ColumnLayout> columns, DistStyle distStyle = DistStyle.Auto, int distKeyOrdinal = -1,
        IReadOnlyList<int>? sortKeyOrdinals = null, int sliceCount = DefaultSliceCount)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (sliceCount < 1) throw new ArgumentOutOfRangeException(nameof(sliceCount), sliceCount, "at least one slice");
        if (distStyle == DistStyle.Key && (distKeyOrdinal < 0 || distKeyOrdinal >= columns.Count))
            throw new ArgumentOutOfRangeException(nameof(distKeyOrdinal), distKeyOrdinal, "DISTSTYLE KEY needs a valid distkey ordinal");
        sortKeyOrdinals ??= Array.Empty<int>();
        foreach (var ordinal in sortKeyOrdinals)
            if (ordinal < 0 || ordinal >= columns.Count) throw new ArgumentOutOfRangeException(nameof(sortKeyOrdinals), ordinal, "sort key ordinal out of range");
        Columns = columns;
        DistStyle = distStyle;
        DistKeyOrdinal = distStyle == DistStyle.Key ? distKeyOrdinal : -1;
        SortKeyOrdinals = sortKeyOrdinals;
        SliceCount = sliceCount;
    }

    public IReadOnlyList<ColumnLayout> Columns { get; }
    public DistStyle DistStyle { get; }
    /// <summary>Ordinal of the DISTKEY column for <see cref="DistStyle.Key"/>, else -1.</summary>
    public int DistKeyOrdinal { get; }
    /// <summary>Compound sort key, most significant column first; empty when unsorted.</summary>
    public IReadOnlyList<int> SortKeyOrdinals { get; }
    /// <summary>Total slices of the cluster the table lives on (nodes × slices per node).</summary>
    public int SliceCount { get; }

    public int ColumnCount => Columns.Count;

    public SqlType ColumnType(int ordinal) => Columns[ordinal].Type;
}
