using ActorWarehouse.Engine.Storage;

namespace ActorWarehouse.Engine.Catalog.Entries;

/// <summary>
/// A table at one catalog version: definition, data manifest and, per column, the next IDENTITY value
/// (0 for columns without IDENTITY). Immutable: a change makes a new entry.
/// </summary>
public sealed record TableEntry(TableDefinition Definition, TableManifest Manifest, IReadOnlyList<long> IdentityNext)
{
    public long RowCount => Manifest.RowCount;
}
