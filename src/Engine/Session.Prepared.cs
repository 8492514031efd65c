using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Sql.Ast;
using ActorWarehouse.Engine.Sql.Parser;
using ActorWarehouse.Engine.Transactions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine;

public sealed partial class Session
{
    /// <summary>Values of $1..$n for the statement being executed (null outside a parameterized execution).</summary>
    private IReadOnlyList<(SqlType Type, object? Value)>? _parameterValues;

    /// <summary>The client's streams for the COPY being executed.</summary>
    private CopyStreams? _copyStreams;

    /// <summary>
    /// Simple query: parses <paramref name="sql"/> into its statements without binding them (42601 with a position on
    /// syntax errors). Run them one by one with <see cref="Execute(PreparedStatement, IReadOnlyList{object?}, CopyStreams?, CancellationToken)"/>.
    /// An empty (or ';'-only) string gives no statements.
    /// </summary>
    public IReadOnlyList<PreparedStatement> ParseStatements(string sql)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(sql);
        IReadOnlyList<Statement> statements;
        try
        {
            statements = SqlParser.Parse(sql);
        }
        catch (SqlException)
        {
            MarkFailed();
            throw;
        }
        return statements.Select(s => new PreparedStatement(StatementText(sql, s), s) { SourceText = sql }).ToList();
    }

    /// <summary>
    /// Extended query: parses exactly one statement (or none) and binds its parameter and result types. Parameter $n gets
    /// <paramref name="declaredParameterTypes"/>[n-1] when given, else the type its context implies (PostgreSQL's rules),
    /// else text.
    /// </summary>
    public PreparedStatement Prepare(string sql, IReadOnlyList<SqlType?> declaredParameterTypes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(declaredParameterTypes);
        IReadOnlyList<Statement> statements = SqlParser.Parse(sql);
        if (statements.Count > 1)
            throw new SqlException(SqlState.SyntaxError, "cannot insert multiple commands into a prepared statement");
        var prepared = new PreparedStatement(sql, statements.Count == 0 ? null : statements[0])
        {
            SourceText = sql,
            IsPrepared = true,
            DeclaredParameterTypes = declaredParameterTypes,
        };
        if (prepared.Statement is not null) Describe(prepared);
        return prepared;
    }

    /// <summary>
    /// Runs a statement from <see cref="ParseStatements"/> or <see cref="Prepare"/>. <paramref name="parameters"/> are
    /// physical values of <see cref="PreparedStatement.ParameterTypes"/> (null = SQL NULL). COPY FROM STDIN reads
    /// <paramref name="copy"/>.Input, COPY TO STDOUT writes <paramref name="copy"/>.Output.
    /// </summary>
    public QueryResult Execute(PreparedStatement statement, IReadOnlyList<object?> parameters, CopyStreams? copy, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(parameters);
        if (statement.Statement is null) return QueryResult.Command("");
        if (statement.IsPrepared && statement.BoundCatalogVersion != Warehouse.Transactions.Current.Version) Redescribe(statement);
        var types = statement.ParameterTypes;
        if (parameters.Count != types.Count)
            throw new SqlException(SqlState.ProtocolViolation,
                $"bind message supplies {parameters.Count} parameters, but prepared statement requires {types.Count}");
        if (statement.Copy != CopyDirection.None && statement.CopyColumnCount == 0 && statement.Statement is CopyStatement copyStatement)
            statement.CopyColumnCount = CopyColumns(copyStatement, _transaction ?? Warehouse.Transactions.Begin(isExplicit: false)).Count;
        _parameterValues = parameters.Select((v, i) => (types[i], v)).ToList();
        _copyStreams = copy;
        try
        {
            return ExecuteStatement(statement.Statement, statement.SourceText, cancellationToken);
        }
        finally
        {
            _parameterValues = null;
            _copyStreams = null;
        }
    }

    private static string StatementText(string sql, Statement statement)
    {
        int start = Math.Clamp(statement.Position, 0, sql.Length);
        int length = Math.Clamp(statement.Length, 0, sql.Length - start);
        return sql.Substring(start, length);
    }

    /// <summary>Binds a prepared statement again after a catalog change; its result columns must not change.</summary>
    private void Redescribe(PreparedStatement statement, Transaction? transaction = null)
    {
        var before = statement.ResultColumns;
        Describe(statement, transaction);
        if (!before.SequenceEqual(statement.ResultColumns))
            throw new SqlException(SqlState.FeatureNotSupported, "cached plan must not change result type");
    }
}
