using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.SystemCatalog;

/// <summary>The SQL-standard information_schema views over the same catalog (user schemas, tables, views and columns).</summary>
internal static class InformationSchemaRelations
{
    private const string Info = "information_schema";

    public static IEnumerable<SystemRelation> All()
    {
        yield return new SystemRelation(Info, "schemata", """
            catalog_name:name schema_name:name schema_owner:name default_character_set_catalog:name default_character_set_schema:name
            default_character_set_name:name sql_path:text
            """, s => s.Namespaces.OrderBy(n => n.Name, StringComparer.Ordinal)
                .Select(n => new object?[] { Db(s), n.Name, Owner(s), null, null, null, null })) { Kind = 'v' };

        yield return new SystemRelation(Info, "tables", """
            table_catalog:name table_schema:name table_name:name table_type:text self_referencing_column_name:name
            reference_generation:text user_defined_type_catalog:name user_defined_type_schema:name user_defined_type_name:name
            is_insertable_into:text is_typed:text commit_action:text
            """, s => s.Relations.Where(r => r.Kind is 'r' or 'v').Select(r => new object?[]
            {
                Db(s), r.Schema, r.Name, r.Kind == 'v' || r.System is { Kind: 'v' } ? "VIEW" : "BASE TABLE", null, null, null, null, null,
                r.Table is not null ? "YES" : "NO", "NO", null,
            })) { Kind = 'v' };

        yield return new SystemRelation(Info, "columns", """
            table_catalog:name table_schema:name table_name:name column_name:name ordinal_position:int4 column_default:text
            is_nullable:text data_type:text character_maximum_length:int4 character_octet_length:int4 numeric_precision:int4
            numeric_precision_radix:int4 numeric_scale:int4 datetime_precision:int4 interval_type:text interval_precision:int4
            character_set_catalog:name character_set_schema:name character_set_name:name collation_catalog:name collation_schema:name
            collation_name:name domain_catalog:name domain_schema:name domain_name:name udt_catalog:name udt_schema:name udt_name:name
            scope_catalog:name scope_schema:name scope_name:name maximum_cardinality:int4 dtd_identifier:name is_self_referencing:text
            is_identity:text identity_generation:text identity_start:text identity_increment:text identity_maximum:text
            identity_minimum:text identity_cycle:text is_generated:text generation_expression:text is_updatable:text
            """, Columns) { Kind = 'v' };

        yield return new SystemRelation(Info, "views", """
            table_catalog:name table_schema:name table_name:name view_definition:text check_option:text is_updatable:text
            is_insertable_into:text is_trigger_updatable:text is_trigger_deletable:text is_trigger_insertable_into:text
            """, s => s.Relations.Where(r => r.View is not null).Select(r => new object?[]
            {
                Db(s), r.Schema, r.Name, r.View!.QueryText, "NONE", "NO", "NO", "NO", "NO", "NO",
            })) { Kind = 'v' };

        yield return new SystemRelation(Info, "sequences", """
            sequence_catalog:name sequence_schema:name sequence_name:name data_type:text numeric_precision:int4
            numeric_precision_radix:int4 numeric_scale:int4 start_value:text minimum_value:text maximum_value:text increment:text
            cycle_option:text
            """, s => s.Catalog.Sequences.Values.Select(q => new object?[]
            {
                Db(s), q.Schema, q.Name, "bigint", 64, 2, 0, Text(q.Start), Text(q.MinValue), Text(q.MaxValue), Text(q.Increment),
                q.Cycle ? "YES" : "NO",
            })) { Kind = 'v' };

        // Constraints are not kept by the warehouse: these exist with the standard columns and no rows.
        yield return new SystemRelation(Info, "table_constraints", """
            constraint_catalog:name constraint_schema:name constraint_name:name table_catalog:name table_schema:name table_name:name
            constraint_type:text is_deferrable:text initially_deferred:text enforced:text nulls_distinct:text
            """, _ => []) { Kind = 'v' };
        yield return new SystemRelation(Info, "key_column_usage", """
            constraint_catalog:name constraint_schema:name constraint_name:name table_catalog:name table_schema:name table_name:name
            column_name:name ordinal_position:int4 position_in_unique_constraint:int4
            """, _ => []) { Kind = 'v' };
        yield return new SystemRelation(Info, "referential_constraints", """
            constraint_catalog:name constraint_schema:name constraint_name:name unique_constraint_catalog:name
            unique_constraint_schema:name unique_constraint_name:name match_option:text update_rule:text delete_rule:text
            """, _ => []) { Kind = 'v' };
        yield return new SystemRelation(Info, "constraint_column_usage", """
            table_catalog:name table_schema:name table_name:name column_name:name constraint_catalog:name constraint_schema:name
            constraint_name:name
            """, _ => []) { Kind = 'v' };
        yield return new SystemRelation(Info, "check_constraints", """
            constraint_catalog:name constraint_schema:name constraint_name:name check_clause:text
            """, _ => []) { Kind = 'v' };
        yield return new SystemRelation(Info, "routines", """
            specific_catalog:name specific_schema:name specific_name:name routine_catalog:name routine_schema:name routine_name:name
            routine_type:text data_type:text
            """, _ => []) { Kind = 'v' };
    }

