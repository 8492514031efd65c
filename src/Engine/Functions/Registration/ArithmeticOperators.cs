using ActorWarehouse.Engine.Functions.Kernels;
using ActorWarehouse.Engine.Functions.Resolution;
using ActorWarehouse.Engine.Types;

namespace ActorWarehouse.Engine.Functions.Registration;

/// <summary>+ - * / % and unary minus on numbers.</summary>
internal static class ArithmeticOperators
{
    private static readonly string[] Binary = ["+", "-", "*", "/", "%"];

    public static void Register(FunctionCatalog catalog)
    {
        foreach (var op in Binary)
        {
            catalog.Add(op, [TypeId.SmallInt, TypeId.SmallInt], SqlType.SmallInt, IntegerArithmetic<short>.For(op, SqlType.SmallInt));
            catalog.Add(op, [TypeId.Integer, TypeId.Integer], SqlType.Integer, IntegerArithmetic<int>.For(op, SqlType.Integer));
            catalog.Add(op, [TypeId.BigInt, TypeId.BigInt], SqlType.BigInt, IntegerArithmetic<long>.For(op, SqlType.BigInt));
        }
        catalog.Add("neg", [TypeId.SmallInt], SqlType.SmallInt, IntegerArithmetic<short>.NegateKernel(SqlType.SmallInt));
        catalog.Add("neg", [TypeId.Integer], SqlType.Integer, IntegerArithmetic<int>.NegateKernel(SqlType.Integer));
        catalog.Add("neg", [TypeId.BigInt], SqlType.BigInt, IntegerArithmetic<long>.NegateKernel(SqlType.BigInt));
    }
}
