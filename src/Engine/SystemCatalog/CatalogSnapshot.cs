using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Security;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.SystemCatalog;

/// <summary>A schema as pg_namespace shows it.</summary>
internal sealed record NamespaceInfo(int Oid, string Name);

/// <summary>A relation column as pg_attribute shows it.</summary>
internal sealed record AttributeInfo(string Name, SqlType Type, int TypeOid, int TypeModifier, bool NotNull, string? Default,
    bool IsDistKey = false, int SortKeyOrdinal = 0, string Encoding = "none");

/// <summary>A relation as pg_class shows it: a user table ('r'), view ('v'), sequence ('S') or a system relation.</summary>
internal sealed class RelationInfo
{
    private readonly Lazy<IReadOnlyList<AttributeInfo>> _columns;

    public RelationInfo(int oid, string schema, string name, int namespaceOid, char kind, Func<IReadOnlyList<AttributeInfo>> columns)
    {
        Oid = oid;
        Schema = schema;
        Name = name;
        NamespaceOid = namespaceOid;
        Kind = kind;
        _columns = new Lazy<IReadOnlyList<AttributeInfo>>(columns);
    }

    public int Oid { get; }
    public string Schema { get; }
    public string Name { get; }
    public int NamespaceOid { get; }
    public char Kind { get; }

    /// <summary>Columns (computed on first use: a view's come from binding its query).</summary>
    public IReadOnlyList<AttributeInfo> Columns => _columns.Value;

    public TableEntry? Table { get; init; }
    public ViewDefinition? View { get; init; }
    public SystemRelation? System { get; init; }
}

/// <summary>A role as pg_authid shows it.</summary>
internal sealed record RoleInfo(int Oid, string Name, bool Superuser, bool CreateDb, bool CanLogin, int ConnectionLimit, string? ValidUntil,
    string? Password);

/// <summary>
/// The catalog as the pg_catalog / information_schema / Redshift system relations see it during one statement: one
/// catalog version plus the session's identity and search path. OIDs are stable across sessions and restarts:
/// built-in types and schemas keep PostgreSQL's (pg_catalog 11, public 2200), user relations are 100000 + their
/// object id, other schemas hash their name, roles are user ids (Redshift's internal superuser rdsdb is 1).
/// </summary>
internal sealed class CatalogSnapshot
{
    public const int PgCatalogOid = 11;
    public const int PublicOid = 2200;
    public const int InformationSchemaOid = 14000;
    public const int DatabaseOid = 16384;
    public const int RelationOidBase = 100_000;
    public const int SystemRelationOidBase = 10_000;
    public const int InternalSuperuserOid = 1;
    public const string InternalSuperuser = "rdsdb";

    private readonly Dictionary<int, RelationInfo> _relationsByOid = new();
    private readonly Dictionary<(string Schema, string Name), RelationInfo> _relationsByName = new();
    private readonly Dictionary<string, NamespaceInfo> _namespacesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<int, RoleInfo> _rolesByOid = new();

    public CatalogSnapshot(CatalogVersion catalog, Session session, IReadOnlyList<string> searchPath,
        Func<ViewDefinition, IReadOnlyList<(string Name, SqlType Type)>> describeView)
    {
        Catalog = catalog;
        Session = session;
        SearchPath = searchPath;
        var namespaces = new List<NamespaceInfo>
        {
            new(PgCatalogOid, "pg_catalog"),
            new(InformationSchemaOid, "information_schema"),
        };
        foreach (var schema in catalog.Schemas) namespaces.Add(new NamespaceInfo(SchemaOid(schema), schema));
        Namespaces = namespaces.OrderBy(n => n.Oid).ToList();
        foreach (var n in Namespaces) _namespacesByName[n.Name] = n;

        var relations = new List<RelationInfo>();
        var index = 0;
        foreach (var system in SystemRelations.All)
        {
            var relation = system;
            relations.Add(new RelationInfo(SystemRelationOidBase + index++, relation.Schema, relation.Name, SchemaOid(relation.Schema), relation.Kind,
                () => relation.Columns.Select(c => new AttributeInfo(c.Name, c.Type, c.TypeOid, -1, false, null)).ToList())
            { System = relation });
        }
        foreach (var table in catalog.Tables.Values)
        {
            var d = table.Definition;
            relations.Add(new RelationInfo(RelationOid(d.Id), d.Schema, d.Name, SchemaOid(d.Schema), 'r', () => TableColumns(d)) { Table = table });
        }
        foreach (var view in catalog.Views.Values)
        {
            var v = view;
            relations.Add(new RelationInfo(RelationOid(v.Id), v.Schema, v.Name, SchemaOid(v.Schema), 'v',
                () => describeView(v).Select(c => new AttributeInfo(c.Name, c.Type, PgTypes.Oid(c.Type), PgTypes.TypeModifier(c.Type), false, null)).ToList())
            { View = v });
        }
        foreach (var sequence in catalog.Sequences.Values)
        {
            relations.Add(new RelationInfo(RelationOid(sequence.Id), sequence.Schema, sequence.Name, SchemaOid(sequence.Schema), 'S',
                () => [new AttributeInfo("last_value", SqlType.BigInt, PgTypes.Int8, -1, true, null)]));
        }
        Relations = relations;
        foreach (var r in relations)
        {
            _relationsByOid[r.Oid] = r;
            _relationsByName.TryAdd((r.Schema, r.Name), r);
        }

        var roles = new List<RoleInfo> { new(InternalSuperuserOid, InternalSuperuser, true, true, false, -1, null, null) };
        foreach (var user in catalog.Users.Values)
            roles.Add(new RoleInfo(user.Id, user.Name, user.IsSuperuser, user.CanCreateDatabase,
                user.ScramSha256Verifier is not null || user.Md5Password is not null, user.ConnectionLimit, user.ValidUntil,
                user.ScramSha256Verifier ?? user.Md5Password));
        Roles = roles;
        foreach (var role in roles) _rolesByOid[role.Oid] = role;
    }

