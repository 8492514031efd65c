using ActorWarehouse.Engine.Catalog;

namespace ActorWarehouse.Engine.Transactions;

/// <summary>Names of catalog objects for conflict detection: "schema:s", "table:s.n", "view:s.n", "sequence:s.n", "seqvalue:id", "user:name".</summary>
public static class CatalogKeys
{
    public static string Schema(string schema) => "schema:" + schema;

    public static string Table(string schema, string name) => "table:" + CatalogVersion.Key(schema, name);

    public static string View(string schema, string name) => "view:" + CatalogVersion.Key(schema, name);

    public static string Sequence(string schema, string name) => "sequence:" + CatalogVersion.Key(schema, name);

    /// <summary>A sequence's persisted position (by id), written apart from its definition.</summary>
    public static string SequenceValue(long id) => "seqvalue:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A user (by name).</summary>
    public static string User(string name) => "user:" + name;

    /// <summary>The object a key names in <paramref name="catalog"/> (null when absent), compared by reference.</summary>
    public static object? Lookup(CatalogVersion catalog, string key)
    {
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        var kind = key[..colon];
        var name = key[(colon + 1)..];
        return kind switch
        {
            "schema" => catalog.Schemas.Contains(name) ? name : null,
            "table" => catalog.Tables.GetValueOrDefault(name),
            "sequence" => catalog.Sequences.GetValueOrDefault(name),
            "user" => catalog.Users.GetValueOrDefault(name),
            "seqvalue" => catalog.SequenceValues.GetValueOrDefault(long.Parse(name, System.Globalization.CultureInfo.InvariantCulture)),
            _ => catalog.Views.GetValueOrDefault(name),
        };
    }

    /// <summary>Copies the object named by <paramref name="key"/> from <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static CatalogVersion Copy(CatalogVersion target, CatalogVersion source, string key)
    {
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        var kind = key[..colon];
        var name = key[(colon + 1)..];
        switch (kind)
        {
            case "schema":
                return target with { Schemas = source.Schemas.Contains(name) ? target.Schemas.Add(name) : target.Schemas.Remove(name) };
            case "table":
                return source.Tables.TryGetValue(name, out var table)
                    ? target with { Tables = target.Tables.SetItem(name, table) }
                    : target with { Tables = target.Tables.Remove(name) };
            case "sequence":
                return source.Sequences.TryGetValue(name, out var sequence)
                    ? target with { Sequences = target.Sequences.SetItem(name, sequence) }
                    : target with { Sequences = target.Sequences.Remove(name) };
            case "user":
                return source.Users.TryGetValue(name, out var user)
                    ? target with { Users = target.Users.SetItem(name, user) }
                    : target with { Users = target.Users.Remove(name) };
            case "seqvalue":
            {
                long id = long.Parse(name, System.Globalization.CultureInfo.InvariantCulture);
                return source.SequenceValues.TryGetValue(id, out var value)
                    ? target with { SequenceValues = target.SequenceValues.SetItem(id, value) }
                    : target with { SequenceValues = target.SequenceValues.Remove(id) };
            }
            default:
                return source.Views.TryGetValue(name, out var view)
                    ? target with { Views = target.Views.SetItem(name, view) }
                    : target with { Views = target.Views.Remove(name) };
        }
    }
}
