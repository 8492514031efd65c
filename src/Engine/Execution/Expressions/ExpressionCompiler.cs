using ActorWarehouse.Engine.Columnar;
using ActorWarehouse.Engine.Errors;
using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Planning.Bound;

namespace ActorWarehouse.Engine.Execution.Expressions;

/// <summary>
/// Turns a bound expression tree into a <see cref="CompiledExpression"/> tree once per plan. Calls and casts
/// whose inputs are all constants are evaluated here (constant folding) unless the function is volatile or
/// statement-dependent; a fold that fails (1/0) is left for run time, so it only fails if a row reaches it.
/// </summary>
public static class ExpressionCompiler
{
    private static readonly FunctionContext FoldingContext = FunctionContext.ForNow();

    public static CompiledExpression Compile(BoundExpr expression) => expression switch
    {
        BoundColumnRef c => new ColumnExpression(c.Ordinal, c.Type),
        BoundLiteral l => new ConstantExpression(l.Value, l.Type),
        BoundParameter p => new ParameterExpression(p.Index, p.Type),
        BoundCast c => CompileCast(c),
        BoundFunctionCall f => CompileCall(f),
        BoundAnd a => new JunctionExpression(a.Terms.Select(Compile).ToArray(), isAnd: true),
        BoundOr o => new JunctionExpression(o.Terms.Select(Compile).ToArray(), isAnd: false),
        BoundNot n => new NotExpression(Compile(n.Input)),
        BoundIsNull i => new IsNullExpression(Compile(i.Input), i.Negated),
        BoundIsDistinctFrom d => new IsDistinctFromExpression(Compile(d.Left), Compile(d.Right), d.Negated),
        BoundCase c => new CaseExpression(c.Whens.Select(w => (Compile(w.Condition), Compile(w.Result))).ToArray(), Compile(c.Else), c.Type),
        BoundCoalesce c => new CoalesceExpression(c.Arguments.Select(Compile).ToArray(), c.Type),
        BoundInList i => new InListExpression(Compile(i.Input), i.List.Select(Compile).ToArray(), i.Negated),
        _ => throw SqlException.NotSupported($"expression {expression.GetType().Name}"),
    };

    public static CompiledExpression[] CompileAll(IReadOnlyList<BoundExpr> expressions)
    {
        var result = new CompiledExpression[expressions.Count];
        for (int i = 0; i < result.Length; i++) result[i] = Compile(expressions[i]);
        return result;
    }

    private static CompiledExpression CompileCast(BoundCast cast)
    {
        var input = Compile(cast.Input);
        if (input is ConstantExpression constant)
        {
            try
            {
                return new ConstantExpression(Casts.Cast(constant.EvaluateArgument(OneRow, null!), cast.Type, cast.IsExplicit));
            }
            catch (SqlException)
            {
                // Leave it to run time: the error must only surface if a row is evaluated.
            }
        }
        return new CastExpression(input, cast.Type, cast.IsExplicit);
    }

    private static CompiledExpression CompileCall(BoundFunctionCall call)
    {
        var args = call.Arguments.Select(Compile).ToArray();
        var function = call.Function;
        if (!function.IsVolatile && !function.IsStatementStable && args.All(a => a is ConstantExpression))
        {
            try
            {
                var single = new ColumnVector[args.Length];
                for (int i = 0; i < args.Length; i++) single[i] = args[i].EvaluateArgument(OneRow, null!);
                var folded = function.Kernel(single, 1, FoldingContext);
                if (folded.Length == 1) return new ConstantExpression(folded);
            }
            catch (SqlException)
            {
                // As for casts: keep the call so the error is raised only for rows that reach it.
            }
        }
        return new FunctionExpression(call.Name, function.Kernel, args, call.Type);
    }

    private static readonly Batch OneRow = new([], 1);
}
