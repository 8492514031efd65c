using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Expressions;

/// <summary>
/// An expression compiled once per plan into a tree of nodes, each evaluating a whole vector per call.
/// Immutable and thread-safe: parallel partitions share one compiled tree.
/// </summary>
public abstract class CompiledExpression
{
    protected CompiledExpression(SqlType type) => Type = type;

    public SqlType Type { get; }

    /// <summary>The expression's value for every row of <paramref name="input"/> (a vector of input.RowCount rows).</summary>
    public abstract ColumnVector Evaluate(Batch input, QueryContext context);
}

/// <summary>An input column, returned as is (no copy).</summary>
public sealed class ColumnExpression(int ordinal, SqlType type) : CompiledExpression(type)
{
    public int Ordinal { get; } = ordinal;

    public override ColumnVector Evaluate(Batch input, QueryContext context) => input.Columns[Ordinal];
}

/// <summary>A constant, expanded to a vector of the batch's length.</summary>
public sealed class ConstantExpression(object? value, SqlType type) : CompiledExpression(type)
{
    public object? Value { get; } = value;

    public override ColumnVector Evaluate(Batch input, QueryContext context) => Vectors.VectorOps.Constant(Type, Value, input.RowCount);
}