    public CatalogVersion Catalog { get; }

    public Session Session { get; }

    /// <summary>The session's search path (schema names, "$user" dropped).</summary>
    public IReadOnlyList<string> SearchPath { get; }

    public IReadOnlyList<NamespaceInfo> Namespaces { get; }

    public IReadOnlyList<RelationInfo> Relations { get; }

    public IReadOnlyList<RoleInfo> Roles { get; }

    /// <summary>The owner shown for every object (ownership is not tracked): the internal superuser.</summary>
    public int OwnerOid => InternalSuperuserOid;

    public static int RelationOid(long objectId) => checked(RelationOidBase + (int)objectId);

    /// <summary>PostgreSQL's fixed OIDs for its schemas; a stable hash of the name for the others.</summary>
    public static int SchemaOid(string schema) => schema switch
    {
        "pg_catalog" => PgCatalogOid,
        "public" => PublicOid,
        "information_schema" => InformationSchemaOid,
        _ => 200_000_000 + (int)(Fnv1a(schema) % 1_800_000_000u),
    };

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 16777619;
        }
        return hash;
    }

    public RelationInfo? RelationByOid(int oid) => _relationsByOid.GetValueOrDefault(oid);

    public NamespaceInfo? NamespaceByName(string name) => _namespacesByName.GetValueOrDefault(name);

    public string? NamespaceName(int oid) => Namespaces.FirstOrDefault(n => n.Oid == oid)?.Name;

    public RoleInfo? RoleByOid(int oid) => _rolesByOid.GetValueOrDefault(oid);

    public RoleInfo? RoleByName(string name) => Roles.FirstOrDefault(r => r.Name == name);

    /// <summary>pg_catalog is searched first (implicitly, as in PostgreSQL), then the search path.</summary>
    public IReadOnlyList<string> EffectiveSearchPath =>
        SearchPath.Contains("pg_catalog") ? SearchPath : ["pg_catalog", .. SearchPath];

    /// <summary>pg_table_is_visible: the first relation of that name along the search path is this one.</summary>
    public bool IsVisible(RelationInfo relation)
    {
        foreach (var schema in EffectiveSearchPath)
        {
            if (_relationsByName.TryGetValue((schema, relation.Name), out var found)) return ReferenceEquals(found, relation);
        }
        return false;
    }

    /// <summary>Resolves a relation name as written in a regclass literal ("t", "s.t", "\"T\"").</summary>
    public RelationInfo? ResolveRelation(string text)
    {
        var parts = SplitQualifiedName(text);
        if (parts.Count == 2) return _relationsByName.GetValueOrDefault((parts[0], parts[1]));
        if (parts.Count != 1) return null;
        foreach (var schema in EffectiveSearchPath)
        {
            if (_relationsByName.TryGetValue((schema, parts[0]), out var found)) return found;
        }
        return null;
    }

    /// <summary>The regclass text of a relation: qualified unless visible, quoted where needed.</summary>
    public string RegClassText(RelationInfo relation) =>
        IsVisible(relation) ? QuoteIdentifier(relation.Name) : QuoteIdentifier(relation.Schema) + "." + QuoteIdentifier(relation.Name);

    /// <summary>Splits a possibly qualified, possibly quoted name; unquoted parts fold to lower case.</summary>
    public static List<string> SplitQualifiedName(string text)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false, wasQuoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') { quoted = true; wasQuoted = true; }
            else if (c == '.') { parts.Add(wasQuoted ? current.ToString() : current.ToString().Trim().ToLowerInvariant()); current.Clear(); wasQuoted = false; }
            else current.Append(c);
        }
        parts.Add(wasQuoted ? current.ToString() : current.ToString().Trim().ToLowerInvariant());
        return parts;
    }

    /// <summary>quote_ident: double-quotes names that are not plain lower-case identifiers.</summary>
    public static string QuoteIdentifier(string name)
    {
        bool plain = name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' || c == '$');
        return plain ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static IReadOnlyList<AttributeInfo> TableColumns(TableDefinition d)
    {
        var list = new List<AttributeInfo>();
        for (int i = 0; i < d.Columns.Count; i++)
        {
            var c = d.Columns[i];
            string? defaultSql = c.Identity is { } identity
                ? $"\"identity\"({d.Id}, {i}, '{identity.Seed},{identity.Step}'::text)"
                : c.DefaultSql;
            int sortOrdinal = d.SortKeyOrdinals.ToList().IndexOf(i) + 1;
            list.Add(new AttributeInfo(c.Name, c.Type, PgTypes.Oid(c.Type), PgTypes.TypeModifier(c.Type), c.NotNull, defaultSql,
                d.DistStyle == Storage.DistStyle.Key && d.DistKeyOrdinal == i, sortOrdinal, c.Encoding.Length == 0 ? "none" : c.Encoding.ToLowerInvariant()));
        }
        return list;
    }
}
