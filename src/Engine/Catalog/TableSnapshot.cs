using ActorWarehouse.Engine.Catalog.Entries;

namespace ActorWarehouse.Engine.Catalog;

/// <summary>
/// A table as one statement sees it: its definition and its data at the statement's catalog version.
/// The storage manifest (per-slice row groups) is attached once the storage contract lands.
/// </summary>
public sealed record TableSnapshot(TableDefinition Definition, long RowCount)
{
    public string QualifiedName => $"{Definition.Schema}.{Definition.Name}";
}
