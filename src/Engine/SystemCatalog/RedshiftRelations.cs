using ActorWarehouse.Engine.Activity;
using ActorWarehouse.Engine.Storage;

namespace ActorWarehouse.Engine.SystemCatalog;

/// <summary>
/// Redshift's system tables and views (in pg_catalog, as in Redshift): slices, table health, the statement history and
/// running statements of this node, COPY load errors, and the svv_/pg_table_def catalog views. As in Redshift, a user who
/// is not a superuser sees only their own rows in the stl_/stv_ tables.
/// </summary>
internal static class RedshiftRelations
{
    private const string Pg = "pg_catalog";

    public static IEnumerable<SystemRelation> All()
    {
        yield return new SystemRelation(Pg, "stv_slices", "node:int4 slice:int4 localslice:int4 type:text", s =>
            Enumerable.Range(0, s.Session.Warehouse.SliceCount).Select(i => new object?[] { 0, i, i, "D" }));

        yield return new SystemRelation(Pg, "svv_table_info", """
            database:text schema:text table_id:oid table:text encoded:text diststyle:text sortkey1:text max_varchar:int4
            sortkey1_enc:text sortkey_num:int4 size:int8 pct_used:float8 empty:int8 unsorted:float8 stats_off:float8 tbl_rows:int8
            skew_sortkey1:float8 skew_rows:float8 estimated_visible_rows:int8 risk_event:text vacuum_sort_benefit:float8
            """, TableInfo) { Kind = 'v' };

        yield return new SystemRelation(Pg, "stl_query", """
            userid:int4 query:int4 label:text xid:int8 pid:int4 database:text querytxt:text starttime:timestamp endtime:timestamp
            aborted:int4 insert_pristine:int4 concurrency_scaling_status:int4
            """, s => Visible(s, s.Session.Warehouse.Activity.History).Select(q => new object?[]
            {
                q.UserId, (int)q.QueryId, q.Label, q.QueryId, q.Pid, q.Database, q.Text, Micros(q.StartTime), Micros(q.EndTime ?? q.StartTime),
                q.Aborted ? 1 : 0, 0, 0,
            }));

        yield return new SystemRelation(Pg, "stv_inflight", """
            userid:int4 slice:int4 query:int4 label:text xid:int8 pid:int4 starttime:timestamp text:text suspended:int4
            insert_pristine:int4 concurrency_scaling_status:int4
            """, s => Visible(s, s.Session.Warehouse.Activity.Running).Select(q => new object?[]
            {
                q.UserId, 0, (int)q.QueryId, q.Label, q.QueryId, q.Pid, Micros(q.StartTime), q.Text, 0, 0, 0,
            }));

        yield return new SystemRelation(Pg, "stv_sessions", "starttime:timestamp process:int4 user_name:text db_name:text timeout_sec:int4", s =>
            s.Session.Warehouse.Activity.Sessions.Where(a => CanSee(s, a.UserId)).Select(a => new object?[]
            {
                Micros(a.BackendStart), a.Identity.BackendPid, a.Identity.UserName, a.Identity.DatabaseName, 0,
            }));

        yield return new SystemRelation(Pg, "stl_load_errors", """
            userid:int4 slice:int4 tbl:int4 starttime:timestamp session:int4 query:int4 filename:text line_number:int8 colname:text
            type:text col_length:text position:int4 raw_line:text raw_field_value:text err_code:int4 err_reason:text
            """, s => s.Session.Warehouse.LoadErrors.Select(recorded =>
            {
                var e = recorded.Error;
                return new object?[]
                {
                    100, 0, CatalogSnapshot.RelationOid(recorded.TableId), Micros(recorded.StartTime), 0, 0, e.FileName, e.LineNumber,
                    e.ColumnName, e.ColumnType, "", e.Position, e.RawLine, e.RawFieldValue, e.ErrorCode, e.ErrorReason,
                };
            }));

        yield return new SystemRelation(Pg, "pg_table_def", """
            schemaname:name tablename:name column:name type:text encoding:text distkey:bool sortkey:int4 notnull:bool
            """, s => s.Relations.Where(r => r.Table is not null && s.SearchPath.Contains(r.Schema)).SelectMany(r => r.Columns.Select(c => new object?[]
            {
                r.Schema, r.Name, c.Name, c.Type.ToString(), c.Encoding, c.IsDistKey, c.SortKeyOrdinal, c.NotNull,
            }))) { Kind = 'v' };

        yield return new SystemRelation(Pg, "svv_tables", "table_catalog:text table_schema:text table_name:text table_type:text remarks:text", s =>
            UserRelations(s).Select(r => new object?[] { Db(s), r.Schema, r.Name, r.Kind == 'v' ? "VIEW" : "BASE TABLE", null })) { Kind = 'v' };

        yield return new SystemRelation(Pg, "svv_all_schemas", """
            database_name:text schema_name:text schema_owner:int4 schema_type:text schema_acl:text source_database:text schema_option:text
            """, s => s.Namespaces.Select(n => new object?[] { Db(s), n.Name, s.OwnerOid, "local", null, null, null })) { Kind = 'v' };

        yield return new SystemRelation(Pg, "svv_all_tables", """
            database_name:text schema_name:text table_name:text table_type:text table_acl:text remarks:text
            """, s => UserRelations(s).Select(r => new object?[] { Db(s), r.Schema, r.Name, r.Kind == 'v' ? "VIEW" : "TABLE", null, null }))
        { Kind = 'v' };

        yield return new SystemRelation(Pg, "svv_columns", ColumnSpec("table_catalog:text table_schema:text"), s => ColumnRows(s)) { Kind = 'v' };
        yield return new SystemRelation(Pg, "svv_all_columns", ColumnSpec("database_name:text schema_name:text"), s => ColumnRows(s)) { Kind = 'v' };

        yield return new SystemRelation(Pg, "svv_external_schemas", "esoid:oid eskind:int2 schemaname:text esowner:int4 databasename:text esoptions:text", _ => [])
        { Kind = 'v' };
        yield return new SystemRelation(Pg, "svv_external_tables", """
            redshift_database_name:text schemaname:text tablename:text location:text input_format:text output_format:text
            serialization_lib:text serde_parameters:text compressed:int4 parameters:text tabletype:text
            """, _ => []) { Kind = 'v' };
        yield return new SystemRelation(Pg, "svv_external_columns", """
            redshift_database_name:text schemaname:text tablename:text columnname:text external_type:text columnnum:int4
            part_key:int4 is_nullable:text
            """, _ => []) { Kind = 'v' };
    }

