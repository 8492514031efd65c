using System.Collections.Immutable;
using ActorWarehouse.Engine.Catalog.Entries;

namespace ActorWarehouse.Engine.Catalog;

/// <summary>
/// One immutable version of the catalog: schemas, tables (definition + data manifest) and views. Keys are
/// "schema.name" with names as folded by the parser. A transaction works on a private copy derived from the
/// version it started at; committing publishes a new version (see Transactions).
/// </summary>
public sealed record CatalogVersion(
    long Version,
    long NextObjectId,
    ImmutableSortedSet<string> Schemas,
    ImmutableSortedDictionary<string, TableEntry> Tables,
    ImmutableSortedDictionary<string, ViewDefinition> Views)
{
    public const string DefaultSchema = "public";

    /// <summary>Schemas that always exist and hold system views only.</summary>
    public static readonly IReadOnlySet<string> ReservedSchemas = new HashSet<string>(StringComparer.Ordinal) { "pg_catalog", "information_schema" };

    public static CatalogVersion Initial { get; } = new(
        0, 1,
        ImmutableSortedSet.Create(StringComparer.Ordinal, DefaultSchema),
        ImmutableSortedDictionary.Create<string, TableEntry>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, ViewDefinition>(StringComparer.Ordinal));

    /// <summary>Sequences by "schema.name".</summary>
    public ImmutableSortedDictionary<string, SequenceDefinition> Sequences { get; init; } =
        ImmutableSortedDictionary.Create<string, SequenceDefinition>(StringComparer.Ordinal);

    /// <summary>
    /// Persisted sequence positions by sequence id. Written by their own small commits after a statement used
    /// nextval/setval (increments survive a rollback, as in PostgreSQL), so user transactions never conflict on them.
    /// </summary>
    public ImmutableSortedDictionary<long, SequenceValue> SequenceValues { get; init; } = ImmutableSortedDictionary<long, SequenceValue>.Empty;

    /// <summary>Users by name (case-sensitive as created).</summary>
    public ImmutableSortedDictionary<string, Security.UserAccount> Users { get; init; } =
        ImmutableSortedDictionary.Create<string, Security.UserAccount>(StringComparer.Ordinal);

    public CatalogVersion WithUser(Security.UserAccount user) => this with { Users = Users.SetItem(user.Name, user) };

    public CatalogVersion WithoutUser(string name) => this with { Users = Users.Remove(name) };

    public static string Key(string schema, string name) => schema + "." + name;

    public bool SchemaExists(string schema) => Schemas.Contains(schema) || ReservedSchemas.Contains(schema);

    public TableEntry? FindTable(string schema, string name) => Tables.GetValueOrDefault(Key(schema, name));

    public ViewDefinition? FindView(string schema, string name) => Views.GetValueOrDefault(Key(schema, name));

    public CatalogVersion WithTable(TableEntry entry) => this with { Tables = Tables.SetItem(entry.Definition.QualifiedName, entry) };

    public CatalogVersion WithoutTable(string schema, string name) => this with { Tables = Tables.Remove(Key(schema, name)) };

    public SequenceDefinition? FindSequence(string schema, string name) => Sequences.GetValueOrDefault(Key(schema, name));

    public CatalogVersion WithSequence(SequenceDefinition sequence) => this with { Sequences = Sequences.SetItem(sequence.QualifiedName, sequence) };

    public CatalogVersion WithoutSequence(string schema, string name) => this with { Sequences = Sequences.Remove(Key(schema, name)) };

    public CatalogVersion WithView(ViewDefinition view) => this with { Views = Views.SetItem(view.QualifiedName, view) };

    public CatalogVersion WithoutView(string schema, string name) => this with { Views = Views.Remove(Key(schema, name)) };

    /// <summary>Hands out a new object id (tables, views) in the returned version.</summary>
    public (CatalogVersion Version, long Id) AllocateId() => (this with { NextObjectId = NextObjectId + 1 }, NextObjectId);
}
