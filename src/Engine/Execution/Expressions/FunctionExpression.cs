using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Expressions;

/// <summary>A scalar function or operator: arguments evaluated as vectors (constants as one row), then one kernel call.</summary>
public sealed class FunctionExpression : CompiledExpression
{
    private readonly ScalarKernel _kernel;
    private readonly CompiledExpression[] _arguments;

    public FunctionExpression(string name, ScalarKernel kernel, CompiledExpression[] arguments, SqlType type) : base(type)
    {
        Name = name;
        _kernel = kernel;
        _arguments = arguments;
        ReferencedColumns = Union(arguments);
    }

    public string Name { get; }

    public override ColumnVector Evaluate(Batch input, QueryContext context)
    {
        int n = input.RowCount;
        var args = _arguments.Length <= 4 ? new ColumnVector[_arguments.Length] : new ColumnVector[_arguments.Length];
        for (int i = 0; i < args.Length; i++) args[i] = _arguments[i].EvaluateArgument(input, context);
        var result = _kernel(args, n, context.Functions);
        if (result.Length != n && result.Length == 1) return VectorSelection.Take(result, new int[n]);
        return result;
    }
}

/// <summary>CAST: the functions library's conversion applied to a whole vector.</summary>
public sealed class CastExpression : CompiledExpression
{
    private readonly CompiledExpression _input;
    private readonly bool _explicit;

    public CastExpression(CompiledExpression input, SqlType type, bool isExplicit) : base(type)
    {
        _input = input;
        _explicit = isExplicit;
        ReferencedColumns = input.ReferencedColumns;
    }

    public override ColumnVector Evaluate(Batch input, QueryContext context) => Casts.Cast(_input.Evaluate(input, context), Type, _explicit);
}

/// <summary>A statement parameter <c>$n</c>, read from the execution's parameter values.</summary>
public sealed class ParameterExpression : CompiledExpression
{
    private readonly int index;

    public ParameterExpression(int index, SqlType type) : base(type)
    {
        this.index = index;
        ReferencedColumns = [];
    }

    public override ColumnVector Evaluate(Batch input, QueryContext context)
    {
        if (index < 1 || index > context.Parameters.Count)
            throw new Errors.SqlException(Errors.SqlState.UndefinedParameter, $"there is no parameter ${index}");
        return Vectors.VectorOps.Constant(Type, context.Parameters[index - 1], input.RowCount);
    }
}