    private static string ColumnSpec(string head) => head + """
         table_name:text column_name:text ordinal_position:int4 column_default:text is_nullable:text data_type:text
        character_maximum_length:int4 numeric_precision:int4 numeric_scale:int4 remarks:text
        """;

    private static IEnumerable<object?[]> ColumnRows(CatalogSnapshot s) =>
        UserRelations(s).SelectMany(r => r.Columns.Select((c, i) => new object?[]
        {
            Db(s), r.Schema, r.Name, c.Name, i + 1, c.Default, c.NotNull ? "NO" : "YES", InformationSchemaRelations.DataType(c.Type),
            c.Type.IsString && c.Type.Length > 0 ? c.Type.Length : null, c.Type.Id == Types.TypeId.Decimal ? c.Type.Precision : null,
            c.Type.Id == Types.TypeId.Decimal ? c.Type.Scale : null, null,
        }));

    private static IEnumerable<RelationInfo> UserRelations(CatalogSnapshot s) => s.Relations.Where(r => r.Table is not null || r.View is not null);

    private static string Db(CatalogSnapshot s) => s.Session.Warehouse.DatabaseName;

    private static object? Micros(DateTime? time) => PgCatalogAuxiliaryRelations.Micros(time);

    /// <summary>Superusers see every row of the stl_/stv_ tables, other users only their own.</summary>
    private static bool CanSee(CatalogSnapshot s, int userId) =>
        s.RoleByName(s.Session.Identity.UserName) is not { Superuser: false } role || role.Oid == userId;

    private static IEnumerable<QueryRecord> Visible(CatalogSnapshot s, IEnumerable<QueryRecord> records) => records.Where(q => CanSee(s, q.UserId));

    private static IEnumerable<object?[]> TableInfo(CatalogSnapshot s)
    {
        foreach (var r in s.Relations)
        {
            if (r.Table is not { } table) continue;
            var d = table.Definition;
            string dist = d.DistStyle == DistStyle.Key ? $"KEY({d.Columns[d.DistKeyOrdinal].Name})" : d.DistStyle.ToString().ToUpperInvariant();
            long blocks = table.Manifest.BlockIds().LongCount();
            int maxVarchar = d.Columns.Where(c => c.Type.Id == Types.TypeId.Varchar).Select(c => c.Type.Length).DefaultIfEmpty(0).Max();
            bool encoded = d.Columns.Any(c => c.Encoding.Length > 0 && !c.Encoding.Equals("raw", StringComparison.OrdinalIgnoreCase));
            yield return
            [
                Db(s), d.Schema, r.Oid, d.Name, encoded ? "Y" : "N", dist, d.SortKeyOrdinals.Count > 0 ? d.Columns[d.SortKeyOrdinals[0]].Name : null,
                maxVarchar, null, d.SortKeyOrdinals.Count, blocks, null, 0L, d.SortKeyOrdinals.Count > 0 ? 0.0 : null, 0.0, table.RowCount,
                null, null, table.RowCount, null, null,
            ];
        }
    }
}
