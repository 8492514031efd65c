namespace ActorWarehouse.Engine.SystemCatalog;

/// <summary>Every system relation, in a fixed order (their OIDs derive from it: add new ones at the end).</summary>
internal static class SystemRelations
{
    public static IReadOnlyList<SystemRelation> All { get; } =
        [.. PgCatalogRelations.All(), .. PgCatalogAuxiliaryRelations.All(), .. InformationSchemaRelations.All(), .. RedshiftRelations.All()];

    private static readonly Dictionary<(string Schema, string Name), SystemRelation> ByName = All.ToDictionary(r => (r.Schema, r.Name));

    /// <summary>
    /// The relation <paramref name="schema"/>.<paramref name="name"/>; unqualified names find pg_catalog's relations (which
    /// PostgreSQL searches first) and information_schema's only when it is on the search path.
    /// </summary>
    public static SystemRelation? Find(string? schema, string name, IReadOnlyList<string> searchPath)
    {
        if (schema is not null) return ByName.GetValueOrDefault((schema, name));
        if (ByName.TryGetValue(("pg_catalog", name), out var relation)) return relation;
        return searchPath.Contains("information_schema") ? ByName.GetValueOrDefault(("information_schema", name)) : null;
    }
}
