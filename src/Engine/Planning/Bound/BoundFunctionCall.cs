using ActorWarehouse.Engine.Functions;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Planning.Bound;

/// <summary>
/// A scalar function or operator resolved through the FunctionRegistry. Arguments are already cast to
/// <c>Function.ParameterTypes</c>; the evaluator calls <c>Function.Kernel</c> once per batch.
/// </summary>
public sealed record BoundFunctionCall(string Name, ResolvedFunction Function, IReadOnlyList<BoundExpr> Arguments)
    : BoundExpr(Function.ReturnType)
{
    public override IReadOnlyList<BoundExpr> Children => Arguments;

    public override string ToString() => Arguments.Count == 2 && !char.IsLetter(Name[0])
        ? $"({Arguments[0]} {Name} {Arguments[1]})"
        : $"{Name}({string.Join(", ", Arguments)})";
}
