using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Storage;

namespace ActorWarehouse.Engine.Catalog;

/// <summary>
/// A table as one statement sees it: its definition and its data manifest at the statement's catalog version,
/// plus the block store the manifest's blocks live in.
/// </summary>
public sealed record TableSnapshot(TableDefinition Definition, TableManifest Manifest, IBlockStore Blocks)
{
    public string QualifiedName => Definition.QualifiedName;

    public long RowCount => Manifest.RowCount;

    public TableLayout Layout => Definition.ToLayout();
}