    private static string Db(CatalogSnapshot s) => s.Session.Warehouse.DatabaseName;

    private static string Owner(CatalogSnapshot s) => s.RoleByOid(s.OwnerOid)?.Name ?? CatalogSnapshot.InternalSuperuser;

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>information_schema's data_type: the type's standard name without modifiers.</summary>
    internal static string DataType(SqlType type)
    {
        if (type.Id == TypeId.Varchar && type.Length == 0) return "character varying";
        var name = type.ToString();
        int paren = name.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    private static IEnumerable<object?[]> Columns(CatalogSnapshot s)
    {
        foreach (var r in s.Relations)
        {
            if (r.Kind is not ('r' or 'v')) continue;
            for (int i = 0; i < r.Columns.Count; i++)
            {
                var c = r.Columns[i];
                var t = c.Type;
                bool isString = t.IsString;
                int? precision = t.Id switch
                {
                    TypeId.Decimal => t.Precision,
                    TypeId.SmallInt => 16,
                    TypeId.Integer => 32,
                    TypeId.BigInt => 64,
                    TypeId.Real => 24,
                    TypeId.Double => 53,
                    _ => null,
                };
                int? radix = t.Id == TypeId.Decimal ? 10 : precision is null ? null : 2;
                int? scale = t.Id == TypeId.Decimal ? t.Scale : t.IsInteger ? 0 : null;
                int? datetimePrecision = t.Id is TypeId.Date ? 0 : t.Id is TypeId.Timestamp or TypeId.TimestampTz or TypeId.Interval ? 6 : null;
                var udt = PgTypeInfo.ByOid.GetValueOrDefault(c.TypeOid)?.Name ?? "text";
                bool identity = c.Default?.StartsWith("\"identity\"", StringComparison.Ordinal) ?? false;
                yield return
                [
                    Db(s), r.Schema, r.Name, c.Name, i + 1, identity ? null : c.Default,
                    c.NotNull ? "NO" : "YES", c.TypeOid is 25 or 19 or 18 ? (c.TypeOid == 25 ? "text" : c.TypeOid == 19 ? "name" : "\"char\"") : DataType(t),
                    isString && t.Length > 0 ? t.Length : null, isString ? (t.Length > 0 ? t.Length * 4 : 1073741824) : null, precision,
                    radix, scale, datetimePrecision, null, null,
                    null, null, null, null, null,
                    null, null, null, null, Db(s), "pg_catalog", udt,
                    null, null, null, null, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "NO",
                    identity ? "YES" : "NO", identity ? "BY DEFAULT" : null, null, null, null,
                    null, identity ? "NO" : null, "NEVER", null, r.Table is not null ? "YES" : "NO",
                ];
            }
        }
    }
}
