using ActorWarehouse.Engine.Planning.Binder;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>Set while a statement is described: its $n bind as typed placeholders.</summary>
    private ParameterTypeCollector? _parameterInference;

    /// <summary>Binds a prepared statement without running it: fills its parameter types, result columns and COPY width.</summary>
    private void Describe(PreparedStatement prepared, Transaction? transaction = null)
    {
        var statement = prepared.Statement!;
        int count = SqlParser.MaxParameterIndex(prepared.SourceText, statement.Position, statement.Length);
        var collector = new ParameterTypeCollector(prepared.DeclaredParameterTypes, count);
        transaction ??= _transaction ?? Warehouse.Transactions.Begin(isExplicit: false);
        _parameterInference = collector;
        try
        {
            prepared.ResultColumns = DescribeStatement(statement, transaction, out int copyColumns);
            prepared.CopyColumnCount = copyColumns;
        }
        finally
        {
            _parameterInference = null;
        }
        prepared.ParameterTypes = collector.Result();
        prepared.BoundCatalogVersion = Warehouse.Transactions.Current.Version;
    }

    private IReadOnlyList<ResultColumn> DescribeStatement(Statement statement, Transaction transaction, out int copyColumns)
    {
        copyColumns = 0;
        switch (statement)
        {
            case SelectStatement s:
                return BindForDescribe(s.Query, transaction);
            case ExecutePreparedStatement execute:
                return _sqlPrepared.TryGetValue(execute.Name, out var target) ? target.ResultColumns : [];
            case ExplainStatement:
                return [new ResultColumn("QUERY PLAN", SqlType.Text)];
            case ShowStatement show:
                return show.Name.Equals("all", StringComparison.OrdinalIgnoreCase)
                    ? [new ResultColumn("name", SqlType.Text), new ResultColumn("setting", SqlType.Text)]
                    : [new ResultColumn(show.Name.ToLowerInvariant(), SqlType.Text)];
            case CreateTableAsStatement c:
                BindForDescribe(c.Query, transaction);
                return [];
            case InsertStatement insert:
                DescribeInsert(insert, transaction);
                return [];
            case UpdateStatement update:
                DescribeUpdate(update, transaction);
                return [];
            case DeleteStatement delete:
                var probe = new SelectQuery(delete.Position, false, [new ExprSelectItem(delete.Position, new IntegerLiteral(delete.Position, 1, SqlType.Integer), null)],
                    [new NamedTableRef(delete.Table.Position, delete.Table, delete.Alias is null ? null : new TableAlias(delete.Position, delete.Alias, null)), .. delete.Using],
                    delete.Where, [], null, []);
                BindForDescribe(Wrap(probe), transaction);
                return [];
            case CopyStatement copy when copy.Path is null:
                copyColumns = CopyColumns(copy, transaction).Count;
                return [];
            default:
                return [];
        }
    }

    private static Query Wrap(QueryExpr body) => new(body.Position, null, body, [], null, null);

    private IReadOnlyList<ResultColumn> BindForDescribe(Query query, Transaction transaction)
    {
        var bound = new QueryBinder(BinderContextFor(transaction)).BindStatementQuery(query);
        return ResultColumns(bound.Plan, bound.Names, unknownAsText: true);
    }

    /// <summary>VALUES items take their target column's type (assignment context); INSERT ... SELECT binds its query.</summary>
    private void DescribeInsert(InsertStatement insert, Transaction transaction)
    {
        if (insert.Source is null) return;
        var (_, table) = DmlTarget(insert.Table, transaction, "insert into");
        var definition = table.Definition;
        var targets = TargetColumns(insert, definition);
        if (insert.Source is { Body: ValuesQuery values, With: null })
        {
            var rows = values.Rows.Select(row => (IReadOnlyList<Expr>)row.Select((item, k) => item switch
            {
                DefaultValueExpr d => new NullLiteral(d.Position),
                _ when k < targets.Count => new CastExpr(item.Position, item, definition.Columns[targets[k]].Type),
                _ => item,
            }).ToList()).ToList();
            BindForDescribe(Wrap(new ValuesQuery(values.Position, rows)), transaction);
            return;
        }
        BindForDescribe(insert.Source, transaction);
    }

    /// <summary>SET values take their column's type; WHERE and FROM bind as the equivalent SELECT.</summary>
    private void DescribeUpdate(UpdateStatement update, Transaction transaction)
    {
        var (_, table) = DmlTarget(update.Table, transaction, "update");
        var definition = table.Definition;
        var items = new List<SelectItem>();
        foreach (var assignment in update.Assignments)
        {
            int ordinal = definition.FindColumn(assignment.Column);
            if (ordinal < 0 || assignment.Value is DefaultValueExpr) continue;
            items.Add(new ExprSelectItem(assignment.Position, new CastExpr(assignment.Position, assignment.Value, definition.Columns[ordinal].Type), null));
        }
        if (items.Count == 0) items.Add(new ExprSelectItem(update.Position, new IntegerLiteral(update.Position, 1, SqlType.Integer), null));
        var alias = update.Alias is null ? null : new TableAlias(update.Position, update.Alias, null);
        var probe = new SelectQuery(update.Position, false, items, [new NamedTableRef(update.Table.Position, update.Table, alias), .. update.From],
            update.Where, [], null, []);
        BindForDescribe(Wrap(probe), transaction);
    }
}
