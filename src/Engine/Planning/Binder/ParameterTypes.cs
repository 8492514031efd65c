using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Planning.Bound;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Binder;

/// <summary>
/// Types of $1..$n while a statement is prepared: declared ones are fixed; the others start unknown and take the first
/// type their context casts them to (comparison or arithmetic with a typed operand, INSERT/UPDATE target, CAST, function
/// parameter, LIMIT), as PostgreSQL infers them. Whatever stays unknown becomes text.
/// </summary>
public sealed class ParameterTypeCollector
{
    private readonly List<SqlType> _types = new();

    public ParameterTypeCollector(IReadOnlyList<SqlType?> declared, int count)
    {
        for (int i = 0; i < Math.Max(count, declared.Count); i++)
            _types.Add(i < declared.Count && declared[i] is { } type ? type : SqlType.Unknown);
    }

    /// <summary>The type known so far for $<paramref name="index"/> (1-based); Unknown when not yet inferred.</summary>
    public SqlType TypeOf(int index, int position)
    {
        if (index < 1) throw new SqlException(SqlState.UndefinedParameter, $"there is no parameter ${index}", position + 1);
        while (_types.Count < index) _types.Add(SqlType.Unknown);
        return _types[index - 1];
    }

    /// <summary>Records the type context gave $<paramref name="index"/> (the first one wins).</summary>
    public SqlType Infer(int index, SqlType type)
    {
        var current = _types[index - 1];
        if (current.Id != TypeId.Unknown) return current;
        _types[index - 1] = type;
        return type;
    }

    /// <summary>The final types: unknown ones are text.</summary>
    public IReadOnlyList<SqlType> Result() => _types.Select(t => t.Id == TypeId.Unknown ? SqlType.Text : t).ToList();
}

/// <summary>
/// $n in a statement being prepared (only to learn types; such plans are never run). At execution parameters bind as
/// literals of their values instead.
/// </summary>
public sealed record InferredParameter(int Index, SqlType ParameterType, ParameterTypeCollector Collector) : BoundExpr(ParameterType)
{
    public override IReadOnlyList<BoundExpr> Children => [];

    public override string ToString() => "$" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
