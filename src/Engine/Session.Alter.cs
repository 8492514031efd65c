using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;
using ColumnDefinition = ActorWarehouse.Engine.Catalog.Entries.ColumnDefinition;
using DistStyle = ActorWarehouse.Engine.Storage.DistStyle;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>
    /// ALTER TABLE: renames and informational changes edit the definition; ADD COLUMN with a DEFAULT, DROP COLUMN,
    /// distribution/sort key changes and APPEND FROM rewrite the table's rows into a new manifest.
    /// </summary>
    private QueryResult ExecuteAlterTable(AlterTableStatement alter, Transaction transaction, CancellationToken ct)
    {
        var (_, found, view) = new Planning.Binder.QueryBinder(BinderContextFor(transaction)).ResolveRelation(alter.Table);
        if (found is null)
        {
            if (view is not null)
                throw new SqlException(SqlState.WrongObjectType, $"\"{alter.Table.Name}\" is not a table", alter.Table.Position + 1);
            if (alter.IfExists)
                return new QueryResult("ALTER TABLE", [], [], 0) { Notices = [$"relation \"{alter.Table.Name}\" does not exist, skipping"] };
            throw new SqlException(SqlState.UndefinedTable, $"relation \"{alter.Table}\" does not exist", alter.Table.Position + 1);
        }
        var table = found;
        var definition = table.Definition;
        var key = CatalogKeys.Table(definition.Schema, definition.Name);
        var catalog = transaction.Working;

        int Column(string name, int position)
        {
            int ordinal = definition.FindColumn(name);
            if (ordinal < 0)
                throw new SqlException(SqlState.UndefinedColumn, $"column \"{name}\" of relation \"{definition.Name}\" does not exist", position + 1);
            return ordinal;
        }

        switch (alter.Action)
        {
            case RenameTableAction rename:
            {
                if (RelationExists(catalog, definition.Schema, rename.NewName))
                    throw new SqlException(SqlState.DuplicateTable, $"relation \"{rename.NewName}\" already exists", rename.Position + 1);
                var renamed = table with { Definition = definition with { Name = rename.NewName } };
                transaction.Apply(catalog.WithoutTable(definition.Schema, definition.Name).WithTable(renamed),
                    key, CatalogKeys.Table(definition.Schema, rename.NewName));
                break;
            }
            case RenameColumnAction rename:
            {
                int ordinal = Column(rename.Column, rename.Position);
                if (definition.FindColumn(rename.NewName) >= 0)
                    throw new SqlException(SqlState.DuplicateColumn, $"column \"{rename.NewName}\" of relation \"{definition.Name}\" already exists", rename.Position + 1);
                var columns = definition.Columns.ToArray();
                columns[ordinal] = columns[ordinal] with { Name = rename.NewName };
                transaction.Apply(catalog.WithTable(table with { Definition = definition with { Columns = columns } }), key);
                break;
            }
            case AddColumnAction add:
            {
                if (definition.FindColumn(add.Column.Name) >= 0)
                {
                    if (add.IfNotExists)
                        return new QueryResult("ALTER TABLE", [], [], 0) { Notices = [$"column \"{add.Column.Name}\" of relation \"{definition.Name}\" already exists, skipping"] };
                    throw new SqlException(SqlState.DuplicateColumn, $"column \"{add.Column.Name}\" of relation \"{definition.Name}\" already exists", add.Position + 1);
                }
                var column = BindColumnDefinition(add.Column);
                var widened = table with
                {
                    Definition = definition with { Columns = [.. definition.Columns, column] },
                    IdentityNext = [.. table.IdentityNext, column.Identity?.Seed ?? 0],
                };
                if (column.DefaultSql is null && column.Identity is null)
                {
                    if (column.NotNull && table.RowCount > 0)
                        throw new SqlException(SqlState.NotNullViolation, $"column \"{column.Name}\" of relation \"{definition.Name}\" contains null values", add.Position + 1);
                    // Old row groups have no block for the new column: it reads as NULL.
                    transaction.Apply(catalog.WithTable(widened), key);
                    break;
                }
                if (column.Identity is not null)
                    throw new SqlException(SqlState.FeatureNotSupported, "ALTER TABLE ADD COLUMN with IDENTITY is not supported", add.Position + 1);
                var binder = new Planning.Binder.QueryBinder(BinderContextFor(transaction));
                var exprs = Columns(table).Append(DefaultOf(column, binder)).ToList();
                transaction.Apply(catalog.WithTable(Rewrite(table, widened, exprs, ct)), key);
                break;
            }
            case DropColumnAction drop:
            {
                int ordinal = definition.FindColumn(drop.Column);
                if (ordinal < 0)
                {
                    if (drop.IfExists)
                        return new QueryResult("ALTER TABLE", [], [], 0) { Notices = [$"column \"{drop.Column}\" of relation \"{definition.Name}\" does not exist, skipping"] };
                    Column(drop.Column, drop.Position);
                }
                if (definition.Columns.Count == 1)
                    throw new SqlException(SqlState.FeatureNotSupported, "cannot drop the last column of a table", drop.Position + 1);
                if (definition.DistKeyOrdinal == ordinal || definition.SortKeyOrdinals.Contains(ordinal))
                    throw new SqlException(SqlState.FeatureNotSupported, $"cannot drop column \"{drop.Column}\": it is the table's DISTKEY or part of its SORTKEY", drop.Position + 1);
                int Shift(int o) => o > ordinal ? o - 1 : o;
                var narrowed = table with
                {
                    Definition = definition with
                    {
                        Columns = definition.Columns.Where((_, i) => i != ordinal).ToList(),
                        DistKeyOrdinal = definition.DistKeyOrdinal < 0 ? -1 : Shift(definition.DistKeyOrdinal),
                        SortKeyOrdinals = definition.SortKeyOrdinals.Select(Shift).ToList(),
                    },
                    IdentityNext = table.IdentityNext.Where((_, i) => i != ordinal).ToList(),
                };
                var exprs = Columns(table).Where((_, i) => i != ordinal).ToList();
                transaction.Apply(catalog.WithTable(Rewrite(table, narrowed, exprs, ct)), key);
                break;
            }
            case AlterColumnTypeAction change:
            {
                int ordinal = Column(change.Column, change.Position);
                var old = definition.Columns[ordinal].Type;
                if (old.Id != TypeId.Varchar || change.Type.Id != TypeId.Varchar || (change.Type.Length != 0 && change.Type.Length < old.Length) || old.Length == 0)
                    throw new SqlException(SqlState.FeatureNotSupported, "target data type must be VARCHAR of a larger size (only VARCHAR columns can grow)", change.Position + 1);
                var columns = definition.Columns.ToArray();
                columns[ordinal] = columns[ordinal] with { Type = change.Type };
                transaction.Apply(catalog.WithTable(table with { Definition = definition with { Columns = columns } }), key);
                break;
            }
            case AlterColumnEncodeAction encode:
            {
                int ordinal = Column(encode.Column, encode.Position);
                _ = ColumnEncodings.Parse(encode.Encoding);
                var columns = definition.Columns.ToArray();
                columns[ordinal] = columns[ordinal] with { Encoding = encode.Encoding };
                transaction.Apply(catalog.WithTable(table with { Definition = definition with { Columns = columns } }), key);
                break;
            }
            case AlterDistributionAction distribution:
            {
                var style = distribution.Style switch
                {
                    Sql.Ast.DistStyle.Even => DistStyle.Even,
                    Sql.Ast.DistStyle.All => DistStyle.All,
                    Sql.Ast.DistStyle.Key => DistStyle.Key,
                    _ => DistStyle.Auto,
                };
                int distKey = style == DistStyle.Key ? Column(distribution.DistKey ?? "", distribution.Position) : -1;
                var redistributed = table with { Definition = definition with { DistStyle = style, DistKeyOrdinal = distKey } };
                transaction.Apply(catalog.WithTable(Rewrite(table, redistributed, Columns(table), ct)), key);
                break;
            }
            case AlterSortKeyAction sort:
            {
                var ordinals = sort.Columns.Select(c => Column(c, sort.Position)).ToList();
                var resorted = table with { Definition = definition with { SortKeyOrdinals = ordinals } };
                transaction.Apply(catalog.WithTable(Rewrite(table, resorted, Columns(table), ct)), key);
                break;
            }
            case AppendFromAction append:
                return AppendFrom(table, append, transaction, ct);
            case OwnerToAction or AddConstraintAction or DropConstraintAction or AlterEncodeAutoAction:
                // Ownership and (informational) constraints do not change data or plans here.
                break;
            default:
                throw new SqlException(SqlState.FeatureNotSupported, $"ALTER TABLE {alter.Action.GetType().Name} is not supported", alter.Position + 1);
        }
        return QueryResult.Command("ALTER TABLE");
    }

    /// <summary>Writes <paramref name="exprs"/> over every row of <paramref name="table"/> as the new table's rows.</summary>
    private TableEntry Rewrite(TableEntry table, TableEntry newTable, IReadOnlyList<BoundExpr> exprs, CancellationToken ct)
    {
        var definition = table.Definition;
        var snapshot = new Catalog.TableSnapshot(definition, table.Manifest, Warehouse.Blocks);
        var scan = new LogicalScan(snapshot, Enumerable.Range(0, definition.Columns.Count).ToList(), null) { EstimatedRows = table.RowCount };
        var plan = new LogicalProject(scan, exprs, newTable.Definition.Columns.Select(c => c.Name).ToList()) { EstimatedRows = table.RowCount };
        var batches = RunPlan(plan, ct);
        CheckNotNull(batches, newTable.Definition);
        var empty = TableManifest.Empty(newTable.Definition.ToLayout());
        var (manifest, _) = WriteRows(newTable, empty, batches, newTable.Definition.Columns.Count);
        return newTable with { Manifest = manifest };
    }

    /// <summary>ALTER TABLE target APPEND FROM source: the source's rows move to the target (matched by column name).</summary>
    private QueryResult AppendFrom(TableEntry target, AppendFromAction append, Transaction transaction, CancellationToken ct)
    {
        var (sourceSchema, source) = DmlTarget(append.Source, transaction, "append from");
        var t = target.Definition;
        var s = source.Definition;
        var exprs = new List<BoundExpr>();
        foreach (var column in t.Columns)
        {
            int ordinal = s.FindColumn(column.Name);
            if (ordinal < 0)
            {
                if (!append.FillTarget)
                    throw new SqlException(SqlState.DatatypeMismatch, $"target column \"{column.Name}\" is not in the source table (use FILLTARGET)", append.Position + 1);
                exprs.Add(BoundLiteral.Null(column.Type));
                continue;
            }
            if (s.Columns[ordinal].Type != column.Type)
                throw new SqlException(SqlState.DatatypeMismatch, $"column \"{column.Name}\" has type {s.Columns[ordinal].Type} in the source and {column.Type} in the target", append.Position + 1);
            exprs.Add(new BoundColumnRef(ordinal, column.Type, column.Name));
        }
        if (!append.IgnoreExtra && s.Columns.Any(c => t.FindColumn(c.Name) < 0))
            throw new SqlException(SqlState.DatatypeMismatch, "the source table has columns the target does not have (use IGNOREEXTRA)", append.Position + 1);
        var snapshot = new Catalog.TableSnapshot(s, source.Manifest, Warehouse.Blocks);
        var scan = new LogicalScan(snapshot, Enumerable.Range(0, s.Columns.Count).ToList(), null) { EstimatedRows = source.RowCount };
        var batches = RunPlan(new LogicalProject(scan, exprs, t.Columns.Select(c => c.Name).ToList()), ct);
        CheckNotNull(batches, t);
        var (manifest, rows) = WriteRows(target, target.Manifest, batches, t.Columns.Count);
        var catalog = transaction.Working
            .WithTable(target with { Manifest = manifest })
            .WithTable(source with { Manifest = TableManifest.Empty(s.ToLayout()) });
        transaction.Apply(catalog, CatalogKeys.Table(t.Schema, t.Name), CatalogKeys.Table(sourceSchema, s.Name));
        return QueryResult.Command("ALTER TABLE", rows);
    }

    /// <summary>CREATE INDEX: validated and accepted; a columnar warehouse uses zone maps and sort keys instead of indexes.</summary>
    private QueryResult ExecuteCreateIndex(CreateIndexStatement create, Transaction transaction)
    {
        var (_, table) = DmlTarget(create.Table, transaction, "index");
        foreach (var column in create.Columns)
            if (table.Definition.FindColumn(column) < 0)
                throw new SqlException(SqlState.UndefinedColumn, $"column \"{column}\" does not exist", create.Position + 1);
        return new QueryResult("CREATE INDEX", [], [], 0) { Notices = ["indexes are not used by this warehouse (zone maps and sort keys are); CREATE INDEX accepted without effect"] };
    }

    private static QueryResult ExecuteDropIndex(DropIndexStatement drop) =>
        new("DROP INDEX", [], [], 0) { Notices = ["indexes are not used by this warehouse; DROP INDEX accepted without effect"] };

    /// <summary>LOCK: statements already serialize through snapshot isolation and first-committer-wins; validates the tables.</summary>
    private QueryResult ExecuteLock(LockStatement lockStatement, Transaction transaction)
    {
        foreach (var name in lockStatement.Tables) DmlTarget(name, transaction, "lock");
        return QueryResult.Command("LOCK TABLE");
    }
}
