using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine;

/// <summary>SQL-level PREPARE / EXECUTE / DEALLOCATE: named statements that live as long as the session (not transactional).</summary>
public sealed partial class Session
{
    private readonly Dictionary<string, PreparedStatement> _sqlPrepared = new(StringComparer.Ordinal);

    private QueryResult ExecutePrepare(PrepareStatement prepare, string sql, Transaction transaction)
    {
        if (_sqlPrepared.ContainsKey(prepare.Name))
            throw new SqlException(SqlState.DuplicatePreparedStatement, $"prepared statement \"{prepare.Name}\" already exists");
        var prepared = new PreparedStatement(StatementText(sql, prepare.Statement), prepare.Statement)
        {
            SourceText = sql,
            IsPrepared = true,
            DeclaredParameterTypes = prepare.ParameterTypes.Select(t => (SqlType?)t).ToList(),
        };
        Describe(prepared, transaction);
        _sqlPrepared.Add(prepare.Name, prepared);
        return QueryResult.Command("PREPARE");
    }

    private QueryResult ExecuteExecutePrepared(ExecutePreparedStatement execute, Transaction transaction, CancellationToken ct)
    {
        var prepared = FindSqlPrepared(execute.Name);
        if (prepared.BoundCatalogVersion != Warehouse.Transactions.Current.Version) Redescribe(prepared, transaction);
        var types = prepared.ParameterTypes;
        if (execute.Arguments.Count != types.Count)
            throw new SqlException(SqlState.SyntaxError, $"wrong number of parameters for prepared statement \"{execute.Name}\"",
                detail: $"Expected {types.Count} parameters but got {execute.Arguments.Count}.");
        var values = EvaluateArguments(execute, types, transaction, ct);
        var outer = _parameterValues;
        _parameterValues = values;
        try
        {
            return Dispatch(prepared.Statement!, prepared.SourceText, transaction, ct);
        }
        finally
        {
            _parameterValues = outer;
        }
    }

    /// <summary>Each argument cast to its parameter's type, evaluated as one SELECT row (physical values).</summary>
    private List<(SqlType Type, object? Value)> EvaluateArguments(ExecutePreparedStatement execute, IReadOnlyList<SqlType> types, Transaction transaction, CancellationToken ct)
    {
        var values = new List<(SqlType, object?)>(types.Count);
        if (types.Count == 0) return values;
        var items = new List<SelectItem>(types.Count);
        for (int i = 0; i < types.Count; i++)
        {
            var argument = execute.Arguments[i];
            items.Add(new ExprSelectItem(argument.Position, new CastExpr(argument.Position, argument, types[i]), null));
        }
        var query = Wrap(new SelectQuery(execute.Position, false, items, [], null, [], null, []));
        var result = ExecuteQuery(query, transaction, ct);
        var row = result.Batches.First(b => b.RowCount > 0);
        for (int i = 0; i < types.Count; i++) values.Add((types[i], row[i].GetBoxed(0)));
        return values;
    }

    private QueryResult ExecuteDeallocate(DeallocateStatement deallocate)
    {
        if (deallocate.Name is null)
        {
            _sqlPrepared.Clear();
            return QueryResult.Command("DEALLOCATE ALL");
        }
        FindSqlPrepared(deallocate.Name);
        _sqlPrepared.Remove(deallocate.Name);
        return QueryResult.Command("DEALLOCATE");
    }

    private PreparedStatement FindSqlPrepared(string name) => _sqlPrepared.TryGetValue(name, out var prepared)
        ? prepared
        : throw new SqlException(SqlState.InvalidSqlStatementName, $"prepared statement \"{name}\" does not exist");
}
