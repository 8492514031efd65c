using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Execution.Expressions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Execution.Operators;

/// <summary>Computes one output column per expression; column references pass vectors through untouched.</summary>
public sealed class ProjectOperator(Operator input, IReadOnlyList<CompiledExpression> expressions, QueryContext context)
    : Operator(TypesOf(expressions))
{
    public override Batch? Next()
    {
        if (input.Next() is not { } batch) return null;
        var columns = new ColumnVector[expressions.Count];
        for (int i = 0; i < columns.Length; i++) columns[i] = expressions[i].Evaluate(batch, context);
        return new Batch(columns, batch.RowCount);
    }

    public override void Dispose()
    {
        input.Dispose();
        base.Dispose();
    }

    internal static SqlType[] TypesOf(IReadOnlyList<CompiledExpression> expressions)
    {
        var types = new SqlType[expressions.Count];
        for (int i = 0; i < types.Length; i++) types[i] = expressions[i].Type;
        return types;
    }
}
