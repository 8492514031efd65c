using ActorWarehouse.Engine.Catalog;
using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;
using AstColumn = ActorWarehouse.Engine.Sql.Ast.ColumnDefinition;
using AstDistStyle = ActorWarehouse.Engine.Sql.Ast.DistStyle;
using ColumnDefinition = ActorWarehouse.Engine.Catalog.Entries.ColumnDefinition;
using DistStyle = ActorWarehouse.Engine.Storage.DistStyle;
using IdentitySpec = ActorWarehouse.Engine.Catalog.Entries.IdentitySpec;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>The schema an unqualified CREATE uses, or the named one; 3F000 when it does not exist.</summary>
    private (string Schema, string Name) TargetName(QualifiedName name, CatalogVersion catalog)
    {
        var schema = name.Schema ?? BinderContextFor(_transaction ?? Warehouse.Transactions.Begin(false)).CurrentSchema;
        if (!catalog.SchemaExists(schema))
            throw new SqlException(SqlState.InvalidSchemaName, $"schema \"{schema}\" does not exist", name.Position + 1);
        if (CatalogVersion.ReservedSchemas.Contains(schema))
            throw new SqlException(SqlState.InsufficientPrivilege, $"permission denied to create \"{schema}.{name.Name}\"", name.Position + 1);
        return (schema, name.Name);
    }

    private static bool RelationExists(CatalogVersion catalog, string schema, string name) =>
        catalog.FindTable(schema, name) is not null || catalog.FindView(schema, name) is not null;

    private QueryResult ExecuteCreateTable(CreateTableStatement create, Transaction transaction)
    {
        var catalog = transaction.Working;
        var (schema, name) = TargetName(create.Name, catalog);
        if (RelationExists(catalog, schema, name))
        {
            if (create.IfNotExists)
                return new QueryResult("CREATE TABLE", [], [], 0) { Notices = [$"relation \"{name}\" already exists, skipping"] };
            throw new SqlException(SqlState.DuplicateTable, $"relation \"{name}\" already exists", create.Name.Position + 1);
        }
        List<ColumnDefinition> columns;
        if (create.Like is { } like)
        {
            var binder = new QueryBinder(BinderContextFor(transaction));
            var (_, source, _) = binder.ResolveRelation(like);
            if (source is null) throw new SqlException(SqlState.UndefinedTable, $"relation \"{like}\" does not exist", like.Position + 1);
            columns = source.Definition.Columns.Select(c => create.LikeIncludingDefaults ? c : c with { DefaultSql = null, Identity = null }).ToList();
        }
        else
        {
            columns = create.Columns.Select(BindColumnDefinition).ToList();
        }
        foreach (var constraint in create.Constraints.Where(c => c.Kind == ConstraintKind.PrimaryKey))
            foreach (var key in constraint.Columns)
            {
                int ordinal = columns.FindIndex(c => c.Name == key);
                if (ordinal < 0) throw new SqlException(SqlState.UndefinedColumn, $"column \"{key}\" named in key does not exist", constraint.Position + 1);
                columns[ordinal] = columns[ordinal] with { NotNull = true };
            }
        var entry = NewTable(catalog, schema, name, columns, create.Attributes, create.Columns.Where(c => c.DistKey).Select(c => c.Name).FirstOrDefault(),
            create.Columns.Where(c => c.SortKey).Select(c => c.Name).ToList());
        transaction.Apply(AllocatedCatalog(catalog).WithTable(entry), CatalogKeys.Table(schema, name));
        if (create.Temporary) _temporaryTables.Add((schema, name));
        return QueryResult.Command("CREATE TABLE");
    }

    private static CatalogVersion AllocatedCatalog(CatalogVersion catalog) => catalog with { NextObjectId = catalog.NextObjectId + 1 };

    private static ColumnDefinition BindColumnDefinition(AstColumn column)
    {
        if (column.Type.Id == TypeId.Decimal && column.Type.Precision > SqlType.MaxDecimalPrecision)
            throw new SqlException(SqlState.InvalidParameterValue,
                $"NUMERIC precision {column.Type.Precision} must be between 1 and {SqlType.MaxDecimalPrecision}", column.Position + 1);
        IdentitySpec? identity = null;
        if (column.Identity is { } id)
        {
            if (!column.Type.IsInteger)
                throw new SqlException(SqlState.InvalidTableDefinition, $"identity column \"{column.Name}\" must be of type SMALLINT, INTEGER or BIGINT", column.Position + 1);
            if (id.Step == 0) throw new SqlException(SqlState.InvalidParameterValue, "IDENTITY step cannot be zero", id.Position + 1);
            identity = new IdentitySpec(id.Seed, id.Step);
        }
        if (column.Encoding is { } encoding && encoding.Length > 0) _ = ColumnEncodings.Parse(encoding);
        return new ColumnDefinition(column.Name, column.Type, column.NotNull || column.PrimaryKey || identity is not null,
            column.Default is null ? null : ExprPrinter.ToSql(column.Default), identity, column.Encoding ?? "");
    }

    /// <summary>A new, empty table entry; validates names, DISTKEY/SORTKEY and duplicate columns.</summary>
    private TableEntry NewTable(CatalogVersion catalog, string schema, string name, IReadOnlyList<ColumnDefinition> columns,
        TableAttributes attributes, string? columnDistKey, IReadOnlyList<string> columnSortKey)
    {
        if (columns.Count == 0)
            throw new SqlException(SqlState.InvalidTableDefinition, "tables must have at least one column", attributes.Position + 1);
        if (columns.Count > 1600)
            throw new SqlException(SqlState.ProgramLimitExceeded, "tables can have at most 1600 columns", attributes.Position + 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in columns)
            if (!seen.Add(c.Name))
                throw new SqlException(SqlState.DuplicateColumn, $"column \"{c.Name}\" specified more than once", attributes.Position + 1);

        int Ordinal(string column)
        {
            int ordinal = columns.ToList().FindIndex(c => c.Name == column);
            if (ordinal < 0) throw new SqlException(SqlState.UndefinedColumn, $"column \"{column}\" does not exist", attributes.Position + 1);
            return ordinal;
        }

        var distKeyName = attributes.DistKey ?? columnDistKey;
        var style = attributes.DistStyle switch
        {
            AstDistStyle.Even => DistStyle.Even,
            AstDistStyle.All => DistStyle.All,
            AstDistStyle.Key => DistStyle.Key,
            AstDistStyle.Auto => DistStyle.Auto,
            _ => distKeyName is not null ? DistStyle.Key : DistStyle.Auto,
        };
        if (style == DistStyle.Key && distKeyName is null)
            throw new SqlException(SqlState.InvalidTableDefinition, "DISTSTYLE KEY requires a DISTKEY column", attributes.Position + 1);
        if (style != DistStyle.Key && distKeyName is not null && attributes.DistStyle is not null)
            throw new SqlException(SqlState.InvalidTableDefinition, $"DISTKEY is not allowed with DISTSTYLE {style.ToString().ToUpperInvariant()}", attributes.Position + 1);
        int distKey = style == DistStyle.Key ? Ordinal(distKeyName!) : -1;
        var sortNames = attributes.SortKey.Count > 0 ? attributes.SortKey : columnSortKey;
        var sortKey = sortNames.Select(Ordinal).ToList();
        long id = catalog.NextObjectId;
        var definition = new TableDefinition(id, schema, name, columns, style, distKey, sortKey, Warehouse.SliceCount);
        var manifest = TableManifest.Empty(definition.ToLayout());
        return new TableEntry(definition, manifest, columns.Select(c => c.Identity?.Seed ?? 0).ToList());
    }

    private QueryResult ExecuteCreateTableAs(CreateTableAsStatement create, Transaction transaction, CancellationToken ct)
    {
        var catalog = transaction.Working;
        var (schema, name) = TargetName(create.Name, catalog);
        if (RelationExists(catalog, schema, name))
        {
            if (create.IfNotExists)
                return new QueryResult("CREATE TABLE AS", [], [], 0) { Notices = [$"relation \"{name}\" already exists, skipping"] };
            throw new SqlException(SqlState.DuplicateTable, $"relation \"{name}\" already exists", create.Name.Position + 1);
        }
        var bound = new QueryBinder(BinderContextFor(transaction)).BindStatementQuery(create.Query);
        var names = bound.Names.ToList();
        if (create.ColumnNames is { } given)
        {
            if (given.Count > names.Count)
                throw new SqlException(SqlState.SyntaxError, "too many column names were specified", create.Position + 1);
            for (int i = 0; i < given.Count; i++) names[i] = given[i];
        }
        var schemaColumns = bound.Plan.Schema;
        var columns = names.Select((n, i) => new ColumnDefinition(n, schemaColumns[i].Type.Id == TypeId.Unknown ? SqlType.Text : schemaColumns[i].Type)).ToList();
        var entry = NewTable(catalog, schema, name, columns, create.Attributes, null, []);
        var batches = RunPlan(bound.Plan, ct);
        var (manifest, rows) = WriteRows(entry, entry.Manifest, batches, columns.Count);
        transaction.Apply(AllocatedCatalog(catalog).WithTable(entry with { Manifest = manifest }), CatalogKeys.Table(schema, name));
        if (create.Temporary) _temporaryTables.Add((schema, name));
        return QueryResult.Command($"SELECT {rows}", rows);
    }

    private QueryResult ExecuteDropTable(DropTableStatement drop, Transaction transaction)
    {
        var notices = new List<string>();
        foreach (var qualified in drop.Names)
        {
            var catalog = transaction.Working;
            var binder = new QueryBinder(BinderContextFor(transaction));
            var (schema, table, view) = binder.ResolveRelation(qualified);
            if (table is null)
            {
                if (view is not null)
                    throw new SqlException(SqlState.WrongObjectType, $"\"{qualified.Name}\" is not a table", qualified.Position + 1, hint: "Use DROP VIEW to remove a view.");
                if (drop.IfExists)
                {
                    notices.Add($"table \"{qualified.Name}\" does not exist, skipping");
                    continue;
                }
                throw new SqlException(SqlState.UndefinedTable, $"table \"{qualified.Name}\" does not exist", qualified.Position + 1);
            }
            var keys = new List<string> { CatalogKeys.Table(schema!, qualified.Name) };
            var next = catalog.WithoutTable(schema!, qualified.Name);
            foreach (var dependent in DependentViews(catalog, schema!, qualified.Name))
            {
                if (drop.Behavior != DropBehavior.Cascade)
                    throw new SqlException(SqlState.DependentObjectsStillExist, $"cannot drop table {qualified.Name} because other objects depend on it",
                        qualified.Position + 1, $"view {dependent.Name} depends on table {qualified.Name}", "Use DROP ... CASCADE to drop the dependent objects too.");
                next = next.WithoutView(dependent.Schema, dependent.Name);
                keys.Add(CatalogKeys.View(dependent.Schema, dependent.Name));
                notices.Add($"drop cascades to view {dependent.Name}");
            }
            transaction.Apply(next, keys.ToArray());
        }
        return new QueryResult("DROP TABLE", [], [], 0) { Notices = notices };
    }

    /// <summary>Views whose query names <paramref name="schema"/>.<paramref name="name"/> (directly or through other views).</summary>
    private List<ViewDefinition> DependentViews(CatalogVersion catalog, string schema, string name)
    {
        var result = new List<ViewDefinition>();
        var targets = new Queue<(string Schema, string Name)>();
        targets.Enqueue((schema, name));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (targets.Count > 0)
        {
            var (s, n) = targets.Dequeue();
            foreach (var view in catalog.Views.Values)
            {
                if (seen.Contains(view.QualifiedName) || !ViewReferences(view, s, n)) continue;
                seen.Add(view.QualifiedName);
                result.Add(view);
                targets.Enqueue((view.Schema, view.Name));
            }
        }
        return result;
    }

    private static bool ViewReferences(ViewDefinition view, string schema, string name)
    {
        try
        {
            var statements = Sql.Parser.SqlParser.Parse(view.QueryText);
            return statements is [SelectStatement select] && AstReferences.Mentions(select.Query, schema, name);
        }
        catch (SqlException)
        {
            return false;
        }
    }

    private QueryResult ExecuteCreateView(CreateViewStatement create, Transaction transaction)
    {
        var catalog = transaction.Working;
        var (schema, name) = TargetName(create.Name, catalog);
        if (catalog.FindTable(schema, name) is not null)
            throw new SqlException(SqlState.DuplicateTable, $"relation \"{name}\" already exists", create.Name.Position + 1);
        var existing = catalog.FindView(schema, name);
        if (existing is not null && !create.OrReplace)
            throw new SqlException(SqlState.DuplicateTable, $"relation \"{name}\" already exists", create.Name.Position + 1);
        if (!create.NoSchemaBinding)
        {
            var bound = new QueryBinder(BinderContextFor(transaction)).BindStatementQuery(create.Query);
            if (create.Columns is { } cols && cols.Count > bound.Names.Count)
                throw new SqlException(SqlState.SyntaxError, "CREATE VIEW specifies more column names than columns", create.Position + 1);
        }
        var view = new ViewDefinition(existing?.Id ?? catalog.NextObjectId, schema, name, create.Columns, create.QueryText);
        transaction.Apply(AllocatedCatalog(catalog).WithView(view), CatalogKeys.View(schema, name));
        return QueryResult.Command("CREATE VIEW");
    }

    private QueryResult ExecuteDropView(DropViewStatement drop, Transaction transaction)
    {
        var notices = new List<string>();
        foreach (var qualified in drop.Names)
        {
            var catalog = transaction.Working;
            var (schema, table, view) = new QueryBinder(BinderContextFor(transaction)).ResolveRelation(qualified);
            if (view is null)
            {
                if (table is not null)
                    throw new SqlException(SqlState.WrongObjectType, $"\"{qualified.Name}\" is not a view", qualified.Position + 1, hint: "Use DROP TABLE to remove a table.");
                if (drop.IfExists)
                {
                    notices.Add($"view \"{qualified.Name}\" does not exist, skipping");
                    continue;
                }
                throw new SqlException(SqlState.UndefinedTable, $"view \"{qualified.Name}\" does not exist", qualified.Position + 1);
            }
            var keys = new List<string> { CatalogKeys.View(schema!, qualified.Name) };
            var next = catalog.WithoutView(schema!, qualified.Name);
            foreach (var dependent in DependentViews(catalog, schema!, qualified.Name))
            {
                if (drop.Behavior != DropBehavior.Cascade)
                    throw new SqlException(SqlState.DependentObjectsStillExist, $"cannot drop view {qualified.Name} because other objects depend on it",
                        qualified.Position + 1, $"view {dependent.Name} depends on view {qualified.Name}", "Use DROP ... CASCADE to drop the dependent objects too.");
                next = next.WithoutView(dependent.Schema, dependent.Name);
                keys.Add(CatalogKeys.View(dependent.Schema, dependent.Name));
                notices.Add($"drop cascades to view {dependent.Name}");
            }
            transaction.Apply(next, keys.ToArray());
        }
        return new QueryResult("DROP VIEW", [], [], 0) { Notices = notices };
    }

    private static QueryResult ExecuteCreateSchema(CreateSchemaStatement create, Transaction transaction)
    {
        var catalog = transaction.Working;
        if (catalog.SchemaExists(create.Name))
        {
            if (create.IfNotExists)
                return new QueryResult("CREATE SCHEMA", [], [], 0) { Notices = [$"schema \"{create.Name}\" already exists, skipping"] };
            throw new SqlException(SqlState.DuplicateSchema, $"schema \"{create.Name}\" already exists", create.Position + 1);
        }
        if (create.Name.StartsWith("pg_", StringComparison.Ordinal))
            throw new SqlException(SqlState.ReservedName, $"unacceptable schema name \"{create.Name}\"", create.Position + 1,
                "The prefix \"pg_\" is reserved for system schemas.");
        transaction.Apply(catalog with { Schemas = catalog.Schemas.Add(create.Name) }, CatalogKeys.Schema(create.Name));
        return QueryResult.Command("CREATE SCHEMA");
    }

    private static QueryResult ExecuteDropSchema(DropSchemaStatement drop, Transaction transaction)
    {
        var notices = new List<string>();
        foreach (var name in drop.Names)
        {
            var catalog = transaction.Working;
            if (!catalog.Schemas.Contains(name))
            {
                if (CatalogVersion.ReservedSchemas.Contains(name))
                    throw new SqlException(SqlState.DependentObjectsStillExist, $"cannot drop schema {name} because it is required by the database system", drop.Position + 1);
                if (drop.IfExists)
                {
                    notices.Add($"schema \"{name}\" does not exist, skipping");
                    continue;
                }
                throw new SqlException(SqlState.InvalidSchemaName, $"schema \"{name}\" does not exist", drop.Position + 1);
            }
            var tables = catalog.Tables.Values.Where(t => t.Definition.Schema == name).ToList();
            var views = catalog.Views.Values.Where(v => v.Schema == name).ToList();
            if ((tables.Count > 0 || views.Count > 0) && drop.Behavior != DropBehavior.Cascade)
                throw new SqlException(SqlState.DependentObjectsStillExist, $"cannot drop schema {name} because other objects depend on it", drop.Position + 1,
                    hint: "Use DROP ... CASCADE to drop the dependent objects too.");
            var keys = new List<string> { CatalogKeys.Schema(name) };
            var next = catalog with { Schemas = catalog.Schemas.Remove(name) };
            foreach (var t in tables)
            {
                next = next.WithoutTable(name, t.Definition.Name);
                keys.Add(CatalogKeys.Table(name, t.Definition.Name));
            }
            foreach (var v in views)
            {
                next = next.WithoutView(name, v.Name);
                keys.Add(CatalogKeys.View(name, v.Name));
            }
            if (tables.Count + views.Count > 0) notices.Add($"drop cascades to {tables.Count + views.Count} other objects");
            transaction.Apply(next, keys.ToArray());
        }
        return new QueryResult("DROP SCHEMA", [], [], 0) { Notices = notices };
    }
}
