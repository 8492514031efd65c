using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    private QueryResult ExecuteSet(SetStatement set)
    {
        if (set.ToDefault) Settings.Reset(set.Name);
        else Settings.Set(set.Name, string.Join(", ", set.Values));
        return QueryResult.Command("SET");
    }

    private QueryResult ExecuteShow(ShowStatement show)
    {
        if (show.Name.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            var all = Settings.All();
            var batch = new Columnar.Batch([
                VectorBuilder.Build(SqlType.Text, all.Select(kv => (object?)kv.Key).ToList()),
                VectorBuilder.Build(SqlType.Text, all.Select(kv => (object?)kv.Value).ToList())], all.Count);
            return new QueryResult("SHOW", [new ResultColumn("name", SqlType.Text), new ResultColumn("setting", SqlType.Text)], [batch], all.Count);
        }
        var value = Settings.Get(show.Name);
        var single = new Columnar.Batch([VectorBuilder.Build(SqlType.Text, [value])], 1);
        return new QueryResult("SHOW", [new ResultColumn(show.Name.ToLowerInvariant(), SqlType.Text)], [single], 1);
    }

    private QueryResult ExecuteReset(ResetStatement reset)
    {
        if (reset.Name is null) Settings.ResetAll();
        else Settings.Reset(reset.Name);
        return QueryResult.Command("RESET");
    }

    /// <summary>ANALYZE: row counts come from manifests, so statistics are always current; validates the table name.</summary>
    private QueryResult ExecuteAnalyze(AnalyzeStatement analyze, Transaction transaction)
    {
        if (analyze.Table is not null) DmlTarget(analyze.Table, transaction, "analyze");
        if (analyze.Compression)
            throw new SqlException(SqlState.FeatureNotSupported, "ANALYZE COMPRESSION is not supported", analyze.Position + 1);
        return QueryResult.Command("ANALYZE");
    }

    /// <summary>VACUUM rewrites slices with deleted rows and re-sorts by the sort key (one table or all tables).</summary>
    private QueryResult ExecuteVacuum(VacuumStatement vacuum, Transaction transaction)
    {
        if (transaction.IsExplicit)
            throw new SqlException(SqlState.ActiveSqlTransaction, "VACUUM cannot run inside a transaction block", vacuum.Position + 1);
        var tables = new List<(string Schema, Catalog.Entries.TableEntry Table)>();
        if (vacuum.Table is not null) tables.Add(DmlTarget(vacuum.Table, transaction, "vacuum"));
        else tables.AddRange(transaction.Working.Tables.Values.Select(t => (t.Definition.Schema, t)));
        foreach (var (schema, table) in tables)
        {
            var manifest = TableWriter.Vacuum(Warehouse.Blocks, table.Definition.ToLayout(), table.Manifest);
            if (!ReferenceEquals(manifest, table.Manifest))
                transaction.Apply(transaction.Working.WithTable(table with { Manifest = manifest }), CatalogKeys.Table(schema, table.Definition.Name));
        }
        return QueryResult.Command("VACUUM");
    }

    /// <summary>Built-in relations: stl_load_errors (rejected COPY rows) and catalog listings.</summary>
    private (LogicalPlan Plan, IReadOnlyList<string> Names)? SystemRelationRows(string name)
    {
        if (name != "stl_load_errors") return CatalogRelationRows(name);
        var columns = new (string Name, SqlType Type)[]
        {
            ("userid", SqlType.Integer), ("slice", SqlType.Integer), ("tbl", SqlType.BigInt), ("starttime", SqlType.Timestamp),
            ("session", SqlType.Integer), ("query", SqlType.Integer), ("filename", SqlType.Text), ("line_number", SqlType.BigInt),
            ("colname", SqlType.Text), ("type", SqlType.Text), ("col_length", SqlType.Text), ("position", SqlType.Integer),
            ("raw_line", SqlType.Text), ("raw_field_value", SqlType.Text), ("err_code", SqlType.Integer), ("err_reason", SqlType.Text),
        };
        var rows = new List<IReadOnlyList<BoundExpr>>();
        foreach (var recorded in Warehouse.LoadErrors)
        {
            var e = recorded.Error;
            long micros = (recorded.StartTime.Ticks - DateTime.UnixEpoch.Ticks) / 10;
            object?[] values =
            [
                100, 0, recorded.TableId, micros, 0, 0, e.FileName, e.LineNumber, e.ColumnName, e.ColumnType, "", e.Position,
                e.RawLine, e.RawFieldValue, e.ErrorCode, e.ErrorReason,
            ];
            rows.Add(values.Select((v, i) => (BoundExpr)new BoundLiteral(v, columns[i].Type)).ToList());
        }
        var schema = columns.Select(c => new LogicalColumn(c.Name, c.Type)).ToList();
        LogicalPlan plan = rows.Count == 0 ? new LogicalEmpty(schema) : new LogicalValues(schema, rows);
        return (plan with { EstimatedRows = rows.Count }, schema.Select(c => c.Name).ToList());
    }

    /// <summary>
    /// information_schema.tables/columns/schemata, pg_tables, pg_views, pg_namespace and Redshift's svv_table_info,
    /// computed from the current transaction's catalog version.
    /// </summary>
    private (LogicalPlan Plan, IReadOnlyList<string> Names)? CatalogRelationRows(string name)
    {
        var catalog = (_transaction ?? Warehouse.Transactions.Begin(isExplicit: false)).Working;
        var text = SqlType.Text;
        (string, SqlType)[] columns;
        var rows = new List<object?[]>();
        switch (name)
        {
            case "tables":
                columns = [("table_catalog", text), ("table_schema", text), ("table_name", text), ("table_type", text)];
                foreach (var t in catalog.Tables.Values) rows.Add(["dev", t.Definition.Schema, t.Definition.Name, "BASE TABLE"]);
                foreach (var v in catalog.Views.Values) rows.Add(["dev", v.Schema, v.Name, "VIEW"]);
                break;
            case "columns":
                columns = [("table_catalog", text), ("table_schema", text), ("table_name", text), ("column_name", text), ("ordinal_position", SqlType.Integer),
                    ("column_default", text), ("is_nullable", text), ("data_type", text), ("character_maximum_length", SqlType.Integer),
                    ("numeric_precision", SqlType.Integer), ("numeric_scale", SqlType.Integer)];
                foreach (var t in catalog.Tables.Values)
                    for (int i = 0; i < t.Definition.Columns.Count; i++)
                    {
                        var c = t.Definition.Columns[i];
                        var typeName = c.Type.ToString();
                        int paren = typeName.IndexOf('(', StringComparison.Ordinal);
                        rows.Add(["dev", t.Definition.Schema, t.Definition.Name, c.Name, i + 1, c.DefaultSql, c.NotNull ? "NO" : "YES",
                            paren > 0 ? typeName[..paren] : typeName, c.Type.IsString && c.Type.Length > 0 ? c.Type.Length : null,
                            c.Type.Id == TypeId.Decimal ? c.Type.Precision : null, c.Type.Id == TypeId.Decimal ? c.Type.Scale : null]);
                    }
                break;
            case "schemata":
                columns = [("catalog_name", text), ("schema_name", text), ("schema_owner", text)];
                foreach (var schema in catalog.Schemas.Concat(CatalogVersion.ReservedSchemas).Order(StringComparer.Ordinal)) rows.Add(["dev", schema, "aw"]);
                break;
            case "pg_namespace":
                columns = [("oid", SqlType.BigInt), ("nspname", text)];
                long oid = 2200;
                foreach (var schema in catalog.Schemas.Concat(CatalogVersion.ReservedSchemas).Order(StringComparer.Ordinal)) rows.Add([oid++, schema]);
                break;
            case "pg_tables":
                columns = [("schemaname", text), ("tablename", text), ("tableowner", text)];
                foreach (var t in catalog.Tables.Values) rows.Add([t.Definition.Schema, t.Definition.Name, "aw"]);
                break;
            case "pg_views":
                columns = [("schemaname", text), ("viewname", text), ("viewowner", text), ("definition", text)];
                foreach (var v in catalog.Views.Values) rows.Add([v.Schema, v.Name, "aw", v.QueryText]);
                break;
            case "svv_table_info":
                columns = [("database", text), ("schema", text), ("table_id", SqlType.BigInt), ("table", text), ("diststyle", text),
                    ("sortkey1", text), ("tbl_rows", SqlType.BigInt), ("size", SqlType.BigInt)];
                foreach (var t in catalog.Tables.Values)
                {
                    var d = t.Definition;
                    string dist = d.DistStyle == Storage.DistStyle.Key ? $"KEY({d.Columns[d.DistKeyOrdinal].Name})" : d.DistStyle.ToString().ToUpperInvariant();
                    long blocks = t.Manifest.BlockIds().LongCount();
                    rows.Add(["dev", d.Schema, d.Id, d.Name, dist, d.SortKeyOrdinals.Count > 0 ? d.Columns[d.SortKeyOrdinals[0]].Name : null, t.RowCount, blocks]);
                }
                break;
            default:
                return null;
        }
        var schemaColumns = columns.Select(c => new LogicalColumn(c.Item1, c.Item2)).ToList();
        var bound = rows.Select(r => (IReadOnlyList<BoundExpr>)r.Select((v, i) => (BoundExpr)new BoundLiteral(v, columns[i].Item2)).ToList()).ToList();
        LogicalPlan plan = bound.Count == 0 ? new LogicalEmpty(schemaColumns) : new LogicalValues(schemaColumns, bound);
        return (plan with { EstimatedRows = bound.Count }, schemaColumns.Select(c => c.Name).ToList());
    }
}
