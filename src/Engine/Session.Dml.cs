using ActorWarehouse.Engine.Catalog.Entries;
using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Planning.Logical;
using ActorWarehouse.Engine.Planning.Optimizer;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using ActorWarehouse.Engine.Storage;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;
using ColumnDefinition = ActorWarehouse.Engine.Catalog.Entries.ColumnDefinition;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>The table a DML statement changes; 42P01 when absent, 42809 for a view.</summary>
    private (string Schema, TableEntry Table) DmlTarget(QualifiedName name, Transaction transaction, string verb)
    {
        var (schema, table, view) = new QueryBinder(BinderContextFor(transaction)).ResolveRelation(name);
        if (table is not null) return (schema!, table);
        if (view is not null)
            throw new SqlException(SqlState.WrongObjectType, $"cannot {verb} view \"{name.Name}\"", name.Position + 1,
                "Views are not automatically updatable here.");
        throw new SqlException(SqlState.UndefinedTable, $"relation \"{name}\" does not exist", name.Position + 1);
    }

    /// <summary>
    /// PostgreSQL assignment conversion of a value stored into a column: unknown literals are parsed, numbers
    /// convert between each other (rounding), anything converts to text (too long is 22001); otherwise 42804.
    /// </summary>
    internal static BoundExpr AssignmentCast(BoundExpr value, ColumnDefinition column, int position)
    {
        var to = column.Type;
        var from = value.Type;
        if (from == to || from.Id == TypeId.Unknown) return Coercion.Cast(value, to);
        bool allowed = Casts.CanCastImplicitly(from, to) || (from.IsNumeric && to.IsNumeric) || to.IsString
            || (from.IsTemporal && to.IsTemporal) || (from.IsString && to.IsString);
        if (!allowed)
            throw new SqlException(SqlState.DatatypeMismatch, $"column \"{column.Name}\" is of type {to} but expression is of type {from}", position + 1,
                hint: "You will need to rewrite or cast the expression.");
        return Coercion.Cast(value, to, isExplicit: !to.IsString);
    }

    /// <summary>The bound DEFAULT of a column (NULL when it has none); identity columns are filled separately.</summary>
    private BoundExpr DefaultOf(ColumnDefinition column, QueryBinder binder)
    {
        if (column.DefaultSql is null) return BoundLiteral.Null(column.Type);
        var statements = SqlParser.Parse("SELECT " + column.DefaultSql);
        if (statements is not [SelectStatement { Query.Body: SelectQuery { Items: [ExprSelectItem item] } }])
            throw new SqlException(SqlState.DataCorrupted, $"default of column \"{column.Name}\" is unreadable");
        var expr = new ExpressionBinder(binder, Scope.Empty(null), null, "DEFAULT expressions").Bind(item.Expr);
        return AssignmentCast(expr, column, 0);
    }

    private QueryResult ExecuteInsert(InsertStatement insert, Transaction transaction, CancellationToken ct)
    {
        var (schema, table) = DmlTarget(insert.Table, transaction, "insert into");
        var definition = table.Definition;
        var binder = new QueryBinder(BinderContextFor(transaction));
        var targets = TargetColumns(insert, definition);
        var columns = definition.Columns;
        int width = columns.Count;

        Batch[] batches;
        var generateIdentity = new bool[width];
        List<bool[]>? identityPerRow = null;
        if (insert.Source is null || insert.Source is { With: null, Body: ValuesQuery, OrderBy.Count: 0, Limit: null, Offset: null })
        {
            var rows = insert.Source is null ? [Array.Empty<Expr>()] : ((ValuesQuery)insert.Source.Body).Rows;
            var valueBinder = new ExpressionBinder(binder, Scope.Empty(null), null, "VALUES");
            var defaults = columns.Select(c => c.Identity is null ? DefaultOf(c, binder) : BoundLiteral.Null(c.Type)).ToArray();
            var values = new List<IReadOnlyList<object?>>(rows.Count);
            identityPerRow = new List<bool[]>(rows.Count);
            foreach (var row in rows)
            {
                if (insert.Source is not null) CheckWidth(row.Count, targets.Count, insert);
                var full = new object?[width];
                var identity = new bool[width];
                var given = new bool[width];
                for (int k = 0; k < row.Count; k++)
                {
                    int ordinal = targets[k];
                    given[ordinal] = true;
                    if (row[k] is DefaultValueExpr)
                    {
                        identity[ordinal] = columns[ordinal].Identity is not null;
                        full[ordinal] = ConstantEvaluator.Evaluate(defaults[ordinal]);
                        continue;
                    }
                    full[ordinal] = AstWalker.ContainsSubquery(row[k])
                        ? EvaluateWithSubqueries(row[k], columns[ordinal], binder, ct)
                        : EvaluateRowValue(AssignmentCast(valueBinder.Bind(row[k]), columns[ordinal], row[k].Position));
                }
                for (int c = 0; c < width; c++)
                {
                    if (given[c]) continue;
                    identity[c] = columns[c].Identity is not null;
                    full[c] = ConstantEvaluator.Evaluate(defaults[c]);
                }
                values.Add(full);
                identityPerRow.Add(identity);
            }
            batches = values.Count == 0 ? [] : [VectorBuilder.FromRows(columns.Select(c => c.Type).ToList(), values)];
        }
        else
        {
            var bound = binder.BindStatementQuery(insert.Source);
            CheckWidth(bound.VisibleCount, targets.Count, insert);
            var exprs = new BoundExpr[width];
            var schemaColumns = bound.Plan.Schema;
            for (int c = 0; c < width; c++)
            {
                int k = targets.IndexOf(c);
                if (k >= 0)
                {
                    exprs[c] = AssignmentCast(new BoundColumnRef(k, schemaColumns[k].Type, bound.Names[k]), columns[c], insert.Source.Position);
                }
                else
                {
                    generateIdentity[c] = columns[c].Identity is not null;
                    exprs[c] = columns[c].Identity is null ? DefaultOf(columns[c], binder) : BoundLiteral.Null(columns[c].Type);
                }
            }
            var plan = new LogicalProject(bound.Plan, exprs, columns.Select(c => c.Name).ToList()) { EstimatedRows = bound.Plan.EstimatedRows };
            batches = RunPlan(plan, ct).ToArray();
        }

        var identityNext = table.IdentityNext.ToArray();
        batches = FillIdentity(batches, columns, generateIdentity, identityPerRow, identityNext);
        CheckNotNull(batches, definition);
        var (manifest, count) = WriteRows(table, table.Manifest, batches, width);
        var entry = table with { Manifest = manifest, IdentityNext = identityNext };
        transaction.Apply(transaction.Working.WithTable(entry), CatalogKeys.Table(schema, definition.Name));
        return QueryResult.Command($"INSERT 0 {count}", count);
    }

    /// <summary>A VALUES item evaluated once (constant, or statement-stable like now()); no column references are possible here.</summary>
    private static object? EvaluateRowValue(BoundExpr bound)
    {
        if (BoundExprs.Any(bound, e => e is BoundColumnRef or BoundParameter))
            throw new SqlException(SqlState.FeatureNotSupported, "this VALUES expression is not supported");
        return ConstantEvaluator.Evaluate(bound);
    }

    /// <summary>A VALUES item with subqueries: bound over one empty row, the subqueries joined onto it, run once.</summary>
    private object? EvaluateWithSubqueries(Expr expr, ColumnDefinition column, QueryBinder binder, CancellationToken ct)
    {
        var holder = new PlanHolder(new LogicalValues([], [Array.Empty<BoundExpr>()]) { EstimatedRows = 1 });
        var bound = AssignmentCast(new ExpressionBinder(binder, Scope.Empty(null), holder, "VALUES").Bind(expr), column, expr.Position);
        var batches = RunPlan(new LogicalProject(holder.Plan, [bound], [column.Name]) { EstimatedRows = 1 }, ct);
        return batches.First(b => b.RowCount > 0)[0].GetBoxed(0);
    }

    private static void CheckWidth(int given, int targets, InsertStatement insert)
    {
        if (given > targets)
            throw new SqlException(SqlState.SyntaxError, "INSERT has more expressions than target columns", insert.Position + 1);
        if (given < targets)
            throw new SqlException(SqlState.SyntaxError, "INSERT has more target columns than expressions", insert.Position + 1);
    }

    private static List<int> TargetColumns(InsertStatement insert, TableDefinition definition)
    {
        if (insert.Columns is null) return Enumerable.Range(0, definition.Columns.Count).ToList();
        var list = new List<int>();
        foreach (var name in insert.Columns)
        {
            int ordinal = definition.FindColumn(name);
            if (ordinal < 0)
                throw new SqlException(SqlState.UndefinedColumn, $"column \"{name}\" of relation \"{definition.Name}\" does not exist", insert.Position + 1);
            if (list.Contains(ordinal))
                throw new SqlException(SqlState.DuplicateColumn, $"column \"{name}\" specified more than once", insert.Position + 1);
            list.Add(ordinal);
        }
        return list;
    }

    /// <summary>Replaces identity columns' values with the next sequence values where the statement did not give one.</summary>
    private static Batch[] FillIdentity(Batch[] batches, IReadOnlyList<ColumnDefinition> columns, bool[] wholeColumn, List<bool[]>? perRow, long[] next)
    {
        bool any = wholeColumn.Any(x => x) || (perRow?.Any(r => r.Any(x => x)) ?? false);
        if (!any) return batches;
        var result = new Batch[batches.Length];
        int rowBase = 0;
        for (int b = 0; b < batches.Length; b++)
        {
            var batch = batches[b];
            var vectors = batch.Columns.ToArray();
            for (int c = 0; c < columns.Count; c++)
            {
                if (columns[c].Identity is not { } identity) continue;
                bool needed = wholeColumn[c] || (perRow is not null && Enumerable.Range(0, batch.RowCount).Any(r => perRow[rowBase + r][c]));
                if (!needed) continue;
                var values = new object?[batch.RowCount];
                for (int r = 0; r < batch.RowCount; r++)
                {
                    bool generate = wholeColumn[c] || perRow![rowBase + r][c];
                    if (generate)
                    {
                        values[r] = next[c];
                        next[c] += identity.Step;
                    }
                    else
                    {
                        values[r] = vectors[c].GetBoxed(r);
                    }
                }
                vectors[c] = VectorBuilder.Build(columns[c].Type, values);
            }
            result[b] = new Batch(vectors, batch.RowCount);
            rowBase += batch.RowCount;
        }
        return result;
    }

    private static void CheckNotNull(IEnumerable<Batch> batches, TableDefinition definition)
    {
        foreach (var batch in batches)
            for (int c = 0; c < definition.Columns.Count; c++)
                if (definition.Columns[c].NotNull && batch[c].HasNulls)
                    throw new SqlException(SqlState.NotNullViolation,
                        $"null value in column \"{definition.Columns[c].Name}\" of relation \"{definition.Name}\" violates not-null constraint");
    }

    /// <summary>Appends batches (table column order and types) to <paramref name="baseManifest"/>; returns the new manifest and row count.</summary>
    internal (TableManifest Manifest, long Rows) WriteRows(TableEntry table, TableManifest baseManifest, IEnumerable<Batch> batches, int width)
    {
        var layout = table.Definition.ToLayout();
        var writer = new TableWriter(Warehouse.Blocks, layout, baseManifest);
        long rows = 0;
        foreach (var batch in batches)
        {
            if (batch.RowCount == 0) continue;
            var columns = new ColumnVector[width];
            for (int c = 0; c < width; c++)
            {
                var vector = batch[c];
                var type = layout.ColumnType(c);
                columns[c] = vector.Type == type ? vector : Casts.Cast(vector, type, isExplicit: false);
            }
            writer.Append(new Batch(columns, batch.RowCount));
            rows += batch.RowCount;
        }
        return (rows == 0 ? baseManifest : writer.Commit(), rows);
    }

    private QueryResult ExecuteTruncate(TruncateStatement truncate, Transaction transaction)
    {
        foreach (var name in truncate.Tables)
        {
            var (schema, table) = DmlTarget(name, transaction, "truncate");
            var empty = TableManifest.Empty(table.Definition.ToLayout());
            transaction.Apply(transaction.Working.WithTable(table with { Manifest = empty }), CatalogKeys.Table(schema, table.Definition.Name));
        }
        return QueryResult.Command("TRUNCATE TABLE");
    }

    private QueryResult ExecuteDelete(DeleteStatement delete, Transaction transaction, CancellationToken ct)
    {
        if (delete.Using.Count > 0)
        {
            // DELETE FROM t USING u WHERE cond  ≡  DELETE FROM t WHERE EXISTS (SELECT 1 FROM u WHERE cond)
            var exists = new ExistsExpr(delete.Position, MatchQuery(delete.Position, new IntegerLiteral(delete.Position, 1, SqlType.Integer), delete.Using, delete.Where));
            delete = delete with { Using = [], Where = exists };
        }
        var (schema, table) = DmlTarget(delete.Table, transaction, "delete from");
        long before = table.RowCount;
        if (delete.Where is null)
        {
            var empty = TableManifest.Empty(table.Definition.ToLayout());
            transaction.Apply(transaction.Working.WithTable(table with { Manifest = empty }), CatalogKeys.Table(schema, table.Definition.Name));
            return QueryResult.Command($"DELETE {before}", before);
        }
        // The rows that stay: those where the condition is not TRUE. The table is rewritten from them.
        var (scan, binder) = TableScope(table, delete.Alias ?? table.Definition.Name, schema, transaction);
        var condition = binder.BindCondition(delete.Where);
        var keep = new BoundIsDistinctFrom(condition, BoundLiteral.Bool(true), Negated: false);
        var width = table.Definition.Columns.Count;
        var plan = new LogicalProject(new LogicalFilter(binder.Holder!.Plan, keep), Columns(table), table.Definition.Columns.Select(c => c.Name).ToList());
        var batches = RunPlan(plan, ct);
        var (manifest, kept) = WriteRows(table, TableManifest.Empty(table.Definition.ToLayout()), batches, width);
        _ = scan;
        transaction.Apply(transaction.Working.WithTable(table with { Manifest = manifest }), CatalogKeys.Table(schema, table.Definition.Name));
        return QueryResult.Command($"DELETE {before - kept}", before - kept);
    }

    private QueryResult ExecuteUpdate(UpdateStatement update, Transaction transaction, CancellationToken ct)
    {
        if (update.From.Count > 0)
        {
            // UPDATE t SET c = e FROM u WHERE cond  ≡  UPDATE t SET c = (SELECT e FROM u WHERE cond)
            //                                          WHERE EXISTS (SELECT 1 FROM u WHERE cond)
            // (a row matching several rows of u fails with 21000 instead of taking an arbitrary one).
            var assignments = update.Assignments.Select(a => a.Value is DefaultValueExpr ? a
                : a with { Value = new ScalarSubqueryExpr(a.Position, MatchQuery(a.Position, a.Value, update.From, update.Where)) }).ToList();
            var exists = new ExistsExpr(update.Position, MatchQuery(update.Position, new IntegerLiteral(update.Position, 1, SqlType.Integer), update.From, update.Where));
            update = update with { From = [], Assignments = assignments, Where = exists };
        }
        var (schema, table) = DmlTarget(update.Table, transaction, "update");
        var definition = table.Definition;
        var (_, binder) = TableScope(table, update.Alias ?? definition.Name, schema, transaction);
        var queryBinder = binder.Queries;
        BoundExpr condition = update.Where is null ? BoundLiteral.Bool(true) : binder.BindCondition(update.Where);
        var matches = new BoundIsDistinctFrom(condition, BoundLiteral.Bool(true), Negated: true);
        var exprs = Columns(table).ToArray();
        var assigned = new HashSet<int>();
        foreach (var assignment in update.Assignments)
        {
            int ordinal = definition.FindColumn(assignment.Column);
            if (ordinal < 0)
                throw new SqlException(SqlState.UndefinedColumn, $"column \"{assignment.Column}\" of relation \"{definition.Name}\" does not exist", assignment.Position + 1);
            if (!assigned.Add(ordinal))
                throw new SqlException(SqlState.DuplicateColumn, $"multiple assignments to same column \"{assignment.Column}\"", assignment.Position + 1);
            var column = definition.Columns[ordinal];
            var value = assignment.Value is DefaultValueExpr ? DefaultOf(column, queryBinder) : AssignmentCast(binder.Bind(assignment.Value), column, assignment.Value.Position);
            exprs[ordinal] = new BoundCase([new BoundWhen(matches, value)], exprs[ordinal], column.Type);
        }
        var outputs = exprs.Append(new BoundCase([new BoundWhen(matches, BoundLiteral.Bool(true))], BoundLiteral.Bool(false), SqlType.Boolean)).ToList();
        var plan = new LogicalProject(binder.Holder!.Plan, outputs, [.. definition.Columns.Select(c => c.Name), "?updated?"]);
        var batches = RunPlan(plan, ct);
        long updated = 0;
        foreach (var batch in batches)
        {
            var flags = (ColumnVector<bool>)batch[definition.Columns.Count];
            for (int r = 0; r < batch.RowCount; r++)
                if (flags.Values[r] && !flags.IsNull(r)) updated++;
        }
        CheckNotNull(batches, definition);
        var (manifest, _) = WriteRows(table, TableManifest.Empty(definition.ToLayout()), batches, definition.Columns.Count);
        transaction.Apply(transaction.Working.WithTable(table with { Manifest = manifest }), CatalogKeys.Table(schema, definition.Name));
        return QueryResult.Command($"UPDATE {updated}", updated);
    }

    /// <summary>SELECT <paramref name="item"/> FROM <paramref name="from"/> WHERE <paramref name="where"/> (correlated to the DML target).</summary>
    private static Query MatchQuery(int position, Expr item, IReadOnlyList<TableRef> from, Expr? where) =>
        new(position, null, new SelectQuery(position, false, [new ExprSelectItem(position, item, null)], from, where, [], null, []), [], null, null);

    /// <summary>A scan of the whole table and a binder over its columns (subqueries in WHERE/SET join onto the scan).</summary>
    private (LogicalScan Scan, ExpressionBinder Binder) TableScope(TableEntry table, string exposedName, string schema, Transaction transaction)
    {
        var definition = table.Definition;
        var snapshot = new Catalog.TableSnapshot(definition, table.Manifest, Warehouse.Blocks);
        var scan = new LogicalScan(snapshot, Enumerable.Range(0, definition.Columns.Count).ToList(), null) { Alias = exposedName, EstimatedRows = table.RowCount };
        var scope = new Scope(definition.Columns.Select(c => new ScopeColumn(exposedName, c.Name, c.Type, exposedName == definition.Name ? schema : null)).ToList());
        var binder = new ExpressionBinder(new QueryBinder(BinderContextFor(transaction)), scope, new PlanHolder(scan), "WHERE");
        return (scan, binder);
    }

    private static List<BoundExpr> Columns(TableEntry table) =>
        table.Definition.Columns.Select((c, i) => (BoundExpr)new BoundColumnRef(i, c.Type, c.Name)).ToList();
}
