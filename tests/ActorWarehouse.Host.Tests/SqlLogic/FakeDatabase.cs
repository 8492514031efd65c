using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Types;
using ActorWarehouse.Host.SqlLogic;

namespace ActorWarehouse.Host.Tests.SqlLogic;

/// <summary>A scripted database: each SQL text maps to rows (physical values) or to an error.</summary>
internal sealed class FakeDatabase : ISltDatabase
{
    private readonly Dictionary<string, Func<SltResultSet?>> _answers = new(StringComparer.Ordinal);

    public List<string> Executed { get; } = [];

    public FakeDatabase Returns(string sql, SqlType[] types, params object?[][] rows)
    {
        _answers[sql] = () => new SltResultSet(types.Length, rows.Select(r => r.Select((v, c) => Value(v, types[c])).ToArray()).ToList());
        return this;
    }

    public FakeDatabase Succeeds(string sql)
    {
        _answers[sql] = () => null;
        return this;
    }

    public FakeDatabase Fails(string sql, string sqlState = SqlState.SyntaxError)
    {
        _answers[sql] = () => throw new SqlException(sqlState, "scripted failure");
        return this;
    }

    public SltResultSet? Execute(string sql, CancellationToken cancellationToken)
    {
        Executed.Add(sql);
        return _answers.TryGetValue(sql, out var answer) ? answer() : throw new SqlException(SqlState.SyntaxError, $"unscripted: {sql}");
    }

    public void Dispose()
    {
    }

    private static SltValue Value(object? physical, SqlType type) => new(physical, type, physical switch
    {
        null => null,
        bool b => b ? "t" : "f",
        long l when type.Id == TypeId.Decimal => ((decimal)l / (decimal)Math.Pow(10, type.Scale)).ToString("F" + type.Scale, System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(physical, System.Globalization.CultureInfo.InvariantCulture),
    });
}
