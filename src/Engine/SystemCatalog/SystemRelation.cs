using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.SystemCatalog;

/// <summary>A column of a system relation: its SQL type here and the PostgreSQL type OID pg_attribute reports for it.</summary>
internal sealed record SystemColumn(string Name, SqlType Type, int TypeOid);

/// <summary>
/// A read-only relation computed from the catalog at each use (pg_catalog, information_schema and Redshift's system
/// views). <see cref="Rows"/> yields one value per column, in column order, as plain CLR values (converted to the
/// column's physical type when the relation is bound).
/// </summary>
internal sealed class SystemRelation
{
    public SystemRelation(string schema, string name, string columns, Func<CatalogSnapshot, IEnumerable<object?[]>> rows)
    {
        Schema = schema;
        Name = name;
        Columns = ParseColumns(columns);
        Rows = rows;
    }

    public string Schema { get; }

    public string Name { get; }

    public IReadOnlyList<SystemColumn> Columns { get; }

    public Func<CatalogSnapshot, IEnumerable<object?[]>> Rows { get; }

    /// <summary>pg_class.relkind: 'r' for catalog tables, 'v' for views.</summary>
    public char Kind { get; init; } = 'r';

    /// <summary>Readable by superusers only (pg_authid, pg_shadow hold password verifiers).</summary>
    public bool SuperuserOnly { get; init; }

    /// <summary>Parses "name:type name:type ..." where type is a PostgreSQL type name (oid, name, text, bool, int2/4/8, ...).</summary>
    private static List<SystemColumn> ParseColumns(string spec)
    {
        var list = new List<SystemColumn>();
        foreach (var part in spec.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = part.IndexOf(':', StringComparison.Ordinal);
            var name = part[..colon];
            (SqlType type, int oid) = part[(colon + 1)..] switch
            {
                "oid" => (SqlType.Integer, PgTypes.OidType),
                "regproc" => (SqlType.Integer, PgTypes.RegProc),
                "name" => (SqlType.Text, PgTypes.Name),
                "text" => (SqlType.Text, PgTypes.Text),
                "char" => (SqlType.Text, PgTypes.Char1),
                "bool" => (SqlType.Boolean, PgTypes.Bool),
                "int2" => (SqlType.SmallInt, PgTypes.Int2),
                "int4" => (SqlType.Integer, PgTypes.Int4),
                "int8" => (SqlType.BigInt, PgTypes.Int8),
                "float4" => (SqlType.Real, PgTypes.Float4),
                "float8" => (SqlType.Double, PgTypes.Float8),
                "timestamptz" => (SqlType.TimestampTz, PgTypes.TimestampTz),
                "timestamp" => (SqlType.Timestamp, PgTypes.Timestamp),
                "array" => (SqlType.Text, 1009),
                "int2vector" => (SqlType.Text, PgTypes.Int2Vector),
                "oidvector" => (SqlType.Text, PgTypes.OidVector),
                var other => throw new InvalidOperationException($"system relation column type {other} is not known"),
            };
            list.Add(new SystemColumn(name, type, oid));
        }
        return list;
    }
}
