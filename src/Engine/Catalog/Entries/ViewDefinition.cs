namespace ActorWarehouse.Engine.Catalog.Entries;

/// <summary>A view: its query text (parsed and bound again at every use) and optional column names.</summary>
public sealed record ViewDefinition(long Id, string Schema, string Name, IReadOnlyList<string>? ColumnNames, string QueryText)
{
    public string QualifiedName => $"{Schema}.{Name}";
}
