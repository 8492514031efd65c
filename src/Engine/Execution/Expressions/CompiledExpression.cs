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

    /// <summary>
    /// Input column ordinals the expression reads (for evaluating it on a subset of rows or columns cheaply);
    /// null when unknown, which means every column must be provided.
    /// </summary>
    public IReadOnlyList<int>? ReferencedColumns { get; init; }

    /// <summary>The expression's value for every row of <paramref name="input"/> (a vector of input.RowCount rows).</summary>
    public abstract ColumnVector Evaluate(Batch input, QueryContext context);

    /// <summary>The union of the children's referenced columns, or null when any child's is unknown.</summary>
    protected static IReadOnlyList<int>? Union(IEnumerable<CompiledExpression> children)
    {
        var set = new SortedSet<int>();
        foreach (var child in children)
        {
            if (child.ReferencedColumns is not { } columns) return null;
            set.UnionWith(columns);
        }
        return [.. set];
    }

    /// <summary>
    /// The value as a kernel argument: constants may return a single-row vector, which kernels broadcast.
    /// </summary>
    public virtual ColumnVector EvaluateArgument(Batch input, QueryContext context) => Evaluate(input, context);
}

/// <summary>An input column, returned as is (no copy).</summary>
public sealed class ColumnExpression : CompiledExpression
{
    public ColumnExpression(int ordinal, SqlType type) : base(type)
    {
        Ordinal = ordinal;
        ReferencedColumns = [ordinal];
    }

    public int Ordinal { get; }

    public override ColumnVector Evaluate(Batch input, QueryContext context) => input.Columns[Ordinal];
}

/// <summary>A constant: a one-row vector for kernels, expanded to the batch's length elsewhere.</summary>
public sealed class ConstantExpression : CompiledExpression
{
    private readonly ColumnVector _single;
    private ColumnVector? _expanded;

    public ConstantExpression(object? value, SqlType type) : base(type)
    {
        ReferencedColumns = [];
        Value = value;
        _single = Vectors.VectorOps.Constant(type, value, 1);
    }

    /// <summary>Wraps the single-row result of a folded computation.</summary>
    public ConstantExpression(ColumnVector single) : base(single.Type)
    {
        ReferencedColumns = [];
        _single = single;
        Value = single.GetBoxed(0);
    }

    public object? Value { get; }

    public bool IsNull => Value is null;

    public override ColumnVector EvaluateArgument(Batch input, QueryContext context) => _single;

    public override ColumnVector Evaluate(Batch input, QueryContext context)
    {
        // Vectors are immutable once handed out, so one expansion per length can be shared.
        var cached = _expanded;
        if (cached is not null && cached.Length == input.RowCount) return cached;
        var vector = Vectors.VectorOps.Constant(Type, Value, input.RowCount);
        _expanded = vector;
        return vector;
    }
}
